/**
 * The runc-hang diagnosis, pure: from a /proc scan, the pipe canary and what the nodes said, which
 * runc inits are stuck and why, and what to do. Facts: research/kind-runc.md §1 and §5,
 * research/cluster-rig.md ("The pipe hang, reproduced for real").
 */
import type { Finding } from '../../../engine/resource.js';
import type { ClusterReport, NodeCondition, Proc, Scan } from './scan.js';
import { judgeNodeRunc, type RuncBuild } from './runc-build.js';
import { t } from '../../../i18n/catalogue.js';

/** runc's stage names (prctl PR_SET_NAME in libcontainer/nsenter/nsexec.c) that can be stuck in init. */
const initStages = new Set(['runc:[2:INIT]', 'runc:[1:CHILD]']);
/** Where a writer sleeps on a full pipe, by kernel: pipe_wait (≤ 5.4), pipe_write, anon_pipe_write (6.x). */
const pipeWriteWchan = /^(pipe_write|anon_pipe_write|pipe_wait)$/;
/** Where `runc init` of a created-not-started container waits for `runc start` to open exec.fifo. */
const fifoWaitWchan = /^(wait_for_partner|fifo_open)$/;

export interface PipeEnd {
  fd: number;
  inode: string;
  /** F_GETPIPE_SZ in bytes, when it could be read. */
  size?: number;
}

export interface InitProcess {
  pid: number;
  /** With the pid, identifies the process for --fix (clock ticks since boot). */
  start: number;
  comm: string;
  state: string;
  ageSec: number;
  wchan?: string;
  /** The kind node it runs in, when its ancestry reaches a node's init. */
  node?: string;
  pipes: PipeEnd[];
  /** runc's exec.fifo, when it holds one open. */
  execFifo?: string;
}

export interface HangReport {
  /** runc inits blocked writing a pipe for longer than the threshold: the seed's hang. */
  stuck: InitProcess[];
  /** runc inits waiting on exec.fifo: created, not started. Legitimate; listed so nobody kills them. */
  created: InitProcess[];
  /** Other long-sleeping runc inits, not the pipe signature. */
  other: InitProcess[];
  /** The canary's F_GETPIPE_SZ in bytes (see scripts.ts), when it ran. */
  canaryBytes?: number;
  sysctl: Scan['sysctl'];
  nodes: NodeView[];
  findings: (Finding & { id: string })[];
}

export interface NodeView {
  name: string;
  condition?: NodeCondition;
  pleg: boolean;
  kubeletLines: string[];
  runcPath?: string;
  runc?: RuncBuild;
}

export interface HangOptions {
  /** An init asleep this long is stuck (seconds). kubelet's PLEG threshold is 3 min; 60 s flags it earlier. */
  stuckAfterSec: number;
}

function pipeEnds(proc: Proc): PipeEnd[] {
  return (proc.fds ?? []).flatMap((f) => {
    const m = /^pipe:\[(\d+)\]$/.exec(f.target);
    return m ? [{ fd: f.fd, inode: m[1]!, ...(f.pipeSize !== null ? { size: f.pipeSize } : {}) }] : [];
  });
}

/** A pipe whose two ends one process holds: runc's scratch pipe for the seccomp export (enosys_linux.go). */
function holdsBothEnds(pipes: readonly PipeEnd[]): boolean {
  const seen = new Set<string>();
  return pipes.some((p) => (seen.has(p.inode) ? true : (seen.add(p.inode), false)));
}

/** Maps each process to the kind node whose init it descends from. */
export function nodeOfProcess(
  scan: Scan,
  nodes: readonly { name: string; pid?: number }[],
): (pid: number) => string | undefined {
  const parent = new Map(scan.procs.map((p) => [p.pid, p.ppid]));
  const pidnsOf = new Map(scan.procs.map((p) => [p.pid, p.pidns]));
  const byInit = new Map(nodes.flatMap((n) => (n.pid !== undefined ? [[n.pid, n.name] as const] : [])));
  // A process `docker exec` started is in the node's PID namespace but a child of Docker's shim.
  const byPidns = new Map(
    nodes.flatMap((n) => (n.pid !== undefined && pidnsOf.get(n.pid) ? [[pidnsOf.get(n.pid)!, n.name] as const] : [])),
  );
  return (pid) => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parent.get(p), hops++) {
      const name = byInit.get(p);
      if (name) return name;
    }
    const ns = pidnsOf.get(pid);
    return ns ? byPidns.get(ns) : undefined;
  };
}

const kib = (bytes: number) => `${bytes / 1024} KiB`;

function describeInit(p: InitProcess): string {
  const pipes = p.pipes
    .map((e) =>
      t('hang.pipe', { fd: e.fd, inode: e.inode, size: e.size !== undefined ? kib(e.size) : t('hang.sizeUnknown') }),
    )
    .join(', ');
  const init = t('hang.init', {
    pid: p.pid,
    comm: p.comm,
    node: p.node ?? '',
    state: p.state,
    seconds: Math.round(p.ageSec),
    wchan: p.wchan ?? '?',
  });
  return `${init}${pipes ? `; ${pipes}` : ''}`;
}

/** Classifies every long-asleep runc init and builds the findings. */
export function diagnoseHang(
  scan: Scan,
  canaryBytes: number | undefined,
  cluster: ClusterReport | undefined,
  options: HangOptions,
): HangReport {
  const nodeOf = nodeOfProcess(scan, cluster?.nodes ?? []);
  const stuck: InitProcess[] = [];
  const created: InitProcess[] = [];
  const other: InitProcess[] = [];
  for (const proc of scan.procs) {
    if (!initStages.has(proc.comm) || (proc.state !== 'S' && proc.state !== 'D')) continue;
    const pipes = pipeEnds(proc);
    const fifo = proc.fds?.find((f) => /(^|\/)exec\.fifo( \(deleted\))?$/.test(f.target))?.target;
    const node = nodeOf(proc.pid);
    const init: InitProcess = {
      pid: proc.pid,
      start: proc.start,
      comm: proc.comm,
      state: proc.state,
      ageSec: proc.ageSec,
      pipes,
      ...(proc.wchan ? { wchan: proc.wchan } : {}),
      ...(node ? { node } : {}),
      ...(fifo ? { execFifo: fifo } : {}),
    };
    const wchan = proc.wchan ?? '';
    // pipe_wait (≤ 5.4) is also where an exec.fifo opener sleeps: there the scratch pipe decides.
    const writingPipe = pipeWriteWchan.test(wchan) && (wchan !== 'pipe_wait' || holdsBothEnds(pipes) || !fifo);
    if (fifoWaitWchan.test(wchan) || (fifo && !writingPipe)) created.push(init);
    else if (proc.ageSec < options.stuckAfterSec) continue;
    else if (writingPipe) stuck.push(init);
    else other.push(init);
  }
  const nodes = viewNodes(cluster);
  const findings = buildFindings({
    stuck,
    created,
    other,
    nodes,
    sysctl: scan.sysctl,
    options,
    ...(canaryBytes !== undefined ? { canaryBytes } : {}),
  });
  return {
    stuck,
    created,
    other,
    sysctl: scan.sysctl,
    nodes,
    findings,
    ...(canaryBytes !== undefined ? { canaryBytes } : {}),
  };
}

const plegPattern = /PLEG is not healthy/;

function viewNodes(cluster: ClusterReport | undefined): NodeView[] {
  if (!cluster) return [];
  const conditions = new Map<string, NodeCondition>();
  for (const n of cluster.nodes) for (const c of n.nodes) if (!conditions.has(c.name)) conditions.set(c.name, c);
  return cluster.nodes.map((n) => {
    const condition = conditions.get(n.name);
    const runc = n.runcVersionText ? judgeNodeRunc(n.runcVersionText, n.runcPackage?.version) : undefined;
    return {
      name: n.name,
      pleg: plegPattern.test(condition?.message ?? '') || n.kubeletLines.some((l) => plegPattern.test(l)),
      kubeletLines: n.kubeletLines,
      ...(condition ? { condition } : {}),
      ...(n.runcPath ? { runcPath: n.runcPath } : {}),
      ...(runc ? { runc } : {}),
    };
  });
}

const fixHang = 'devbox doctor --fix runc-hang';

function buildFindings(r: Omit<HangReport, 'findings'> & { options: HangOptions }): (Finding & { id: string })[] {
  const out: (Finding & { id: string })[] = [];
  const pinRunc = t('hang.pinRunc');
  const soft = r.sysctl.pipeUserPagesSoft;
  const limits = `fs.pipe-user-pages-soft=${soft ?? '?'}, fs.pipe-user-pages-hard=${r.sysctl.pipeUserPagesHard ?? '?'}`;
  const shrunk = r.canaryBytes !== undefined && r.canaryBytes > 0 && r.canaryBytes <= 8192;
  if (r.stuck.length) {
    const builds = [
      ...new Set(
        r.nodes
          .filter((n) => r.stuck.some((s) => s.node === n.name) && n.runc)
          .map((n) => t('hang.build', { node: n.name, version: n.runc!.version, commit: n.runc!.commit ?? '' })),
      ),
    ];
    out.push({
      id: 'cluster.runc-hang',
      severity: 'problem',
      message: t('hang.stuck', {
        count: r.stuck.length,
        inits: r.stuck.map(describeInit).join('; '),
        builds: builds.join('; '),
      }),
      fix: t('hang.stuckFix', { pin: pinRunc }),
    });
  }
  for (const p of r.other)
    out.push({
      id: 'cluster.runc-init',
      severity: 'warning',
      message: t('hang.otherInit', { init: describeInit(p) }),
      fix: t('hang.otherInitFix'),
    });
  if (r.created.length)
    out.push({
      id: 'cluster.runc-init',
      severity: 'ok',
      message: t('hang.created', { count: r.created.length, pids: r.created.map((p) => p.pid).join(', ') }),
    });
  if (r.canaryBytes !== undefined) {
    out.push(
      shrunk
        ? {
            id: 'cluster.pipe-canary',
            severity: r.stuck.length ? 'problem' : 'warning',
            message: t('hang.canaryShrunk', { size: kib(r.canaryBytes), limits }),
            fix: t('hang.canaryShrunkFix'),
          }
        : {
            id: 'cluster.pipe-canary',
            severity: 'ok',
            message: t('hang.canary', {
              size: r.canaryBytes > 0 ? kib(r.canaryBytes) : t('hang.unknownSize'),
              limits,
            }),
          },
    );
  }
  for (const n of r.nodes) {
    const c = n.condition;
    if (c && c.ready !== 'True') {
      out.push({
        id: `cluster.node[${n.name}]`,
        severity: 'problem',
        message: `Ready=${c.ready}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}${n.kubeletLines.length ? `; kubelet: ${n.kubeletLines[n.kubeletLines.length - 1]}` : ''}`,
        ...(n.pleg && r.stuck.some((s) => s.node === n.name)
          ? { fix: fixHang }
          : n.pleg
            ? { fix: t('hang.lookForStuck') }
            : {}),
      });
    } else if (n.kubeletLines.length) {
      out.push({
        id: `cluster.node[${n.name}]`,
        severity: 'warning',
        message: t('hang.kubeletLogged', { line: n.kubeletLines[n.kubeletLines.length - 1]! }),
      });
    }
    if (n.runc) {
      const b = n.runc;
      const what = t('hang.runcAt', {
        version: b.version,
        pkg: b.distro?.packageVersion ?? '',
        path: n.runcPath ?? '?',
      });
      if (b.hang === 'signature')
        out.push({
          id: `cluster.runc[${n.name}]`,
          severity: 'problem',
          message: `${what}: ${b.hangReason}`,
          fix: pinRunc,
        });
      else if (b.hang === 'unknown')
        out.push({
          id: `cluster.runc[${n.name}]`,
          severity: 'warning',
          message: `${what}: ${b.hangReason}`,
          fix: pinRunc,
        });
      if (!b.floor.safe)
        out.push({
          id: `cluster.runc[${n.name}]`,
          severity: 'problem',
          message: t('hang.belowFloor', {
            what,
            reason: b.floor.reason,
            distro: b.distro !== undefined,
            fixed: b.hang === 'fixed' ? b.hangReason : '',
          }),
          fix: "devbox up --only 'cluster.*'",
        });
      else if (b.hang !== 'signature')
        out.push({ id: `cluster.runc[${n.name}]`, severity: 'ok', message: `${what}: ${b.hangReason}` });
    }
  }
  return out;
}
