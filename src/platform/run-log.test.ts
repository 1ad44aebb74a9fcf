import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRunLog, runLogDirectory } from './run-log.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-runlog-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('run logs', () => {
  it('one private file per run under <state>/logs, named by time, command and pid', () => {
    const env = { DEVBOX_STATE_DIR: join(work, 'a') };
    const opened = openRunLog('up', { env, now: new Date(Date.UTC(2026, 10, 30, 18, 5, 3, 123)) });
    if (!('log' in opened)) throw new Error(opened.why);
    opened.log.write('hello\n');
    opened.log.close();
    opened.log.write('after close is ignored\n');
    expect(opened.log.path).toBe(join(runLogDirectory(env), `2026-11-30T18-05-03.123Z-up-${process.pid}.log`));
    expect(readFileSync(opened.log.path, 'utf8')).toBe('hello\n');
    expect(statSync(opened.log.path).mode & 0o777).toBe(0o600);
  });

  it('keeps the newest logs and leaves other files alone', () => {
    const env = { DEVBOX_STATE_DIR: join(work, 'b') };
    const dir = runLogDirectory(env);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    for (let i = 0; i < 5; i++) {
      const opened = openRunLog('up', { env, now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), keep: 3 });
      if ('log' in opened) opened.log.close();
    }
    const names = readdirSync(dir).sort();
    expect(names).toEqual([
      `2026-01-01T00-00-02.000Z-up-${process.pid}.log`,
      `2026-01-01T00-00-03.000Z-up-${process.pid}.log`,
      `2026-01-01T00-00-04.000Z-up-${process.pid}.log`,
      'notes.txt',
    ]);
  });

  it('a state folder that cannot be written: the folder and why, no exception', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    expect(openRunLog('up', { env: { DEVBOX_STATE_DIR: join(file, 'state') } })).toEqual({
      folder: join(file, 'state', 'logs'),
      why: 'ENOTDIR',
    });
  });

  it('a state folder under /proc: the folder and why, at once (Node recursive mkdir spins there)', () => {
    expect(openRunLog('up', { env: { DEVBOX_STATE_DIR: '/proc/devbox-no-such/state' } })).toEqual({
      folder: '/proc/devbox-no-such/state/logs',
      why: 'ENOENT',
    });
  });
});
