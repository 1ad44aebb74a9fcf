/**
 * What a command loads decides how fast a converged `devbox status` is (bench/guest-converge): the
 * built CLI must take oclif from its one vendored file and leave the HTTP stack (undici) to the
 * commands and steps that use the network. Watched from inside a real run: a preload records every
 * CommonJS module Node loads (ESM imports of CommonJS go through the same loader).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-loading-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const recorder = join(work, 'record.cjs');
writeFileSync(
  recorder,
  `const Module = require('node:module');
const fs = require('node:fs');
const loaded = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { loaded.add(Module._resolveFilename(request, parent, isMain)); } catch {}
  return load.apply(this, arguments);
};
process.on('exit', () => fs.writeFileSync(process.env.DEVBOX_TEST_LOADED, [...loaded].join('\\n')));
`,
);

function modulesLoadedBy(args: string[]): string[] {
  const out = join(work, `loaded-${args.join('-').replace(/[^\w-]/g, '')}.txt`);
  const result = runDevbox(args, {
    env: { NODE_OPTIONS: `--require ${recorder}`, DEVBOX_TEST_LOADED: out, DEVBOX_STATE_DIR: join(work, 'state') },
  });
  expect(result.stderr).not.toMatch(/Error|at .*\.js:\d+/);
  return readFileSync(out, 'utf8').split('\n').filter(Boolean);
}

describe('modules a run loads', () => {
  const manifest = join(work, 'sysctl.yaml');
  writeFileSync(manifest, 'version: 1\ndistro:\n  name: Debian\n  sysctl:\n    net.ipv4.ip_forward: 1\n');

  it('status takes oclif from the vendored bundle and does not load undici', () => {
    const loaded = modulesLoadedBy(['status', '-m', manifest, '--plane', 'guest']);
    expect(loaded.some((path) => path.endsWith('/dist/vendor/oclif-core.cjs'))).toBe(true);
    expect(loaded.filter((path) => path.includes('/node_modules/@oclif/'))).toEqual([]);
    expect(loaded.filter((path) => path.includes('/node_modules/undici/'))).toEqual([]);
  });

  it('net rank, which needs HTTP, does load undici', () => {
    const loaded = modulesLoadedBy(['net', 'rank', 'https://127.0.0.1:9/', '--budget', '200', '--json']);
    expect(loaded.some((path) => path.includes('/node_modules/undici/'))).toBe(true);
  });
});
