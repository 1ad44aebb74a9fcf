/**
 * The rig's two rc93 builds (issue 12): the upstream-equivalent one (Debian's patch 0010 reversed) and Debian's
 * own. Both are real runc binaries: they identify themselves as rc93 with a commit line that tells them apart,
 * and both run a real container on this host. (The hang itself is reproduced by the doctor's tests.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingPrerequisites } from '../rig/privileges.js';
import { nodeRootfsTarball, rc93BuildCommands, rc93DebianRunc, rc93UpstreamRunc, run, tryRun } from './rig/index.js';

const unavailable = missingPrerequisites('rc93 builds', [...rc93BuildCommands, 'debootstrap', 'tar']);

describe.runIf(!unavailable)('rc93 builds from bullseye source', () => {
  let upstream: string;
  let debian: string;
  let work: string;

  beforeAll(() => {
    upstream = rc93UpstreamRunc();
    debian = rc93DebianRunc();
    mkdirSync('/var/tmp/devbox-test', { recursive: true });
    work = mkdtempSync('/var/tmp/devbox-test/rc93-');
    const rootfs = join(work, 'rootfs');
    mkdirSync(rootfs);
    run([
      'tar',
      '-C',
      rootfs,
      '-xf',
      nodeRootfsTarball(),
      './usr/bin/dash',
      './usr/lib/x86_64-linux-gnu/libc.so.6',
      './usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2',
    ]);
    run([
      'sh',
      '-c',
      'cd "$1" && ln -s usr/bin bin && ln -s usr/lib lib && ln -s usr/lib/x86_64-linux-gnu lib64 && mkdir -p proc dev sys tmp',
      'sh',
      rootfs,
    ]);
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('identifies both as rc93, told apart by the commit line', () => {
    const up = run([upstream, '--version']);
    const deb = run([debian, '--version']);
    expect(up).toMatch(/^runc version 1\.0\.0~rc93\+ds1\n/);
    expect(deb).toMatch(/^runc version 1\.0\.0~rc93\+ds1\n/);
    expect(up).toMatch(/^commit: 1\.0\.0~rc93\+ds1-\S+ with patch 0010 reversed \(upstream-equivalent rc93\)$/m);
    expect(deb).toMatch(/^commit: 1\.0\.0~rc93\+ds1-\d+\S*$/m);
    expect(up).toMatch(/^libseccomp: 2\./m);
    expect(readFileSync(upstream).equals(readFileSync(debian))).toBe(false);
  });

  it.each([['upstream'], ['debian']])('the %s build runs a real container', (which) => {
    const runc = which === 'upstream' ? upstream : debian;
    const bundle = work;
    rmSync(join(bundle, 'config.json'), { force: true });
    run([runc, 'spec', '--bundle', bundle]);
    const config = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
    config.process.terminal = false;
    config.process.args = ['/bin/dash', '-c', 'echo rc93 says hi'];
    config.root = { path: 'rootfs', readonly: true };
    writeFileSync(join(bundle, 'config.json'), JSON.stringify(config));
    const id = `devbox-rc93-${which}-${process.pid}`;
    const root = join(work, `state-${which}`);
    try {
      expect(run([runc, '--root', root, 'run', '--bundle', bundle, id], { timeoutMs: 60_000 })).toBe('rc93 says hi\n');
    } finally {
      tryRun([runc, '--root', root, 'delete', '--force', id], { timeoutMs: 30_000 });
    }
  });
});
