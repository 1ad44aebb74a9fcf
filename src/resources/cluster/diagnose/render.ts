/** Text for the cluster part of `doctor` and for `--fix runc-hang`. Pure: returns strings. */
import type { HangReport } from './hang.js';
import type { EndedInit } from './probe.js';
import { t } from '../../../i18n/catalogue.js';

const kib = (bytes: number) => `${bytes / 1024} KiB`;

/** The evidence behind the findings: limits, canary, each node's Ready, kubelet and runc. */
export function renderClusterEvidence(
  report: HangReport,
  extra: {
    cluster?: string;
    dockerError?: string;
    canaryError?: string;
    cost: { guestCalls: number; dockerExecs: number; ms: number };
  },
): string {
  const s = report.sysctl;
  const unknown = t('clusterView.unknown');
  const lines = [t('clusterView.heading', { cluster: extra.cluster ?? '' })];
  const canary =
    report.canaryBytes !== undefined
      ? kib(report.canaryBytes)
      : t('clusterView.notMeasured', { error: extra.canaryError ?? unknown });
  lines.push(
    `  ${t('clusterView.pipes', { soft: String(s.pipeUserPagesSoft ?? '?'), hard: String(s.pipeUserPagesHard ?? '?'), canary })}`,
  );
  lines.push(
    `  ${t('clusterView.inits', { stuck: report.stuck.length, created: report.created.length, other: report.other.length })}`,
  );
  if (extra.dockerError !== undefined)
    lines.push(`  ${t('clusterView.nodesUnread', { error: extra.dockerError.split('\n')[0]! })}`);
  else if (report.nodes.length === 0 && extra.cluster)
    lines.push(`  ${t('clusterView.noNodes', { cluster: extra.cluster })}`);
  for (const n of report.nodes) {
    const c = n.condition;
    const runc = n.runc
      ? t('clusterView.nodeRunc', {
          version: `${n.runc.version}${n.runc.distro?.packageVersion ? ` [${n.runc.distro.packageVersion}]` : ''}`,
          path: n.runcPath ?? '?',
          hang: t(`clusterView.hang.${n.runc.hang}`),
          floorOk: n.runc.floor.safe,
        })
      : unknown;
    const ready = c ? `${c.ready}${c.reason ? ` (${c.reason})` : ''}` : unknown;
    lines.push(`  ${t('clusterView.node', { name: n.name, ready, runc })}`);
    for (const l of n.kubeletLines) lines.push(`    kubelet: ${l}`);
  }
  lines.push(
    `  ${t('clusterView.cost', { calls: extra.cost.guestCalls, execs: extra.cost.dockerExecs, ms: extra.cost.ms })}`,
  );
  return lines.join('\n');
}

/** What `--fix runc-hang` did. */
export function renderEnded(ended: readonly EndedInit[]): string {
  if (ended.length === 0) return t('clusterView.noneToEnd');
  return ended
    .map((e) =>
      e.outcome === 'failed'
        ? t('clusterView.failed', { pid: e.pid, detail: e.detail ?? '' })
        : t(
            ({ killed: 'clusterView.killed', gone: 'clusterView.gone', changed: 'clusterView.changed' } as const)[
              e.outcome
            ],
            { pid: e.pid },
          ),
    )
    .join('\n');
}
