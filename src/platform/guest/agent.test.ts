import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeProcessRunner } from '../process.js';
import { GuestRunner } from './runner.js';
import { localTransport } from './transports.js';

// The real agent in a real bash, with read-only operations only.
const guest = new GuestRunner(localTransport(), new NodeProcessRunner());
const dir = mkdtempSync(join(tmpdir(), 'dbx-agent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the guest agent', () => {
  it('passes every field through exactly, short (decoded in bash) and long (decoded by base64)', async () => {
    const values = [
      'plain',
      '$(touch /tmp/pwned) `id` ; rm -rf / \\c \\x41 %s %b',
      'ünïcødé ✓\n\n',
      ' lead and trail ',
      'x'.repeat(159),
      `${'y'.repeat(300)}\n`,
      '',
    ];
    const results = await guest.run(
      values.map((v) => ({ op: 'run' as const, argv: ['printf', '%s', v], readOnly: true as const })),
    );
    expect(results.map((r) => r.stdout.toString('utf8'))).toEqual(values);
    expect(results.every((r) => r.code === 0 && r.stderr.length === 0)).toBe(true);
  });

  it('reads files, symlinks (exact target) and /proc files, and reports missing ones', async () => {
    writeFileSync(join(dir, 'f'), 'content\n');
    symlinkSync('f', join(dir, 'link'));
    const [file, link, proc, missing] = await guest.run([
      { op: 'read', path: join(dir, 'f') },
      { op: 'read', path: join(dir, 'link') },
      { op: 'read', path: '/proc/sys/kernel/ostype' },
      { op: 'read', path: join(dir, 'none') },
    ]);
    expect(file!.file).toMatchObject({ kind: 'file', content: Buffer.from('content\n') });
    expect(link!.file).toMatchObject({ kind: 'symlink', target: 'f', content: Buffer.from('content\n') });
    expect(proc!.file?.content?.toString()).toBe('Linux\n');
    expect(missing!.file?.kind).toBe('missing');
  });
});

describe("the agent's progress channel (fd 3)", () => {
  it('passes apt status lines written to fd 3 to the observer while the command runs, not into its output', async () => {
    const seen: unknown[] = [];
    const script = [
      'echo "dlstatus:1:25.5:Retrieving file 1 of 2" >&3',
      'echo "pmstatus:tree:amd64:80.0000:Configuring tree (amd64)" >&3',
      'echo "not a status line" >&3',
      'echo out; echo err >&2',
    ].join('; ');
    const [result] = await guest.run([{ op: 'run', argv: ['bash', '-c', script], readOnly: true }], {
      progress: (p) => seen.push(p),
    });
    expect(seen).toEqual([
      { kind: 'apt', phase: 'download', percent: 25.5, text: 'Retrieving file 1 of 2' },
      { kind: 'apt', phase: 'install', percent: 80, text: 'Configuring tree (amd64)' },
    ]);
    expect(result!.stdout.toString()).toBe('out\n');
    expect(result!.stderr.toString()).toBe('err\n');
  });
});
