/**
 * What the scanner (scripts.ts) reports about the distro's processes, and the parsing of the node
 * sections the cluster script prints. Parsing is strict about shape and lenient about content: the
 * output comes from the machine, so a field we cannot read becomes absent, never a crash.
 */
import { z } from 'zod';

const fdSchema = z.object({ fd: z.number(), target: z.string(), pipeSize: z.number().nullable() });

const procSchema = z.object({
  pid: z.number(),
  ppid: z.number(),
  comm: z.string(),
  state: z.string(),
  /** Start time in clock ticks since boot: with the pid, identifies the process (pids are reused). */
  start: z.number(),
  ageSec: z.number(),
  wchan: z.string().nullable(),
  exe: z.string().nullable(),
  /** `pid:[inode]` of its PID namespace. */
  pidns: z.string().nullable(),
  /** /proc/PID/status NSpid: the pid in each nested namespace, outermost first. */
  nspid: z.string().nullable(),
  argv: z.array(z.string()),
  /** The systemd unit whose cgroup holds it (`kubelet.service`), from /proc/PID/cgroup; absent in old captures. */
  unit: z.string().nullable().optional(),
  fds: z.array(fdSchema).optional(),
  /** Shims only: their working directory, the container bundle (containerd runtime v2 README). */
  cwd: z.string().nullable().optional(),
  /** Shims only: the bundle's `runtime` file: the runc binary the shim runs (runc shim's WriteRuntime). */
  runtime: z.string().nullable().optional(),
  /** Shims only: the bundle's options.json (runc options, binary_name among them). */
  options: z.string().nullable().optional(),
});

export const scanSchema = z.object({
  uptime: z.number(),
  clkTck: z.number(),
  /** The scanner's own pid, left out of every view. */
  self: z.number(),
  selfPidns: z.string().nullable(),
  userns: z.string().nullable(),
  sysctl: z.object({
    pipeUserPagesSoft: z.number().nullable(),
    pipeUserPagesHard: z.number().nullable(),
    pipeMaxSize: z.number().nullable(),
  }),
  procs: z.array(procSchema),
});

export type ProcFd = z.infer<typeof fdSchema>;
export type Proc = z.infer<typeof procSchema>;
export type Scan = z.infer<typeof scanSchema>;

/** Parses the scanner's output; undefined when it is not what the scanner prints. */
export function parseScan(text: string): Scan | undefined {
  try {
    const parsed = scanSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The Ready condition of one Node object, as kubectl printed it. */
export interface NodeCondition {
  name: string;
  ready: 'True' | 'False' | 'Unknown' | string;
  reason: string;
  message: string;
}

/** What one kind node told about itself. */
export interface NodeReport {
  /** The node container's name (= the Node object's name in kind). */
  name: string;
  /** Its init's pid in the distro's PID namespace (docker inspect .State.Pid). */
  pid?: number;
  role?: string;
  /** The runc containerd runs in this node: its BinaryName, else runc on the node's PATH. */
  runcPath?: string;
  runcVersionText?: string;
  runcSha256?: string;
  /** The Debian package owning that file, and its version with revision. */
  runcPackage?: { name: string; version: string };
  kubeletLines: string[];
  /** Node objects as this node's kubeconfig saw them (empty when none answered). */
  nodes: NodeCondition[];
  /** Text the node printed outside the sections: errors from docker exec, a missing tool. */
  noise: string[];
}

export interface ClusterReport {
  /** docker ps itself failed: its message. */
  dockerError?: string;
  nodes: NodeReport[];
}

/** Parses the cluster script's marker-line output (see scripts.ts). */
export function parseClusterOutput(text: string): ClusterReport {
  const report: ClusterReport = { nodes: [] };
  let node: NodeReport | undefined;
  let section = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = /^@@([a-z0-9-]+)(?: (.*))?$/.exec(line);
    if (marker) {
      const [, name, rest = ''] = marker;
      section = name!;
      if (name === 'docker-error') {
        report.dockerError = lines
          .slice(i + 1)
          .join('\n')
          .trim();
        break;
      }
      if (name === 'node') {
        const [nodeName = '', pid, role] = rest.split(' ');
        node = {
          name: nodeName,
          kubeletLines: [],
          nodes: [],
          noise: [],
          ...(pid && /^\d+$/.test(pid) ? { pid: Number(pid) } : {}),
          ...(role ? { role } : {}),
        };
        report.nodes.push(node);
      } else if (node && name === 'runc-path' && rest) node.runcPath = rest;
      else if (node && name === 'runc-sha256' && /^[0-9a-f]{64}$/.test(rest)) node.runcSha256 = rest;
      else if (node && name === 'runc-package') {
        const [pkg = '', version = ''] = rest.split(' ');
        if (pkg && version) node.runcPackage = { name: pkg, version };
      }
      continue;
    }
    if (!node || line === '') continue;
    if (section === 'runc-version')
      node.runcVersionText = node.runcVersionText === undefined ? line : `${node.runcVersionText}\n${line}`;
    else if (section === 'kubelet-log') node.kubeletLines.push(line);
    else if (section === 'nodes') {
      const [name = '', ready = '', reason = '', message = ''] = line.split('\t');
      if (name) node.nodes.push({ name, ready, reason, message });
    } else node.noise.push(line);
  }
  return report;
}
