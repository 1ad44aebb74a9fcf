/**
 * `cluster.image`: the node image, always pinned. From a registry (or a mirror registry: the
 * digest pins the content), `docker pull NAME@sha256:…`; or from an offline archive (`docker save`
 * output) whose sha256 is checked before `docker load`, the image id it gave kept so a later
 * retag is seen as drift.
 */
import { ApplyFailedError, ExitCode, PrerequisiteError, UserError } from '../../errors.js';
import type { ManagedResource, TestResult } from '../../engine/resource.js';
import { fileText, stdoutText } from '../../engine/ports/guest.js';
import { errorText, probeParams, type ClusterDesired } from './desired.js';
import { clusterProbeOp, parseClusterProbe, type ClusterFacts } from './probe.js';
import { t } from '../../i18n/catalogue.js';

/** What devbox loaded from archives: archive sha256 → image id. */
export const loadedImagesPath = '/var/lib/devbox/cluster/loaded-images.json';

interface ImageActual {
  facts: ClusterFacts;
  loaded: Record<string, string>;
}

export function dockerNotRunning(facts: ClusterFacts): PrerequisiteError {
  return new PrerequisiteError(
    facts.docker.installed
      ? t('cluster.dockerNotRunning', { error: facts.docker.error ?? t('cluster.dockerInfoFailed') })
      : t('cluster.dockerNotInstalled'),
    { code: 'cluster.docker.missing', suggestions: [t('cluster.dockerFix')] },
  );
}

function digestOf(image: string): string | undefined {
  return /@(sha256:[0-9a-f]{64})$/.exec(image)?.[1];
}

export function imageResource(
  d: ClusterDesired,
  options: { dependsOn?: string[]; probeAfter?: string[] } = {},
): ManagedResource<ImageActual> {
  const digest = digestOf(d.image);
  return {
    kind: 'managed',
    type: 'cluster.image',
    key: d.image,
    plane: 'guest',
    needsElevation: false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: d.imageArchive
      ? t('summary.imageArchive', {
          image: d.image,
          path: d.imageArchive.path,
          sha256: d.imageArchive.sha256.slice(0, 12),
        })
      : t('summary.image', { image: d.image }),

    async get(ctx) {
      const [probe, loaded] = await ctx.guest.run([
        clusterProbeOp(probeParams(d)),
        { op: 'read', path: loadedImagesPath },
      ]);
      let record: Record<string, string> = {};
      try {
        record = JSON.parse(fileText(loaded!) ?? '{}') as Record<string, string>;
      } catch {
        // A damaged record only means the archive is loaded again.
      }
      return { facts: parseClusterProbe(probe!), loaded: record };
    },

    test({ facts, loaded }): TestResult {
      const image = facts.image;
      const want = d.imageArchive ? `loaded from ${d.imageArchive.path}` : `pulled by digest ${digest}`;
      if (!facts.docker.running)
        return {
          inDesiredState: false,
          action: 'create',
          changes: [{ property: 'image', before: 'unknown (Docker is not running)', after: want }],
        };
      if (!image)
        return {
          inDesiredState: false,
          action: 'create',
          changes: [{ property: 'image', before: 'missing', after: want }],
        };
      if (d.imageArchive) {
        const id = loaded[d.imageArchive.sha256];
        if (id !== image.id)
          return {
            inDesiredState: false,
            changes: [{ property: 'image id', before: image.id, after: id ?? `the image in ${d.imageArchive.path}` }],
          };
      } else if (digest && !image.repoDigests.some((r) => r.endsWith(`@${digest}`))) {
        return {
          inDesiredState: false,
          changes: [{ property: 'image digest', before: image.repoDigests.join(', ') || 'none', after: digest }],
        };
      }
      return { inDesiredState: true, changes: [] };
    },

    async apply({ facts, loaded }, ctx) {
      if (!facts.docker.running) {
        const [again] = await ctx.guest.run([
          { op: 'run', argv: ['docker', 'info', '--format', '{{.ServerVersion}}'], readOnly: true },
        ]);
        if (again!.code !== 0) throw dockerNotRunning(facts);
      }
      if (!d.imageArchive) {
        const [pull] = await ctx.guest.run([{ op: 'run', argv: ['docker', 'pull', d.image] }]);
        if (pull!.code !== 0) {
          throw new ApplyFailedError(t('cluster.pullFailed', { image: d.image, error: errorText(pull!) }), {
            code: 'cluster.image.pull',
            suggestions: [t('cluster.pullFix')],
          });
        }
        ctx.report(t('detail.imagePulled', { image: d.image }));
        return;
      }
      const archive = d.imageArchive;
      const [sum] = await ctx.guest.run([{ op: 'run', argv: ['sha256sum', '--', archive.path], readOnly: true }]);
      if (sum!.code !== 0) {
        throw new UserError(
          t('cluster.archiveUnreadable', { file: archive.path, error: errorText(sum!) }),
          ExitCode.manifestInvalid,
          { code: 'cluster.image.archive' },
        );
      }
      const got = stdoutText(sum!).split(/\s/)[0];
      if (got !== archive.sha256)
        throw new ApplyFailedError(
          t('cluster.archiveSha256', { file: archive.path, actual: String(got), pinned: archive.sha256 }),
          { code: 'cluster.image.sha256' },
        );
      const [load, inspect] = await ctx.guest.run([
        { op: 'run', argv: ['docker', 'load', '-i', archive.path] },
        { op: 'run', argv: ['docker', 'image', 'inspect', '--format', '{{.Id}}', d.image], readOnly: true },
      ]);
      if (load!.code !== 0)
        throw new ApplyFailedError(`docker load -i ${archive.path} failed: ${errorText(load!)}`, {
          code: 'cluster.image.load',
        });
      if (inspect!.code !== 0)
        throw new ApplyFailedError(`${archive.path} does not hold ${d.image} (cluster.nodeImage)`, {
          code: 'cluster.image.load',
        });
      const record = { ...loaded, [archive.sha256]: stdoutText(inspect!).trim() };
      await ctx.guest.run([
        { op: 'write', path: loadedImagesPath, content: `${JSON.stringify(record, null, 2)}\n`, mode: '644' },
      ]);
      ctx.report(t('detail.imageLoaded', { image: d.image, file: archive.path }));
    },
  };
}
