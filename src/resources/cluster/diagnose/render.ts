/** Text for the cluster part of `doctor` and for `--fix runc-hang`. Pure: returns strings. */
import type { HangReport } from './hang.js';
import type { EndedInit } from './probe.js';

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
  const lines = [`Cluster${extra.cluster ? ` ${extra.cluster}` : ''}:`];
  lines.push(
    `  pipes: fs.pipe-user-pages-soft=${s.pipeUserPagesSoft ?? '?'} fs.pipe-user-pages-hard=${s.pipeUserPagesHard ?? '?'}; canary (uid 0, no CAP_SYS_RESOURCE): ${report.canaryBytes !== undefined ? kib(report.canaryBytes) : `not measured (${extra.canaryError ?? 'unknown'})`}`,
  );
  lines.push(
    `  runc inits: ${report.stuck.length} stuck on a pipe write, ${report.created.length} waiting on exec.fifo, ${report.other.length} other long sleeps`,
  );
  if (extra.dockerError !== undefined) lines.push(`  nodes: not read (docker: ${extra.dockerError.split('\n')[0]})`);
  else if (report.nodes.length === 0 && extra.cluster)
    lines.push(`  nodes: none found for kind cluster ${extra.cluster}`);
  for (const n of report.nodes) {
    const c = n.condition;
    lines.push(
      `  node ${n.name}: Ready=${c ? `${c.ready}${c.reason ? ` (${c.reason})` : ''}` : 'unknown'}; runc ${n.runc ? `${n.runc.version}${n.runc.distro?.packageVersion ? ` [${n.runc.distro.packageVersion}]` : ''} at ${n.runcPath ?? '?'}: hang ${n.runc.hang}, floor ${n.runc.floor.safe ? 'ok' : 'below'}` : 'unknown'}`,
    );
    for (const l of n.kubeletLines) lines.push(`    kubelet: ${l}`);
  }
  lines.push(
    `  cost: ${extra.cost.guestCalls} guest-agent call, ${extra.cost.dockerExecs} docker exec(s), ${extra.cost.ms} ms`,
  );
  return lines.join('\n');
}

/** What `--fix runc-hang` did. */
export function renderEnded(ended: readonly EndedInit[]): string {
  if (ended.length === 0) return 'No stuck runc init to end.';
  return ended
    .map((e) => {
      const what = {
        killed: 'ended (SIGKILL)',
        gone: 'had already exited',
        changed: 'is no longer the same stuck init: left alone',
        failed: `could not be ended${e.detail ? `: ${e.detail}` : ''}`,
      }[e.outcome];
      return `runc init pid ${e.pid} ${what}`;
    })
    .join('\n');
}
