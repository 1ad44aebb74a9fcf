/**
 * The container chain per node, from one /proc scan: kubelet → containerd → containerd-shim-runc-v2
 * (one per pod sandbox) → the containers' processes, with any transient `runc` / `runc init`. The
 * shims are children of the node's init, not of containerd (they re-parent themselves so a containerd
 * restart keeps the containers): the tree is drawn by role, the pids say who is whose child.
 */
import type { ClusterReport, Proc, Scan } from './scan.js';
import { nodeOfProcess } from './hang.js';
import { t } from '../../../i18n/catalogue.js';

export interface ChainProc {
  pid: number;
  /** The pid inside the innermost PID namespace (what `ps` in the node or container shows). */
  nsPid?: number;
  ppid: number;
  comm: string;
  state: string;
  ageSec: number;
  /** Up to 120 characters of the command line. */
  command: string;
}

export interface ShimView extends ChainProc {
  /** -id: the sandbox (or container) id the shim was started for. */
  id?: string;
  namespace?: string;
  /** The runc the shim runs: its bundle's `runtime` file, else options.json's binary_name, else `runc` on PATH. */
  runc: string;
  /** Direct children: each container's first process, and runc while it runs. */
  children: (ChainProc & { kind: 'container' | 'runc'; descendants: number })[];
}

export interface NodeChain {
  /** The kind node, or `(distro)` for what runs in the distro itself (dockerd, its containerd and shims). */
  name: string;
  pid?: number;
  role?: string;
  kubelet: ChainProc[];
  containerd: ChainProc[];
  dockerd: ChainProc[];
  shims: ShimView[];
  /** runc processes not under one of this scope's shims (a `runc run` by hand, a stuck init re-parented). */
  strayRunc: ChainProc[];
}

const distroScope = '(distro)';

function view(p: Proc): ChainProc {
  const inner = p.nspid?.trim().split(/\s+/).pop();
  const command = (p.argv.length ? p.argv.join(' ') : `[${p.comm}]`).slice(0, 120);
  return {
    pid: p.pid,
    ppid: p.ppid,
    comm: p.comm,
    state: p.state,
    ageSec: p.ageSec,
    command,
    ...(inner && /^\d+$/.test(inner) && Number(inner) !== p.pid ? { nsPid: Number(inner) } : {}),
  };
}

const isRunc = (p: Proc) => /^runc(:|$)/.test(p.comm) || /(^|\/)runc$/.test(p.exe ?? '');
const flag = (argv: readonly string[], name: string) => {
  const i = argv.findIndex((a) => a === `-${name}` || a === `--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

function shimRunc(p: Proc): string {
  const runtime = p.runtime?.trim();
  if (runtime) return runtime;
  try {
    const options = JSON.parse(p.options ?? 'null') as { binary_name?: unknown; BinaryName?: unknown } | null;
    const name = options?.binary_name ?? options?.BinaryName;
    if (typeof name === 'string' && name) return name;
  } catch {
    // An unreadable options.json means the default.
  }
  return 'runc';
}

/** Builds the chain of every node (and of the distro itself) from a scan. */
export function buildChains(scan: Scan, cluster: ClusterReport | undefined): NodeChain[] {
  const nodes = cluster?.nodes ?? [];
  const nodeOf = nodeOfProcess(scan, nodes);
  const procs = scan.procs.filter((p) => p.pid !== scan.self);
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const countDescendants = (pid: number): number =>
    (children.get(pid) ?? []).reduce((n, c) => n + 1 + countDescendants(c.pid), 0);
  const scopes = new Map<string, NodeChain>();
  const scope = (name: string) => {
    let s = scopes.get(name);
    if (!s) {
      const n = nodes.find((x) => x.name === name);
      s = {
        name,
        kubelet: [],
        containerd: [],
        dockerd: [],
        shims: [],
        strayRunc: [],
        ...(n?.pid !== undefined ? { pid: n.pid } : {}),
        ...(n?.role ? { role: n.role } : {}),
      };
      scopes.set(name, s);
    }
    return s;
  };
  for (const n of nodes) scope(n.name);
  const shimPids = new Set(procs.filter((p) => p.comm.startsWith('containerd-shim')).map((p) => p.pid));
  const unitOf = new Map(procs.map((p) => [p.pid, p.unit ?? undefined]));
  // kubelet by name, or the main process of kubelet.service (a wrapper, Delve, or a stand-in).
  const isKubelet = (p: Proc) =>
    p.comm === 'kubelet' || (p.unit === 'kubelet.service' && unitOf.get(p.ppid) !== 'kubelet.service');
  for (const p of procs) {
    const s = scope(nodeOf(p.pid) ?? distroScope);
    if (isKubelet(p)) s.kubelet.push(view(p));
    else if (p.comm === 'containerd') s.containerd.push(view(p));
    else if (p.comm === 'dockerd') s.dockerd.push(view(p));
    else if (shimPids.has(p.pid)) {
      const kids = (children.get(p.pid) ?? []).map((c) => ({
        ...view(c),
        kind: isRunc(c) ? ('runc' as const) : ('container' as const),
        descendants: countDescendants(c.pid),
      }));
      const id = flag(p.argv, 'id');
      const namespace = flag(p.argv, 'namespace');
      s.shims.push({
        ...view(p),
        runc: shimRunc(p),
        children: kids,
        ...(id ? { id } : {}),
        ...(namespace ? { namespace } : {}),
      });
    } else if (isRunc(p) && !shimPids.has(p.ppid)) s.strayRunc.push(view(p));
  }
  const ordered = [...scopes.values()].filter(
    (s) =>
      s.name !== distroScope ||
      s.kubelet.length + s.containerd.length + s.dockerd.length + s.shims.length + s.strayRunc.length > 0,
  );
  return ordered.sort((a, b) =>
    a.name === distroScope ? -1 : b.name === distroScope ? 1 : a.name.localeCompare(b.name),
  );
}

/** `45s`, `12m`, `3h04m`, `2d03h`. */
export function formatAge(sec: number): string {
  const s = Math.floor(sec);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d${String(Math.floor((s % 86400) / 3600)).padStart(2, '0')}h`;
}

function line(p: ChainProc, label?: string): string {
  const inside = p.nsPid !== undefined ? ` ${t('clusterPs.inside', { pid: p.nsPid })}` : '';
  return `${label ?? p.comm}  pid ${p.pid}${inside}  ${p.state}  ${formatAge(p.ageSec)}`;
}

/** The chains as a tree for the terminal. */
export function renderChains(chains: readonly NodeChain[]): string {
  if (chains.length === 0) return t('clusterPs.none');
  const out: string[] = [];
  for (const c of chains) {
    out.push(
      c.name === distroScope
        ? t('clusterPs.distro')
        : `${t('clusterPs.node', { name: c.name })}${c.role ? ` (${c.role})` : ''}` +
            `${c.pid !== undefined ? `  ${t('clusterPs.initPid', { pid: c.pid })}` : ''}`,
    );
    const top: string[][] = [];
    for (const d of c.dockerd) top.push([line(d)]);
    for (const k of c.kubelet) top.push([line(k)]);
    const shimLines = c.shims.flatMap((s, i) => {
      const last = i === c.shims.length - 1;
      const head = `${last ? '└─' : '├─'} ${line(s, 'containerd-shim-runc-v2')}  ${s.id ? `${s.namespace ? `${s.namespace}/` : ''}${s.id.slice(0, 12)}` : ''}  runc: ${s.runc}`;
      const kids = s.children.map((k, j) => {
        const extra =
          k.kind === 'runc'
            ? `  ${t('clusterPs.transientRunc', { command: k.command.slice(0, 60) })}`
            : k.descendants
              ? `  ${t('clusterPs.descendants', { count: k.descendants })}`
              : '';
        return `${last ? '   ' : '│  '}${j === s.children.length - 1 ? '└─' : '├─'} ${line(k)}${extra}`;
      });
      return [head, ...kids];
    });
    if (c.containerd.length)
      for (const [i, d] of c.containerd.entries()) top.push([line(d), ...(i === 0 ? shimLines : [])]);
    else if (shimLines.length) top.push([t('clusterPs.noContainerd'), ...shimLines]);
    for (const r of c.strayRunc)
      top.push([`${line(r)}  ${t('clusterPs.strayRunc', { command: r.command.slice(0, 60) })}`]);
    top.forEach((block, i) => {
      const last = i === top.length - 1;
      block.forEach((l, j) => out.push(`  ${j === 0 ? (last ? '└─ ' : '├─ ') : last ? '   ' : '│  '}${l}`));
    });
    out.push('');
  }
  return out.join('\n').trimEnd();
}
