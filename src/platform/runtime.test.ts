import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { createRuntime } from './runtime.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-runtime-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const linux: NodeJS.ProcessEnv = {};

describe.runIf(process.platform === 'linux')('--root', () => {
  it('refuses a directory without bin/bash as a usage error, naming the fix', () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    const attempt = () => createRuntime({ dryRun: true, root: empty }, undefined, linux);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(/--root .*empty: has no bin\/bash.*debootstrap/);
  });

  it('accepts a directory holding usr/bin/bash (a merged-/usr root)', () => {
    const merged = join(work, 'merged');
    mkdirSync(join(merged, 'usr', 'bin'), { recursive: true });
    writeFileSync(join(merged, 'usr', 'bin', 'bash'), '');
    expect(createRuntime({ dryRun: true, root: merged }, undefined, linux).platform.guestDescription).toContain(merged);
  });
});
