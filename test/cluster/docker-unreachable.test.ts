/**
 * Every cluster command with Docker Engine stopped: the real devbox CLI, the real guest agent and the
 * real docker client, pointed at a socket nobody listens on (the shared rig engine cannot be stopped).
 * `cluster ps`, `cluster debug kubelet` (and `--restore`) and `doctor` exit 7 and say the engine is not
 * running / not reachable and how to start it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevbox } from '../rig/cli.js';
import { ExitCode } from '../../src/errors.js';

const unavailable = missingPrerequisites('cluster commands without Docker', ['docker']);

describe.runIf(!unavailable)('cluster commands with Docker Engine unreachable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devbox-nodocker-'));
  const manifest = join(dir, 'devbox.yaml');
  writeFileSync(manifest, `version: 1\ncluster:\n  name: nodocker-${process.pid}\n`);
  const env = { DOCKER_HOST: `unix://${join(dir, 'no-docker.sock')}`, DEVBOX_CACHE_DIR: dir };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const says =
    /Docker Engine is not running \/ not reachable in the distro \(Cannot connect to the Docker daemon at unix:\/\/.*no-docker\.sock/;
  const start = /sudo systemctl start docker/;

  it.each([
    { command: 'cluster ps', args: ['cluster', 'ps'] },
    { command: 'cluster debug kubelet', args: ['cluster', 'debug', 'kubelet'] },
    { command: 'cluster debug kubelet --restore', args: ['cluster', 'debug', 'kubelet', '--restore'] },
  ])(
    '$command exits 7 naming the engine and how to start it',
    ({ args }) => {
      const r = runDevbox([...args, '-m', manifest], { env, timeoutMs: 120_000 });
      expect(r.code, r.stderr).toBe(ExitCode.prerequisiteMissing);
      expect(r.stderr).toMatch(says);
      expect(r.stderr).toMatch(start);
      expect(r.stderr).not.toMatch(/Check the node's name|at .*\.js:\d+/);
    },
    150_000,
  );

  it('doctor exits 7 with a cluster.docker finding, and says so in --json', () => {
    const r = runDevbox(['doctor', '--only', 'cluster.*', '-m', manifest], { env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(ExitCode.prerequisiteMissing);
    expect(r.stdout).toMatch(
      new RegExp(`✗ cluster\\.docker: ${says.source}.*the cluster's nodes could not be checked`),
    );
    expect(r.stdout).toMatch(start);
    const j = runDevbox(['doctor', '--only', 'cluster.*', '--json', '-m', manifest], { env, timeoutMs: 120_000 });
    expect(j.code).toBe(ExitCode.prerequisiteMissing);
    const result = JSON.parse(j.stdout) as { dockerUnreachable?: boolean; findings: { id: string }[] };
    expect(result.dockerUnreachable).toBe(true);
    expect(result.findings.map((f) => f.id)).toContain('cluster.docker');
  }, 300_000);
});
