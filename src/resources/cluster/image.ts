/**
 * `cluster.image`: the node image, always pinned. From a registry (or a mirror registry: the
 * digest pins the content), `docker pull NAME@sha256:…`; or from an offline archive (`docker save`
 * output) whose sha256 is checked before `docker load`, the image id it gave kept so a later
 * retag is seen as drift; or restored by `devbox restore` from a backup, found by the id the
 * restore wrote down (see {@link restoredImagesPath}).
 */
import { ApplyFailedError, ExitCode, PrerequisiteError, UserError } from '../../errors.js';
import type { ManagedResource, TestResult } from '../../engine/resource.js';
import { fileText, stdoutText, type GuestPort, type GuestReadOp } from '../../engine/ports/guest.js';
import { errorText, probeParams, type ClusterDesired } from './desired.js';
import { clusterProbeOp, parseClusterProbe, type ClusterFacts } from './probe.js';
import { t } from '../../i18n/catalogue.js';

/** What devbox loaded from archives: archive sha256 → image id. */
export const loadedImagesPath = '/var/lib/devbox/cluster/loaded-images.json';

/**
 * What `devbox restore` loaded into the engine from a backup, in the distro: node image reference →
 * the id the backup lists for it, checked present after `docker load`. `docker load` gives an
 * image its id and tags but never its repo digests (moby/moby#22011), and an image saved by digest
 * comes back untagged (moby/moby#46533), so a node image pinned by digest is not found by its
 * reference after a restore; this record is how cluster.image and cluster.kind still find it.
 */
export const restoredImagesPath = '/var/lib/devbox/cluster/restored-images.json';

/** One entry of {@link restoredImagesPath}. */
export interface RestoredImage {
  /** The image id (`sha256:` + 64 hex), the sha256 of its config: it pins the content. */
  id: string;
  /** The backup it came from (as given to `devbox restore`). */
  backup: string;
  /** When the restore loaded it (ISO 8601). */
  at: string;
}

const imageIdPattern = /^sha256:[0-9a-f]{64}$/;

/** The record's entries that are well formed; a damaged file is no record (the image is pulled). */
export function parseRestoredImages(text: string | undefined): Record<string, RestoredImage> {
  let json: unknown;
  try {
    json = JSON.parse(text ?? '{}');
  } catch {
    return {};
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
  return Object.fromEntries(
    Object.entries(json as Record<string, Partial<RestoredImage>>).filter(
      ([, v]) => typeof v?.id === 'string' && imageIdPattern.test(v.id) && typeof v.backup === 'string',
    ),
  ) as Record<string, RestoredImage>;
}

/** Reads the record (read-only; every cluster resource may ask, the coalescer reads it once). */
export const restoredImagesOp: GuestReadOp = { op: 'read', path: restoredImagesPath };

/**
 * The restored image to run the node image as, when it is not found by its (digest-pinned)
 * reference but a restore wrote it down and the engine has that id. kind accepts an image id: it
 * pulls only when `docker inspect --type=image IMAGE` fails, then runs `docker run … IMAGE`
 * (kubernetes-sigs/kind pkg/cluster/internal/providers/docker/images.go `pullIfNotPresent`,
 * provision.go), and its config validation asks only for a non-empty image
 * (pkg/internal/apis/config/validate.go). Handing kind the id pins the exact content, needs no
 * tag devbox would have to own (`docker tag` refuses a digest reference), and a node's
 * `.Config.Image` is then that id.
 */
export async function restoredNodeImage(
  guest: GuestPort,
  d: ClusterDesired,
  facts: ClusterFacts,
  record: string | undefined,
): Promise<RestoredImage | undefined> {
  if (!digestOf(d.image) || d.imageArchive || facts.image || !facts.docker.running) return undefined;
  const entry = parseRestoredImages(record)[d.image];
  if (!entry) return undefined;
  const [inspect] = await guest.run([
    { op: 'run', argv: ['docker', 'image', 'inspect', '--format', '{{.Id}}', entry.id], readOnly: true },
  ]);
  return inspect!.code === 0 && stdoutText(inspect!).trim() === entry.id ? entry : undefined;
}

/** The probe's facts, and the id of a restored node image kind is given instead of its reference. */
export type KindActual = ClusterFacts & { restoredImage?: string };

/** The cluster as it is to be made: with the restored image's id in place of its reference. */
export const withImage = (d: ClusterDesired, facts: KindActual): ClusterDesired =>
  facts.restoredImage ? { ...d, image: facts.restoredImage } : d;

/** cluster.kind's facts: the probe, and a restored node image kind is to be given by id. */
export async function readKind(guest: GuestPort, d: ClusterDesired): Promise<KindActual> {
  const [probe, record] = await guest.run([clusterProbeOp(probeParams(d)), restoredImagesOp]);
  const facts = parseClusterProbe(probe!);
  const restored = await restoredNodeImage(guest, d, facts, fileText(record!));
  return restored ? { ...facts, restoredImage: restored.id } : facts;
}

interface ImageActual {
  facts: ClusterFacts;
  loaded: Record<string, string>;
  restored?: RestoredImage;
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
      const [probe, loaded, restoredRecord] = await ctx.guest.run([
        clusterProbeOp(probeParams(d)),
        { op: 'read', path: loadedImagesPath },
        restoredImagesOp,
      ]);
      let record: Record<string, string> = {};
      try {
        record = JSON.parse(fileText(loaded!) ?? '{}') as Record<string, string>;
      } catch {
        // A damaged record only means the archive is loaded again.
      }
      const facts = parseClusterProbe(probe!);
      const restored = await restoredNodeImage(ctx.guest, d, facts, fileText(restoredRecord!));
      return { facts, loaded: record, ...(restored ? { restored } : {}) };
    },

    test({ facts, loaded, restored }): TestResult {
      const image = facts.image;
      const want = d.imageArchive ? `loaded from ${d.imageArchive.path}` : `pulled by digest ${digest}`;
      if (!facts.docker.running)
        return {
          inDesiredState: false,
          action: 'create',
          changes: [{ property: 'image', before: 'unknown (Docker is not running)', after: want }],
        };
      if (!image && restored)
        return {
          inDesiredState: true,
          changes: [],
          notes: [
            t('clusterStep.restoredImage', { image: d.image, id: restored.id.slice(0, 19), backup: restored.backup }),
          ],
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
        throw new ApplyFailedError(
          t('clusterStep.failed', { command: `docker load -i ${archive.path}`, error: errorText(load!) }),
          {
            code: 'cluster.image.load',
          },
        );
      if (inspect!.code !== 0)
        throw new ApplyFailedError(t('clusterStep.archiveLacksImage', { file: archive.path, image: d.image }), {
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
