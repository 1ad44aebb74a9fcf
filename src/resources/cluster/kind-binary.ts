/**
 * `cluster.kind-binary`: the kind CLI at the manifest's version. Either devbox's own copy
 * (/opt/devbox/bin/kind, downloaded through src/net from the release asset or its mirrors and
 * verified by sha256: the manifest's, else the `.sha256sum` kind publishes beside the asset), or a
 * kind already on PATH that reports the same version (and the pinned sha256, when there is one).
 */
import { ApplyFailedError, PrerequisiteError } from '../../errors.js';
import type { ManagedResource, TestResult } from '../../engine/resource.js';
import { errorText, guestPathOf, probeParams, type ClusterDesired } from './desired.js';
import { clusterProbeOp, devboxKindPath, parseClusterProbe, type ClusterFacts, type KindFound } from './probe.js';
import { parseSha256Sum } from './sources.js';
import { t } from '../../i18n/catalogue.js';

/** The kind that matches the manifest, devbox's own first. */
export function matchingKind(facts: ClusterFacts, d: ClusterDesired): KindFound | undefined {
  const fits = (k: KindFound | undefined) =>
    k !== undefined && k.version === d.kindVersion && (d.kindSha256 === undefined || k.sha256 === d.kindSha256);
  if (fits(facts.kind)) return facts.kind;
  if (fits(facts.pathKind)) return facts.pathKind;
  return undefined;
}

/** The kind command the other resources run: the matching one, else where this resource puts it. */
export function kindCommand(facts: ClusterFacts, d: ClusterDesired): string {
  return matchingKind(facts, d)?.path ?? devboxKindPath;
}

export function kindBinaryResource(
  d: ClusterDesired,
  options: { dependsOn?: string[]; probeAfter?: string[] } = {},
): ManagedResource<ClusterFacts> {
  return {
    kind: 'managed',
    type: 'cluster.kind-binary',
    key: d.kindVersion,
    plane: 'guest',
    needsElevation: false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: t('summary.kind', { version: d.kindVersion, sha256: d.kindSha256?.slice(0, 12) ?? '' }),

    async get(ctx) {
      const [probe] = await ctx.guest.run([clusterProbeOp(probeParams(d))]);
      return parseClusterProbe(probe!);
    },

    test(facts): TestResult {
      const found = matchingKind(facts, d);
      if (found)
        return {
          inDesiredState: true,
          changes: [],
          notes: found.path === devboxKindPath ? [] : [`using ${found.path} (${found.version})`],
        };
      const now = facts.kind ?? facts.pathKind;
      return {
        inDesiredState: false,
        action: now ? 'update' : 'create',
        changes: [
          {
            property: devboxKindPath,
            before: now ? `${now.path} ${now.version ?? '(no version)'}` : 'missing',
            after: d.kindVersion,
          },
        ],
      };
    },

    async apply(_facts, ctx) {
      if (!ctx.net)
        throw new PrerequisiteError(t('cluster.kindNeedsNet', { version: d.kindVersion }), {
          code: 'cluster.kind.net',
        });
      let sha256 = d.kindSha256;
      if (!sha256) {
        if (!ctx.net.fetchText)
          throw new PrerequisiteError(t('cluster.kindChecksumNeedsNet'), {
            code: 'cluster.kind.net',
          });
        // Only from the release URL (https): a mirror (http allowed) that served the checksum could
        // swap the binary too. Where the release URL is blocked, pin cluster.kind.sha256.
        const text = await ctx.net.fetchText([`${d.kindUrls[0]!}.sha256sum`]);
        sha256 = parseSha256Sum(text, 'kind-linux-amd64');
        if (!sha256)
          throw new ApplyFailedError(t('cluster.kindChecksumMissing', { version: d.kindVersion }), {
            code: 'cluster.kind.checksum',
          });
        ctx.report(t('detail.kindChecksum', { version: d.kindVersion, sha256 }));
      }
      const fetched = await ctx.net.fetchFile({
        urls: d.kindUrls,
        sha256,
        name: `kind-${d.kindVersion}-linux-amd64`,
        // Unpinned, the hash is the release's .sha256sum: a mismatch's hint must not blame a manifest pin.
        ...(d.kindSha256 ? {} : { pinnedBy: 'publisher' as const }),
      });
      const source = guestPathOf(fetched.path);
      // The file was verified by sha256 on download; the executor's probe after apply reads the
      // installed file's sha256 again, so the resource does not check its own work here.
      const results = await ctx.guest.run([
        { op: 'run', argv: ['install', '-D', '-m', '0755', '--', source, devboxKindPath] },
      ]);
      if (results[0]!.code !== 0)
        throw new ApplyFailedError(
          t('cluster.kindInstallFailed', { path: devboxKindPath, error: errorText(results[0]!) }),
          {
            code: 'cluster.kind',
          },
        );
      ctx.report(t('detail.kindInstalled', { version: d.kindVersion, path: devboxKindPath }));
    },
  };
}
