/**
 * One read-only probe of everything the cluster resources look at, run by the guest agent as
 * `bash -c SCRIPT devbox-cluster-probe NAME KIND IMAGE NODE_SCRIPT SPEC USER`. Every cluster
 * resource asks for the same operation; the guest port's coalescer runs it once per plan. Its
 * parameters are arguments (data), never part of the script text.
 */
import type { GuestReadOp, OpResult } from '../../engine/ports/guest.js';
import { nodeProbeScript, parseNodeProbe, probeSpec, type NodeRunc } from './node-probe.js';
import { t } from '../../i18n/catalogue.js';

/** Where devbox keeps its own kind binary in the distro. */
export const devboxKindPath = '/opt/devbox/bin/kind';

const script = String.raw`
name=$1 kind=$2 image=$3 node_script=$4 spec=$5 user=$6
s() { printf '\n@@%s\n' "$1"; }
if [ -n "$user" ]; then pw=$(getent passwd "$user"); else pw=$(getent passwd 1000); fi
if [ -n "$pw" ]; then user=$(printf '%s' "$pw" | cut -d: -f1); home=$(printf '%s' "$pw" | cut -d: -f6); else user=root; home=/root; [ -z "$6" ] || user=; fi
kubeconfig=$home/.kube/config
s user; printf '%s\n%s\n' "$user" "$home"
s cgroup; stat -fc %T /sys/fs/cgroup 2>&1; if [ -e /sys/fs/cgroup/unified ]; then stat -fc 'unified=%T' /sys/fs/cgroup/unified 2>&1; fi
s pid1; cat /proc/1/comm 2>&1
s os; grep -E '^(ID|VERSION_CODENAME|UBUNTU_CODENAME)=' /etc/os-release 2>/dev/null
s packages; dpkg-query -W -f='${'$'}{Package} ${'$'}{Version} ${'$'}{db:Status-Abbrev}\n' docker-ce docker.io containerd.io 2>/dev/null
s service
if [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ]; then systemctl is-enabled docker 2>&1; systemctl is-active docker 2>&1; fi
s group; getent group docker
s kind; if [ -x "$kind" ]; then "$kind" version -q 2>&1; sha256sum "$kind"; fi
s pathkind; if k=$(command -v kind); then printf '%s\n' "$k"; "$k" version -q 2>&1; sha256sum "$k"; fi
s docker
if ! command -v docker >/dev/null 2>&1; then echo 'exit=127'; exit 0; fi
info=$(timeout 20 docker info --format '{{json .}}' 2>&1); rc=$?
printf 'exit=%s\n%s\n' "$rc" "$info"
[ "$rc" = 0 ] || exit 0
s image; [ -z "$image" ] || docker image inspect --format '{{.Id}}|{{json .RepoDigests}}|{{json .RepoTags}}' "$image" 2>/dev/null
s nodes
nodes=$(docker ps -a --filter "label=io.x-k8s.kind.cluster=$name" --format '{{.Names}}|{{.State}}|{{.Label "io.x-k8s.kind.role"}}' 2>&1)
printf '%s\n' "$nodes"
running=$(printf '%s\n' "$nodes" | awk -F'|' '$2 == "running" {print $1}')
[ -n "$running" ] || exit 0
s inspect; docker inspect --format '{{.Name}}|{{.Config.Image}}|{{json .Mounts}}' $running 2>&1
for n in $running; do
  s "node $n"; docker exec "$n" bash -c "$node_script" devbox-node-probe "$spec" 2>&1
done
cp=$(printf '%s\n' "$nodes" | awk -F'|' '$2 == "running" && $3 == "control-plane" {print $1; exit}')
s ready
if [ -n "$cp" ]; then
  if command -v kubectl >/dev/null 2>&1 && [ -r "$kubeconfig" ]; then
    kubectl --kubeconfig "$kubeconfig" --context "kind-$name" --request-timeout=5s get nodes -o json 2>&1; echo "exit=$?"
  else
    docker exec "$cp" kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=5s get nodes -o json 2>&1; echo "exit=$?"
  fi
fi
exit 0
`;

/** Readiness only, polled while waiting for a new cluster: `bash -c SCRIPT x NAME KUBECONFIG`. */
export const readyScript = String.raw`
name=$1 kubeconfig=$2
cp=$(docker ps --filter "label=io.x-k8s.kind.cluster=$name" --filter 'label=io.x-k8s.kind.role=control-plane' --format '{{.Names}}' | head -n1)
[ -n "$cp" ] || { echo 'no running control-plane node'; echo 'exit=1'; exit 0; }
if command -v kubectl >/dev/null 2>&1 && [ -r "$kubeconfig" ]; then
  kubectl --kubeconfig "$kubeconfig" --context "kind-$name" --request-timeout=5s get nodes -o json 2>&1; echo "exit=$?"
else
  docker exec "$cp" kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=5s get nodes -o json 2>&1; echo "exit=$?"
fi
`;

export interface ProbeParams {
  name: string;
  /** The kind binary devbox manages. */
  kindPath: string;
  /** The node image reference to inspect. */
  image: string;
  /** The user who gets the kubeconfig (`kind-NAME` in ~/.kube/config); empty: the user of uid 1000. */
  user: string;
}

/** The operation; identical for every cluster resource of one manifest, so it runs once. */
export function clusterProbeOp(params: ProbeParams): GuestReadOp {
  return {
    op: 'run',
    argv: [
      'bash',
      '-c',
      script,
      'devbox-cluster-probe',
      params.name,
      params.kindPath,
      params.image,
      nodeProbeScript,
      probeSpec(),
      params.user,
    ],
    readOnly: true,
  };
}

export interface KindFound {
  path: string;
  version?: string;
  sha256?: string;
}

export interface NodeFact {
  name: string;
  state: string;
  role: string;
  image?: string;
  mounts?: { Source: string; Destination: string; RW: boolean; Type: string }[];
  runc?: NodeRunc;
}

export interface ReadyFact {
  answered: boolean;
  nodes: { name: string; ready: boolean; reason?: string; message?: string }[];
  error?: string;
}

/** What the probe found in the distro. */
export interface ClusterFacts {
  /** The user the cluster is for and their home; an empty name when the named user does not exist. */
  user: { name: string; home: string };
  /** `cgroup2fs` (pure v2), `tmpfs` (v1 or hybrid); `unified` set on a hybrid host. */
  cgroup: { root: string; unified?: string };
  pid1: string;
  os: Record<string, string>;
  packages: Record<string, { version: string; installed: boolean }>;
  service?: { enabled: string; active: string };
  dockerGroupMembers?: string[];
  kind?: KindFound;
  pathKind?: KindFound;
  docker: { installed: boolean; running: boolean; error?: string; info?: Record<string, unknown> };
  image?: { id: string; repoDigests: string[]; repoTags: string[] };
  nodes: NodeFact[];
  ready?: ReadyFact;
}

function sections(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const parts = text.split(/\n@@(.+)\n/);
  for (let i = 1; i < parts.length; i += 2) map.set(parts[i]!, parts[i + 1] ?? '');
  return map;
}

const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function kindFound(text: string | undefined, path?: string): KindFound | undefined {
  const l = lines(text);
  if (l.length === 0) return undefined;
  const [p, ...rest] = path ? [path, ...l] : l;
  const version = rest.find((x) => /^v?\d+\.\d+\.\d+/.test(x));
  const sha256 = rest.map((x) => /^([0-9a-f]{64})\s/.exec(x)?.[1]).find(Boolean);
  return {
    path: p!,
    ...(version ? { version: version.startsWith('v') ? version : `v${version}` } : {}),
    ...(sha256 ? { sha256 } : {}),
  };
}

export function parseReady(text: string | undefined): ReadyFact | undefined {
  if (text === undefined) return undefined;
  const exit = /\nexit=(\d+)\s*$/.exec(`\n${text}`);
  const body = text.replace(/\n?exit=\d+\s*$/, '');
  if (!exit || exit[1] !== '0') return { answered: false, nodes: [], error: body.trim().slice(0, 400) || 'no answer' };
  type Cond = { type: string; status: string; reason?: string; message?: string };
  const list = parseJson<{ items?: { metadata: { name: string }; status?: { conditions?: Cond[] } }[] }>(body);
  if (!list) return { answered: false, nodes: [], error: `unreadable answer: ${body.slice(0, 200)}` };
  return {
    answered: true,
    nodes: (list.items ?? []).map((item) => {
      const ready = item.status?.conditions?.find((c) => c.type === 'Ready');
      return {
        name: item.metadata.name,
        ready: ready?.status === 'True',
        ...(ready?.reason ? { reason: ready.reason } : {}),
        ...(ready?.message ? { message: ready.message } : {}),
      };
    }),
  };
}

/** Reads the probe's output. */
export function parseClusterProbe(result: OpResult): ClusterFacts {
  if (result.code !== 0)
    throw new Error(
      t('clusterStep.probeFailed', {
        error:
          (result.error ?? result.stderr.toString('utf8')).trim() || t('clusterStep.exitCode', { code: result.code }),
      }),
    );
  const s = sections(result.stdout.toString('utf8'));
  const cg = lines(s.get('cgroup'));
  const packages: ClusterFacts['packages'] = {};
  for (const l of lines(s.get('packages'))) {
    const [name, version, status] = l.split(/\s+/);
    if (name && version) packages[name] = { version, installed: status === 'ii' };
  }
  const service = lines(s.get('service'));
  const group = lines(s.get('group'))[0];
  const dockerLines = s.get('docker') ?? 'exit=127';
  const exit = /^exit=(\d+)/m.exec(dockerLines)?.[1] ?? '127';
  const infoText = dockerLines.replace(/^exit=\d+\n?/m, '').trim();
  const info = exit === '0' ? parseJson<Record<string, unknown>>(infoText) : undefined;
  const imageLine = lines(s.get('image'))[0];
  const [id, digests, tags] = imageLine ? imageLine.split('|') : [];
  const inspect = new Map<string, { image: string; mounts: NodeFact['mounts'] }>();
  for (const l of lines(s.get('inspect'))) {
    const [n, image, mounts] = l.split('|');
    if (n && image) inspect.set(n.replace(/^\//, ''), { image, mounts: parseJson(mounts ?? '[]') ?? [] });
  }
  const nodes: NodeFact[] = lines(s.get('nodes'))
    .map((l) => l.split('|'))
    .filter((p) => p.length >= 3)
    .map(([name, state, role]) => {
      const seen = inspect.get(name!);
      const probe = s.get(`node ${name}`);
      return {
        name: name!,
        state: state!,
        role: role!,
        ...(seen ? { image: seen.image, mounts: seen.mounts } : {}),
        ...(probe !== undefined ? { runc: parseNodeProbe(probe) } : {}),
      };
    });
  const kind = kindFound(s.get('kind'), devboxKindPath);
  const pathKind = kindFound(s.get('pathkind'));
  const ready = parseReady(s.get('ready'));
  const [userName, home] = (s.get('user') ?? '').split('\n');
  return {
    user: { name: userName ?? '', home: home || '/root' },
    cgroup: { root: cg[0] ?? 'unknown', ...(cg[1]?.startsWith('unified=') ? { unified: cg[1].slice(8) } : {}) },
    pid1: lines(s.get('pid1'))[0] ?? 'unknown',
    os: Object.fromEntries(
      lines(s.get('os')).map((l) => [l.split('=')[0]!, l.slice(l.indexOf('=') + 1).replace(/^"|"$/g, '')]),
    ),
    packages,
    ...(service.length === 2 ? { service: { enabled: service[0]!, active: service[1]! } } : {}),
    ...(group ? { dockerGroupMembers: (group.split(':')[3] ?? '').split(',').filter(Boolean) } : {}),
    ...(kind ? { kind } : {}),
    ...(pathKind ? { pathKind } : {}),
    docker: {
      installed: exit !== '127',
      running: exit === '0' && info !== undefined,
      ...(exit !== '0' ? { error: infoText.slice(0, 400) } : {}),
      ...(info ? { info } : {}),
    },
    ...(id
      ? {
          image: {
            id,
            repoDigests: parseJson<string[]>(digests ?? '[]') ?? [],
            repoTags: parseJson<string[]>(tags ?? '[]') ?? [],
          },
        }
      : {}),
    nodes,
    ...(ready ? { ready } : {}),
  };
}
