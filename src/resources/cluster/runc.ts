/**
 * `cluster.runc`: in every node, the runc that actually executes containers is at or above the
 * safety floor, identified by starting a container through containerd in the node (node-probe.ts),
 * not by `runc --version` on a path. With a pin, that runc must be the pinned binary (same path and
 * sha256). Repair recreates the cluster (confirmed), since mounts and a node's files come from
 * its creation.
 */
import { ApplyFailedError, ExitCode, UserError } from '../../errors.js';
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { nodeRuncBinary, probeParams, type ClusterDesired } from './desired.js';
import { createCluster, recreateCluster } from './cluster.js';
import { clusterProbeOp, parseClusterProbe, type ClusterFacts } from './probe.js';
import { checkUserPin, parsePinProbe, pinProbeOp, type PinFacts } from './runc-pin.js';
import { judgeRuncBuild } from './runc-floor.js';
import { safeRuncFloors } from './checks.js';
import { t } from '../../i18n/catalogue.js';

interface RuncActual {
  facts: ClusterFacts;
  pin?: PinFacts;
}

/** What is wrong with the runc of each running node. */
export function runcFindings(
  actual: RuncActual,
  d: ClusterDesired,
): { changes: PropertyChange[]; refused: string[]; belowFloor: string[] } {
  const changes: PropertyChange[] = [];
  const refused: string[] = [];
  const belowFloor: string[] = [];
  const running = actual.facts.nodes.filter((n) => n.state === 'running');
  if (running.length === 0)
    return {
      changes: [{ property: 'runc in nodes', before: 'no running nodes', after: 'checked in every node' }],
      refused,
      belowFloor,
    };
  for (const node of running) {
    const r = node.runc;
    if (!r) {
      changes.push({ property: `${node.name} runc`, before: 'not probed', after: 'checked' });
      continue;
    }
    for (const mount of r.fileMounts) {
      refused.push(`${node.name}: ${mount}`);
      changes.push({
        property: `${node.name} single-file mount`,
        before: mount,
        after: 'none (refused: runc ≥ 1.2 would run the file underneath)',
      });
    }
    if (!r.started || !r.ran) {
      changes.push({
        property: `${node.name} runc`,
        before: `unverified: the probe container did not start (${r.error ?? 'no record of the runc that ran'})`,
        after: 'verified by a container start',
      });
      continue;
    }
    const verdict = judgeRuncBuild(r.version ?? '');
    if (!verdict.safe && !(d.runc.allowUnsafe && d.runc.pinDir)) {
      belowFloor.push(`${node.name}: ${verdict.reason}`);
      changes.push({
        property: `${node.name} runc`,
        before: `${r.ran}: ${verdict.reason}`,
        after: `at or above the floor (${safeRuncFloors})`,
      });
    }
    if (d.runc.pinDir) {
      if (r.ran !== nodeRuncBinary)
        changes.push({ property: `${node.name} runc that ran`, before: r.ran, after: `${nodeRuncBinary} (pinned)` });
      else if (actual.pin?.sha256 && r.ranSha256 !== actual.pin.sha256)
        changes.push({
          property: `${node.name} runc sha256`,
          before: r.ranSha256 ?? 'unknown',
          after: actual.pin.sha256,
        });
    }
  }
  return { changes, refused, belowFloor };
}

export function runcResource(
  d: ClusterDesired,
  options: { dependsOn?: string[]; probeAfter?: string[] } = {},
): ManagedResource<RuncActual> {
  const pinned = d.runc.download
    ? t('summary.runcDownload', { version: d.runc.download.version })
    : d.runc.pinDir
      ? t('summary.runcPinDir', { dir: d.runc.pinDir })
      : t('summary.runcImage');
  return {
    kind: 'managed',
    type: 'cluster.runc',
    key: d.name,
    plane: 'guest',
    needsElevation: false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: t('summary.runc', { pinned }),

    async get(ctx) {
      const ops = [clusterProbeOp(probeParams(d)), ...(d.runc.pinDir ? [pinProbeOp(d.runc.pinDir)] : [])];
      const [probe, pin] = await ctx.guest.run(ops);
      const pinFacts = pin ? parsePinProbe(pin) : undefined;
      if (pinFacts) checkUserPin(d, pinFacts);
      return { facts: parseClusterProbe(probe!), ...(pinFacts ? { pin: pinFacts } : {}) };
    },

    test(actual): TestResult {
      const { changes, refused } = runcFindings(actual, d);
      const notes = refused.length ? [t('clusterStep.singleFileMounts', { mounts: refused.join('; ') })] : [];
      return {
        inDesiredState: changes.length === 0,
        action: actual.facts.nodes.length ? 'update' : 'create',
        changes,
        notes,
      };
    },

    async apply(_actual, ctx) {
      // The plan may predate the cluster (created by cluster.kind in this run): look again.
      const facts = parseClusterProbe((await ctx.guest.run([clusterProbeOp(probeParams(d))]))[0]!);
      const now = { facts, ...(_actual.pin ? { pin: _actual.pin } : {}) };
      let found = runcFindings(now, d);
      if (found.changes.length === 0) return ctx.report(t('detail.runcVerified'));
      if (facts.nodes.length === 0) await createCluster(ctx, facts, d);
      else
        await recreateCluster(ctx, facts, d, found.changes.map((c) => `${c.property}: ${String(c.before)}`).join('; '));
      const after = parseClusterProbe((await ctx.guest.run([clusterProbeOp(probeParams(d))]))[0]!);
      found = runcFindings({ ...now, facts: after }, d);
      if (found.belowFloor.length && !d.runc.pinDir) {
        // New nodes got the image's own runc again: only a pin can help.
        throw new UserError(
          t('cluster.runcBelowFloor', { nodes: found.belowFloor.join('; '), floors: String(safeRuncFloors) }),
          ExitCode.manifestInvalid,
          { code: 'cluster.runc.floor' },
        );
      }
      if (found.changes.length)
        throw new ApplyFailedError(
          t('cluster.runcStillWrong', {
            changes: found.changes.map((c) => `${c.property}: ${String(c.before)}`).join('; '),
          }),
          { code: 'cluster.runc' },
        );
      ctx.report(t('detail.runcVerified'));
    },
  };
}
