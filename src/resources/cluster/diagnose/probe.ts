/**
 * Reading the cluster's processes and nodes: one guest-agent call holding the /proc scan, the pipe
 * canary and the cluster script (which runs one `docker exec` per node). Ending stuck inits is a
 * separate, mutating call, made only after the user confirmed.
 */
import type { GuestPort, GuestReadOp, GuestReadPort, OpResult } from '../../../engine/ports/guest.js';
import { UserError, ExitCode } from '../../../errors.js';
import { diagnoseScripts } from './scripts.js';
import { parseClusterOutput, parseScan, type ClusterReport, type Scan } from './scan.js';
import type { InitProcess } from './hang.js';
import { t } from '../../../i18n/catalogue.js';

export interface ClusterProbe {
  scan: Scan;
  /** F_GETPIPE_SZ of the canary pipe, bytes; undefined when setpriv or perl was missing. */
  canaryBytes?: number;
  canaryError?: string;
  /** Absent when no cluster name was given. */
  cluster?: ClusterReport;
}

/** The operations of one probe, in order: scan, canary, then the cluster when named. */
export function probeOps(clusterName: string | undefined): GuestReadOp[] {
  const ops: GuestReadOp[] = [
    { op: 'run', argv: ['perl', '-e', diagnoseScripts.scanner], readOnly: true },
    // No capability survives: bounding and inheritable sets emptied before perl starts as uid 0.
    {
      op: 'run',
      argv: ['setpriv', '--inh-caps=-all', '--bounding-set=-all', '--', 'perl', '-e', diagnoseScripts.canary],
      readOnly: true,
    },
  ];
  if (clusterName !== undefined) {
    ops.push({
      op: 'run',
      argv: ['bash', '-c', diagnoseScripts.cluster, 'devbox-cluster-probe', clusterName, diagnoseScripts.node],
      readOnly: true,
    });
  }
  return ops;
}

const text = (r: OpResult) => r.stdout.toString('utf8');

/** The guest could not be read the way the diagnosis needs. */
export class DiagnoseError extends UserError {
  constructor(message: string, suggestions: string[] = []) {
    super(message, ExitCode.prerequisiteMissing, { code: 'diagnose.unavailable', suggestions });
  }
}

/** Interprets the results of `probeOps`. */
export function readProbe(results: readonly OpResult[], clusterName: string | undefined): ClusterProbe {
  const [scanResult, canaryResult, clusterResult] = results;
  const scan = scanResult && scanResult.code === 0 ? parseScan(text(scanResult)) : undefined;
  if (!scan) {
    const why = scanResult
      ? (scanResult.error ?? scanResult.stderr.toString('utf8').trim()) ||
        t('clusterView.exit', { code: scanResult.code })
      : t('clusterView.noResult');
    throw new DiagnoseError(t('clusterView.procUnreadable', { error: why }), [t('clusterView.procUnreadableFix')]);
  }
  const probe: ClusterProbe = { scan };
  const bytes = canaryResult && canaryResult.code === 0 ? Number(text(canaryResult).trim()) : NaN;
  if (Number.isInteger(bytes) && bytes > 0) probe.canaryBytes = bytes;
  else
    probe.canaryError = canaryResult
      ? (canaryResult.error ?? canaryResult.stderr.toString('utf8').trim()) ||
        t('clusterView.exit', { code: canaryResult.code })
      : t('clusterView.notRun');
  if (clusterName !== undefined && clusterResult) {
    probe.cluster =
      clusterResult.code === 0
        ? parseClusterOutput(text(clusterResult))
        : {
            dockerError:
              clusterResult.stderr.toString('utf8').trim() || t('clusterView.exit', { code: clusterResult.code }),
            nodes: [],
          };
  }
  return probe;
}

/** Runs the probe: exactly one call to the guest port. */
export async function probeCluster(guest: GuestReadPort, clusterName: string | undefined): Promise<ClusterProbe> {
  return readProbe(await guest.run(probeOps(clusterName)), clusterName);
}

export interface EndedInit {
  pid: number;
  outcome: 'killed' | 'gone' | 'changed' | 'failed';
  detail?: string;
}

/**
 * Sends SIGKILL to each stuck init that is still the same process (pid and start time) and still a
 * runc init stage; nothing else is touched. One mutating guest call.
 */
export async function endInits(
  guest: GuestPort,
  inits: readonly Pick<InitProcess, 'pid' | 'start'>[],
): Promise<EndedInit[]> {
  if (inits.length === 0) return [];
  const [result] = await guest.run([
    { op: 'run', argv: ['perl', '-e', diagnoseScripts.ender, ...inits.map((p) => `${p.pid}:${p.start}`)] },
  ]);
  const lines = result ? text(result).split('\n').filter(Boolean) : [];
  return inits.map((p) => {
    const line = lines.find((l) => l.startsWith(`${p.pid} `));
    const [, word = 'failed', ...rest] = (line ?? `${p.pid} failed no answer`).split(' ');
    const outcome = (['killed', 'gone', 'changed'].includes(word) ? word : 'failed') as EndedInit['outcome'];
    return { pid: p.pid, outcome, ...(rest.length ? { detail: rest.join(' ') } : {}) };
  });
}
