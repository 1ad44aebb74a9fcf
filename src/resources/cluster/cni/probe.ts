/**
 * What the cluster's API says about a CNI: its DaemonSets (images, rollout counts), their pods'
 * waiting reasons, and the nodes' Ready condition, read with the kubectl of the control-plane node
 * (kind node images carry one; the distro may not). One read-only guest operation:
 * `bash -c SCRIPT devbox-cni-probe CLUSTER NAMESPACE`, its parameters data, never script text.
 */
import type { GuestReadOp, OpResult } from '../../../engine/ports/guest.js';
import type { CniRelease } from './releases.js';

export const nodeKubeconfig = '/etc/kubernetes/admin.conf';

const script = String.raw`
name=$1 ns=$2
out=$(docker ps --filter "label=io.x-k8s.kind.cluster=$name" --filter label=io.x-k8s.kind.role=control-plane \
  --format '{{.Names}}' 2>&1) || { echo 'state=docker-down'; printf '%s\n' "$out"; exit 0; }
cp=$(printf '%s\n' "$out" | head -n1)
[ -n "$cp" ] || { echo 'state=no-cluster'; exit 0; }
echo "state=node $cp"
docker exec "$cp" kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=10s \
  get nodes,daemonsets,pods -n "$ns" -o json 2>&1
echo "exit=$?"
`;

export function cniProbeOp(cluster: string, release: CniRelease): GuestReadOp {
  return {
    op: 'run',
    argv: ['bash', '-c', script, 'devbox-cni-probe', cluster, release.readiness.namespace],
    readOnly: true,
  };
}

export interface DaemonSetFact {
  name: string;
  images: string[];
  desired: number;
  ready: number;
  updated: number;
  available: number;
  /** The controller has seen the current spec (observedGeneration ≥ generation). */
  observed: boolean;
  /** Waiting reasons of its pods that are not ready: `pod: Reason (message)`. */
  waiting: string[];
}

export interface CniFacts {
  state: 'docker-down' | 'no-cluster' | 'answered' | 'no-answer';
  node?: string;
  error?: string;
  daemonSets: DaemonSetFact[];
  nodes: { name: string; ready: boolean; message?: string }[];
}

interface Item {
  kind: string;
  metadata: {
    name: string;
    generation?: number;
    ownerReferences?: { kind: string; name: string }[];
  };
  spec?: {
    template?: { spec?: { containers?: { image: string }[]; initContainers?: { image: string }[] } };
  };
  status?: {
    desiredNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    observedGeneration?: number;
    conditions?: { type: string; status: string; message?: string }[];
    containerStatuses?: { ready?: boolean; state?: { waiting?: { reason?: string; message?: string } } }[];
    initContainerStatuses?: { ready?: boolean; state?: { waiting?: { reason?: string; message?: string } } }[];
  };
}

function waitingOf(pod: Item): string | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const w = statuses.find((s) => s.state?.waiting)?.state?.waiting;
  return w ? `${pod.metadata.name}: ${w.reason ?? 'Waiting'}${w.message ? ` (${w.message})` : ''}` : undefined;
}

/** Reads the probe's output (pure). */
export function parseCniProbe(result: OpResult): CniFacts {
  const text = result.stdout.toString('utf8');
  const first = text.split('\n', 1)[0] ?? '';
  const rest = text.slice(first.length + 1);
  if (first === 'state=docker-down')
    return { state: 'docker-down', error: rest.trim().slice(0, 400), daemonSets: [], nodes: [] };
  if (first !== 'state=no-cluster' && !first.startsWith('state=node '))
    return {
      state: 'no-answer',
      error: (result.error ?? `${text}${result.stderr.toString('utf8')}`).trim().slice(0, 400) || 'no output',
      daemonSets: [],
      nodes: [],
    };
  if (first === 'state=no-cluster') return { state: 'no-cluster', daemonSets: [], nodes: [] };
  const node = first.slice('state=node '.length);
  const exit = /\nexit=(\d+)\s*$/.exec(`\n${rest}`)?.[1];
  const body = rest.replace(/\n?exit=\d+\s*$/, '');
  let list: { items?: Item[] } | undefined;
  try {
    list = exit === '0' ? (JSON.parse(body) as { items?: Item[] }) : undefined;
  } catch {
    list = undefined;
  }
  if (!list) return { state: 'no-answer', node, error: body.trim().slice(0, 400), daemonSets: [], nodes: [] };
  const items = list.items ?? [];
  const pods = items.filter((i) => i.kind === 'Pod');
  return {
    state: 'answered',
    node,
    daemonSets: items
      .filter((i) => i.kind === 'DaemonSet')
      .map((ds) => {
        const spec = ds.spec?.template?.spec;
        const s = ds.status ?? {};
        return {
          name: ds.metadata.name,
          images: [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.image),
          desired: s.desiredNumberScheduled ?? 0,
          ready: s.numberReady ?? 0,
          updated: s.updatedNumberScheduled ?? 0,
          available: s.numberAvailable ?? 0,
          observed: (s.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0),
          waiting: pods
            .filter((p) =>
              p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet' && o.name === ds.metadata.name),
            )
            .map(waitingOf)
            .filter((w): w is string => w !== undefined),
        };
      }),
    nodes: items
      .filter((i) => i.kind === 'Node')
      .map((n) => {
        const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
        return {
          name: n.metadata.name,
          ready: ready?.status === 'True',
          ...(ready?.status !== 'True' && ready?.message ? { message: ready.message } : {}),
        };
      }),
  };
}

/** A DaemonSet is rolled out when every node it wants runs the current spec, ready and available. */
export function rolledOut(ds: DaemonSetFact): boolean {
  return ds.observed && ds.desired > 0 && ds.updated === ds.desired && ds.available === ds.desired;
}
