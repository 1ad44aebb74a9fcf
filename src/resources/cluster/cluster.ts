/**
 * `cluster.kind`: the kind cluster itself (kind-runc.md §3.1, §3.4). Created with
 * `kind create cluster --name N --config -` (the config on stdin); ready only when every node is
 * Ready and the API answers, checked by devbox within a bound (kind's --wait exits 0 on timeout).
 * Nodes that differ from the manifest (count, image, mounts) are drift; recreating deletes the
 * nodes, so it is asked for (`--yes` or a prompt), never done silently. A failed create leaves
 * no half cluster: its logs go to /var/log/devbox, then it is deleted. A node image a restore
 * loaded (found only by its id: image.ts `restoredNodeImage`) is handed to kind by that id.
 */
import { ApplyFailedError, PrerequisiteError } from '../../errors.js';
import type { ApplyContext, ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { stdoutText } from '../../engine/ports/guest.js';
import { readBack } from '../../engine/ports/index.js';
import { clusterLogDir, clusterUser, errorText, kindConfig, nodeRuncDir, type ClusterDesired } from './desired.js';
import { dockerNotRunning, readKind, withImage, type KindActual } from './image.js';
import { kindCommand } from './kind-binary.js';
import { parseReady, readyScript, type ClusterFacts } from './probe.js';
import { ensureRuncPin } from './runc-pin.js';
import { t } from '../../i18n/catalogue.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How the existing nodes differ from the manifest in what only a new cluster can change. */
export function specDrift(facts: ClusterFacts, d: ClusterDesired): PropertyChange[] {
  if (facts.nodes.length === 0) return [];
  const changes: PropertyChange[] = [];
  const count = (role: string) => facts.nodes.filter((n) => n.role === role).length;
  if (count('control-plane') !== 1)
    changes.push({ property: 'control-plane nodes', before: count('control-plane'), after: 1 });
  if (count('worker') !== d.workers)
    changes.push({ property: 'worker nodes', before: count('worker'), after: d.workers });
  const mounts = [
    ...d.mounts,
    ...(d.runc.pinDir ? [{ hostPath: d.runc.pinDir, containerPath: nodeRuncDir, readOnly: true }] : []),
  ];
  for (const node of facts.nodes) {
    if (node.image !== undefined && node.image !== d.image)
      changes.push({ property: `${node.name} image`, before: node.image, after: d.image });
    if (node.mounts === undefined) continue;
    for (const m of mounts) {
      const has = node.mounts.some(
        (x) => x.Source === m.hostPath && x.Destination === m.containerPath && x.RW === !m.readOnly,
      );
      if (!has)
        changes.push({
          property: `${node.name} mount ${m.containerPath}`,
          before: 'missing',
          after: `${m.hostPath}${m.readOnly ? ' (read-only)' : ''}`,
        });
    }
  }
  return changes;
}

function readiness(facts: ClusterFacts, d: ClusterDesired): PropertyChange[] {
  const ready = facts.ready;
  if (!ready?.answered)
    return [{ property: 'API server', before: ready?.error ?? 'not answering', after: 'answering' }];
  // Without kindnet the nodes are NotReady until a CNI runs: cluster.cni (or the user) owns Ready then.
  const notReady = ready.nodes
    .filter((n) => !n.ready && d.cni === 'kindnet')
    .map((n) => `${n.name}${n.reason ? ` (${n.reason}${n.message ? `: ${n.message}` : ''})` : ''}`);
  const changes: PropertyChange[] = [];
  if (notReady.length)
    changes.push({ property: 'nodes Ready', before: `not Ready: ${notReady.join(', ')}`, after: 'all Ready' });
  if (ready.nodes.length !== d.workers + 1)
    changes.push({ property: 'nodes registered', before: ready.nodes.length, after: d.workers + 1 });
  return changes;
}

/** The cgroup story on this kernel: v1-only cannot run current kind; hybrid works but is noted. */
export function cgroupNote(facts: ClusterFacts): { v1Only: boolean; note?: string } {
  if (facts.cgroup.root === 'cgroup2fs') return { v1Only: false };
  const line = t('note.cgroupFix');
  if (facts.cgroup.unified === 'cgroup2fs')
    return {
      v1Only: false,
      note: t('note.cgroupHybrid', { fix: line }),
    };
  return {
    v1Only: true,
    note: t('note.cgroupV1', { root: facts.cgroup.root, fix: line }),
  };
}

async function waitReady(ctx: ApplyContext, d: ClusterDesired, kubeconfig: string): Promise<string | undefined> {
  const deadline = Date.now() + d.readyTimeoutSeconds * 1000;
  let last = t('clusterStep.noAnswerYet');
  for (;;) {
    const answer = await readBack(ctx, () =>
      ctx.guest.run([
        { op: 'run', argv: ['bash', '-c', readyScript, 'devbox-ready', d.name, kubeconfig], readOnly: true },
      ]),
    );
    // A dry run created nothing: polling the real cluster would wait out readyTimeout for no answer.
    if (answer === undefined) return undefined;
    const ready = parseReady(stdoutText(answer[0]!));
    const settled = ready?.nodes.every((n) => n.ready || d.cni !== 'kindnet');
    if (ready?.answered && ready.nodes.length === d.workers + 1 && settled) return undefined;
    last = ready?.answered
      ? ready.nodes
          .map((n) => `${n.name} ${n.ready ? 'Ready' : `NotReady${n.message ? ` (${n.message})` : ''}`}`)
          .join(', ') || t('clusterStep.noNodes')
      : (ready?.error ?? t('clusterStep.noAnswer'));
    if (Date.now() >= deadline) return last;
    await delay(2000);
  }
}

async function deleteCluster(ctx: ApplyContext, kind: string, d: ClusterDesired, kubeconfig: string): Promise<void> {
  const [r] = await ctx.guest.run([
    { op: 'run', argv: [kind, 'delete', 'cluster', '--name', d.name, '--kubeconfig', kubeconfig] },
  ]);
  if (r!.code !== 0)
    throw new ApplyFailedError(
      t('clusterStep.failed', { command: `kind delete cluster --name ${d.name}`, error: errorText(r!) }),
      {
        code: 'cluster.delete',
      },
    );
}

/** Creates the cluster and waits for it; on any failure keeps the logs and deletes what was made. */
export async function createCluster(ctx: ApplyContext, facts: ClusterFacts, d: ClusterDesired): Promise<void> {
  const kind = kindCommand(facts, d);
  const { user, kubeconfig } = clusterUser(facts, d);
  await ensureRuncPin(ctx, d);
  const timeout = String(d.readyTimeoutSeconds + 120);
  const [created] = await ctx.guest
    .run([
      { op: 'run', argv: ['install', '-d', '-m', '0755', '--', kubeconfig.slice(0, kubeconfig.lastIndexOf('/'))] },
      {
        op: 'run',
        argv: [
          'timeout',
          timeout,
          kind,
          'create',
          'cluster',
          '--name',
          d.name,
          '--config',
          '-',
          '--kubeconfig',
          kubeconfig,
          '--retain',
        ],
        stdin: kindConfig(d),
      },
    ])
    .then((r) => [r[1]]);
  const failure =
    created!.code !== 0
      ? t('clusterStep.failed', { command: 'kind create cluster', error: errorText(created!) })
      : await waitReady(ctx, d, kubeconfig).then((w) =>
          w ? t('clusterStep.notReady', { seconds: d.readyTimeoutSeconds, state: w }) : undefined,
        );
  if (failure) {
    const logs = `${clusterLogDir}/kind-${d.name}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const [exported, deleted] = await ctx.guest.run([
      { op: 'run', argv: [kind, 'export', 'logs', logs, '--name', d.name] },
      { op: 'run', argv: [kind, 'delete', 'cluster', '--name', d.name, '--kubeconfig', kubeconfig] },
    ]);
    throw new ApplyFailedError(
      t('clusterStep.createAborted', {
        failure,
        logs:
          exported!.code === 0
            ? t('clusterStep.logsKept', { logs })
            : t('clusterStep.logsLost', { error: errorText(exported!) }),
        deleted:
          deleted!.code === 0
            ? t('clusterStep.deleted')
            : t('clusterStep.deleteFailed', { error: errorText(deleted!) }),
      }),
      { code: 'cluster.create' },
    );
  }
  if (user !== 'root')
    await ctx.guest.run([
      { op: 'run', argv: ['chown', '--', `${user}:`, kubeconfig, kubeconfig.slice(0, kubeconfig.lastIndexOf('/'))] },
    ]);
  const state =
    d.cni === 'kindnet' ? 'Ready' : t('detail.readyOnce', { cni: d.cni === 'none' ? t('detail.yourCni') : d.cni });
  ctx.report(t('detail.clusterUp', { name: d.name, nodes: d.workers + 1, state, kubeconfig }));
}

/** Deletes and creates the cluster once the user agreed; the agreement is never assumed. */
export async function recreateCluster(
  ctx: ApplyContext,
  facts: ClusterFacts,
  d: ClusterDesired,
  why: string,
): Promise<void> {
  const ok = (await ctx.confirm?.(t('clusterStep.recreateQuestion', { name: d.name, why }))) === true;
  if (!ok) {
    throw new ApplyFailedError(t('clusterStep.recreateRefused', { name: d.name, why }), {
      code: 'cluster.recreate',
      suggestions: [t('clusterStep.recreateFix')],
    });
  }
  await deleteCluster(ctx, kindCommand(facts, d), d, clusterUser(facts, d).kubeconfig);
  await createCluster(ctx, facts, d);
}

export function clusterResource(
  d: ClusterDesired,
  options: { dependsOn?: string[]; probeAfter?: string[] } = {},
): ManagedResource<KindActual> {
  return {
    kind: 'managed',
    type: 'cluster.kind',
    key: d.name,
    plane: 'guest',
    needsElevation: false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: t('summary.cluster', { name: d.name, workers: d.workers, image: d.image }),

    get: (ctx) => readKind(ctx.guest, d),

    test(facts): TestResult {
      const notes: string[] = [];
      const cgroup = cgroupNote(facts);
      if (cgroup.note) notes.push(cgroup.note);
      if (!facts.docker.running)
        return {
          inDesiredState: false,
          action: 'create',
          changes: [{ property: 'cluster', before: 'unknown (Docker is not running)', after: 'running' }],
          notes,
        };
      if (facts.nodes.length === 0)
        return {
          inDesiredState: false,
          action: 'create',
          changes: [{ property: 'cluster', before: 'absent', after: `${d.workers + 1} node(s) Ready` }],
          notes,
        };
      const drift = specDrift(facts, withImage(d, facts));
      if (drift.length) notes.push(t('note.recreate'));
      const stopped = facts.nodes.filter((n) => n.state !== 'running');
      const changes = [
        ...drift,
        ...(stopped.length
          ? [
              {
                property: 'nodes running',
                before: stopped.map((n) => `${n.name} ${n.state}`).join(', '),
                after: 'running',
              },
            ]
          : []),
      ];
      if (!stopped.length && !drift.length) changes.push(...readiness(facts, d));
      return { inDesiredState: changes.length === 0, changes, notes };
    },

    async apply(actual, ctx) {
      let facts = actual;
      if (!facts.docker.running) {
        const fresh = await readKind(ctx.guest, d);
        if (!fresh.docker.running) throw dockerNotRunning(fresh);
        facts = fresh;
      }
      const want = withImage(d, facts);
      const cgroup = cgroupNote(facts);
      if (cgroup.v1Only) throw new PrerequisiteError(cgroup.note!, { code: 'cluster.cgroup' });
      if (facts.nodes.length === 0) return createCluster(ctx, facts, want);
      const drift = specDrift(facts, want);
      if (drift.length)
        return recreateCluster(
          ctx,
          facts,
          want,
          drift.map((c) => `${c.property}: ${String(c.before)} → ${String(c.after)}`).join('; '),
        );
      const stopped = facts.nodes.filter((n) => n.state !== 'running').map((n) => n.name);
      if (stopped.length) {
        const [r] = await ctx.guest.run([{ op: 'run', argv: ['docker', 'start', ...stopped] }]);
        if (r!.code !== 0)
          throw new ApplyFailedError(
            t('clusterStep.failed', { command: `docker start ${stopped.join(' ')}`, error: errorText(r!) }),
            { code: 'cluster.start' },
          );
      }
      const waited = await waitReady(ctx, want, clusterUser(facts, want).kubeconfig);
      if (waited)
        throw new ApplyFailedError(
          t('clusterStep.clusterNotReady', { name: want.name, seconds: want.readyTimeoutSeconds, state: waited }),
          { code: 'cluster.ready' },
        );
      ctx.report(stopped.length ? t('detail.nodesStarted', { nodes: stopped.join(', ') }) : t('detail.nodesReady'));
    },
  };
}
