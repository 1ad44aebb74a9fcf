/**
 * `cluster.docker`: Docker Engine in the distro (kind-runc.md §6). `docker-ce` from Docker's apt
 * repository (or a mirror of it; the signing key is checked by fingerprint before apt trusts it),
 * or the distribution's `docker.io`. The systemd service enabled and running, the user in the
 * `docker` group, devbox's keys of /etc/docker/daemon.json merged. The Engine's own runc (the one
 * that runs the kind node containers) is judged by the floor and reported.
 */
import { ApplyFailedError, PrerequisiteError } from '../../errors.js';
import { t } from '../../i18n/catalogue.js';
import type { ApplyContext, Finding, ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { fileText, stdoutText, type GuestOp } from '../../engine/ports/guest.js';
import { daemonJsonChanges, daemonJsonPath, renderDaemonJson, type DaemonSettings } from './daemon-json.js';
import { clusterUser, errorText, probeParams, type ClusterDesired } from './desired.js';
import { clusterProbeOp, parseClusterProbe, type ClusterFacts } from './probe.js';
import { judgeRuncBuild, type RuncBuildVerdict } from './runc-floor.js';
import { dockerAptMirrors, dockerKeyFingerprint, type DockerAptMirrorName } from './sources.js';

export interface DockerDesired {
  engine: 'docker-ce' | 'docker.io';
  aptMirror: DockerAptMirrorName | string;
  daemon: DaemonSettings;
}

interface DockerActual {
  facts: ClusterFacts;
  daemonJson: string;
  daemonJsonExists: boolean;
  user: string;
}

export const dockerSourcesPath = '/etc/apt/sources.list.d/docker.sources';
export const dockerKeyringPath = '/etc/apt/keyrings/docker.asc';

/** The runc of the Engine, from `docker info` (RuncCommit.ID: a git description or a package version). */
export function engineRunc(facts: ClusterFacts): RuncBuildVerdict | undefined {
  const id = (facts.docker.info?.RuncCommit as { ID?: string } | undefined)?.ID;
  if (!id) return undefined;
  const described = /^v?(\d+\.\d+\.\d+(?:-rc\.?\d+)?)-\d+-g[0-9a-f]+$/.exec(id);
  return judgeRuncBuild(described ? described[1]! : id);
}

const installed = (facts: ClusterFacts, pkg: string) => facts.packages[pkg]?.installed === true;

/** Builds the Docker Engine resource. */
export function dockerResource(
  desired: DockerDesired,
  cluster: ClusterDesired,
  options: { dependsOn?: string[]; probeAfter?: string[] } = {},
): ManagedResource<DockerActual> {
  const enginePackage = desired.engine === 'docker-ce' ? 'docker-ce' : 'docker.io';
  const mirror =
    desired.aptMirror in dockerAptMirrors
      ? dockerAptMirrors[desired.aptMirror as DockerAptMirrorName]
      : desired.aptMirror.replace(/\/+$/, '');
  return {
    kind: 'managed',
    type: 'cluster.docker',
    key: desired.engine,
    plane: 'guest',
    needsElevation: false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: t('summary.docker', {
      engine: desired.engine,
      mirror: desired.engine === 'docker-ce' ? String(mirror) : '',
    }),

    async get(ctx) {
      const [probe, daemon] = await ctx.guest.run([
        clusterProbeOp(probeParams(cluster)),
        { op: 'read', path: daemonJsonPath },
      ]);
      const facts = parseClusterProbe(probe!);
      return {
        facts,
        daemonJson: fileText(daemon!) ?? '',
        daemonJsonExists: daemon!.file?.kind === 'file',
        user: clusterUser(facts, cluster).user,
      };
    },

    test(actual): TestResult {
      const { facts } = actual;
      const changes: PropertyChange[] = [];
      const notes: string[] = [];
      if (!installed(facts, enginePackage))
        changes.push({
          property: 'package',
          before: facts.docker.installed ? 'another Docker' : 'not installed',
          after: enginePackage,
        });
      if (facts.pid1 !== 'systemd') notes.push(t('note.noSystemd'));
      if (facts.service?.enabled !== 'enabled')
        changes.push({ property: 'service enabled', before: facts.service?.enabled ?? 'unknown', after: 'enabled' });
      if (!facts.docker.running)
        changes.push({
          property: 'service running',
          before: facts.docker.installed ? 'not running' : 'not installed',
          after: 'running',
        });
      if (actual.user !== 'root' && !facts.dockerGroupMembers?.includes(actual.user))
        changes.push({ property: `docker group has ${actual.user}`, before: false, after: true });
      changes.push(...daemonJsonChanges(actual.daemonJson, desired.daemon));
      const runc = engineRunc(facts);
      if (runc && !runc.safe)
        notes.push(t('note.engineRunc', { reason: runc.reason, dockerIo: desired.engine === 'docker.io' }));
      // Visible from dpkg's state: the plan says so rather than a run finding out by trying.
      const other = desired.engine === 'docker-ce' ? 'docker.io' : 'docker-ce';
      const conflict = !installed(facts, enginePackage) && installed(facts, other);
      return {
        inDesiredState: changes.length === 0,
        action: installed(facts, enginePackage) ? 'update' : 'create',
        changes,
        notes,
        ...(conflict
          ? {
              cannotApply: [
                t('cluster.engineConflict', { other, wanted: enginePackage }),
                t('cluster.engineConflictFix', { other }),
              ].join(t('list.separator')),
            }
          : {}),
      };
    },

    diagnose(actual): Finding[] {
      const runc = engineRunc(actual.facts);
      if (!runc) return [];
      return [
        runc.safe
          ? { severity: 'ok', message: t('docker.engineRunc', { verdict: runc.reason }) }
          : {
              severity: 'problem',
              message: t('docker.engineRunc', { verdict: runc.reason }),
              // The runc is the installed engine's: docker.io's is replaced by docker-ce (by the manifest
              // or, when it already asks for docker-ce, by removing docker.io), docker-ce's by upgrading.
              fix: !installed(actual.facts, 'docker.io')
                ? t('docker.engineRuncFixUpgrade')
                : desired.engine === 'docker-ce'
                  ? t('docker.engineRuncFixRemove')
                  : t('docker.engineRuncFix'),
            },
      ];
    },

    async apply(actual, ctx) {
      const { facts } = actual;
      const run = async (ops: GuestOp[], what: string) => {
        const results = await ctx.guest.run(ops);
        const failed = results.findIndex((r) => r.code !== 0);
        if (failed >= 0)
          throw new ApplyFailedError(t('clusterStep.stepFailed', { what, error: errorText(results[failed]!) }), {
            code: 'cluster.docker',
          });
        return results;
      };
      const apt = (...args: string[]): GuestOp => ({
        op: 'run',
        argv: ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-y', '-o', 'Dpkg::Use-Pty=0', ...args],
      });
      // A conflicting engine never gets here: test() reports it (cannotApply) and no run applies.
      if (!installed(facts, enginePackage)) {
        if (desired.engine === 'docker-ce') await addDockerRepository(ctx, mirror, facts, run);
        await run(
          [
            apt('update'),
            apt(
              'install',
              '--no-install-recommends',
              ...(desired.engine === 'docker-ce' ? ['docker-ce', 'docker-ce-cli', 'containerd.io'] : ['docker.io']),
            ),
          ],
          t('clusterStep.installing', { what: enginePackage }),
        );
        ctx.report(t('detail.installed', { what: enginePackage }));
      }
      const content = renderDaemonJson(actual.daemonJson, desired.daemon);
      const daemonChanged = content !== actual.daemonJson;
      if (daemonChanged)
        await run(
          [{ op: 'write', path: daemonJsonPath, content, ...(actual.daemonJsonExists ? {} : { mode: '644' }) }],
          t('clusterStep.writing', { path: daemonJsonPath }),
        );
      if (facts.pid1 !== 'systemd') {
        throw new PrerequisiteError(t('cluster.noSystemd'), {
          code: 'cluster.systemd',
          suggestions: [t('cluster.noSystemdFix')],
        });
      }
      await run([{ op: 'run', argv: ['systemctl', 'enable', '--now', 'docker'] }], t('clusterStep.startingDocker'));
      if (daemonChanged && facts.docker.running)
        await run([{ op: 'run', argv: ['systemctl', 'restart', 'docker'] }], t('clusterStep.restartingDocker'));
      if (actual.user !== 'root' && !facts.dockerGroupMembers?.includes(actual.user)) {
        await run(
          [{ op: 'run', argv: ['usermod', '-aG', 'docker', '--', actual.user] }],
          t('clusterStep.addingUser', { user: actual.user }),
        );
        ctx.report(t('detail.dockerGroup', { user: actual.user }));
      }
      const [info] = await ctx.guest.run([{ op: 'run', argv: ['docker', 'info', '--format', '{{.ServerVersion}}'] }]);
      if (info!.code !== 0)
        throw new ApplyFailedError(t('cluster.dockerSilent', { error: errorText(info!) }), {
          code: 'cluster.docker',
        });
      ctx.report(
        t('detail.dockerRunning', {
          version: stdoutText(info!).trim(),
          daemonJson: daemonChanged ? daemonJsonPath : '',
        }),
      );
    },
  };
}

/** Docker's key (fetched over TLS, then checked by fingerprint in the distro) and deb822 source. */
async function addDockerRepository(
  ctx: ApplyContext,
  mirror: string,
  facts: ClusterFacts,
  run: (ops: GuestOp[], what: string) => Promise<unknown>,
): Promise<void> {
  const distro = facts.os.ID === 'debian' ? 'debian' : 'ubuntu';
  const suite = facts.os.UBUNTU_CODENAME || facts.os.VERSION_CODENAME;
  if (!suite) throw new ApplyFailedError(t('cluster.noCodename'), { code: 'cluster.docker' });
  if (!ctx.net?.fetchText)
    throw new PrerequisiteError(t('cluster.keyNeedsNet'), {
      code: 'cluster.docker.net',
    });
  const key = await ctx.net.fetchText([
    `${mirror}/linux/${distro}/gpg`,
    `${dockerAptMirrors.docker}/linux/${distro}/gpg`,
  ]);
  const staged = `${dockerKeyringPath}.devbox-new`;
  const [, shown] = (await run(
    [
      { op: 'write', path: staged, content: key, mode: '644' },
      { op: 'run', argv: ['gpg', '--show-keys', '--with-colons', '--', staged] },
    ],
    "checking Docker's key",
  )) as { stdout: Buffer }[];
  const fingerprints = shown!.stdout
    .toString('utf8')
    .split('\n')
    .filter((l) => l.startsWith('fpr:'))
    .map((l) => l.split(':')[9]);
  if (!fingerprints.includes(dockerKeyFingerprint)) {
    await ctx.guest.run([{ op: 'remove', path: staged }]);
    throw new ApplyFailedError(
      t('cluster.wrongKey', {
        mirror: String(mirror),
        fingerprints: fingerprints.join(', ') || t('cluster.none'),
        want: dockerKeyFingerprint,
      }),
      { code: 'cluster.docker.key' },
    );
  }
  const sources = `Types: deb\nURIs: ${mirror}/linux/${distro}\nSuites: ${suite}\nComponents: stable\nSigned-By: ${dockerKeyringPath}\n`;
  await run(
    [
      { op: 'run', argv: ['mv', '-f', '--', staged, dockerKeyringPath] },
      { op: 'write', path: dockerSourcesPath, content: sources, mode: '644' },
    ],
    "adding Docker's repository",
  );
  ctx.report(t('detail.dockerRepository', { url: `${mirror}/linux/${distro}`, key: dockerKeyFingerprint }));
}
