/**
 * `plan` and `up --dry-run` agree on a Docker Engine conflict (issue 16): the machine's own dpkg
 * state (the local system is the guest off Windows) has one engine, the manifest asks for the other.
 * The plan shows the step as an error with the reason and the fix; the dry run says it would fail,
 * with the same reason, exit 4, and changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingPrerequisites, systemTestsRequired } from '../rig/privileges.js';
import { runDevbox } from '../rig/cli.js';
import { ExitCode } from '../../src/errors.js';

/** The Docker Engine package dpkg has installed here, if any. */
function installedEngine(): 'docker.io' | 'docker-ce' | undefined {
  for (const pkg of ['docker.io', 'docker-ce'] as const) {
    try {
      const status = execFileSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}', pkg], { encoding: 'utf8' });
      if (status.startsWith('ii')) return pkg;
    } catch {
      // Not known to dpkg.
    }
  }
  return undefined;
}

const skip = missingPrerequisites('plan and dry run on a Docker Engine conflict', ['dpkg-query']);
const engine = skip ? undefined : installedEngine();
if (!skip && !engine && systemTestsRequired)
  throw new Error(
    'plan/dry-run conflict test: neither docker.io nor docker-ce is installed (.ci/run installs docker.io)',
  );

describe.runIf(!skip && engine)('plan and up --dry-run on a Docker Engine conflict', () => {
  const wanted = engine === 'docker.io' ? 'docker-ce' : 'docker.io';
  const dir = mkdtempSync(join(tmpdir(), 'devbox-conflict-'));
  const manifest = join(dir, 'devbox.yaml');
  writeFileSync(manifest, `version: 1\ncluster:\n  name: conflict-${process.pid}\n  docker:\n    engine: ${wanted}\n`);
  const env = { DEVBOX_CACHE_DIR: dir, DEVBOX_STATE_DIR: join(dir, 'state') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const reason =
    `${engine} is installed, but the manifest asks for ${wanted}: the two conflict; ` +
    `set cluster.docker.engine: ${engine}, or remove ${engine} first (sudo apt-get remove ${engine})`;
  const args = ['-m', manifest, '--only', 'cluster.docker*', '--json'];

  it('plan shows the conflict as an error; the dry run would fail with the same reason, exit 4', () => {
    const plan = runDevbox(['plan', ...args], { env, timeoutMs: 120_000 });
    expect(plan.code, plan.stderr).toBe(0);
    const steps = (JSON.parse(plan.stdout) as { steps: { id: string; action: string; reason?: string }[] }).steps;
    expect(steps).toEqual([expect.objectContaining({ id: `cluster.docker[${wanted}]`, action: 'error', reason })]);

    const dry = runDevbox(['up', '--dry-run', ...args], { env, timeoutMs: 120_000 });
    expect(dry.code, dry.stdout + dry.stderr).toBe(ExitCode.applyFailed);
    const error = (JSON.parse(dry.stdout) as { error: { message: string; suggestions: string[] } }).error;
    expect(error.message).toBe(
      `1 step(s) would fail (the dry run changed nothing):\n  cluster.docker[${wanted}]: ${reason}`,
    );
    expect(error.suggestions.join(' ')).toContain(`devbox plan -m ${manifest}`);
    expect(installedEngine()).toBe(engine);
  }, 300_000);
});
