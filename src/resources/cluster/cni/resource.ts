/**
 * `cluster.cni`: calico or kube-ovn installed from its pinned release (releases.ts) and rolled out. The
 * file is downloaded through src/net (sha256-verified, from the release URL or the manifest's
 * `cluster.cniMirrors`, through the configured proxy), its images moved to `cluster.registryMirrors`,
 * then applied in the control-plane node: a manifest with `kubectl apply --server-side -k` (kubectl's
 * kustomize does the image rewrite), an install script with bash (its registry an environment value).
 * Ready when every listed DaemonSet is rolled out with the mirrored images and every node is Ready.
 * kube-ovn first needs the openvswitch and geneve kernel modules (prechecks.ts): refused without them.
 */
import { ApplyFailedError, PrerequisiteError } from '../../../errors.js';
import type { ApplyContext, ManagedResource, PropertyChange, TestResult } from '../../../engine/resource.js';
import { readBack } from '../../../engine/ports/index.js';
import type { GuestOp } from '../../../engine/ports/guest.js';
import { errorText, guestPathOf, type ClusterDesired } from '../desired.js';
import { imageMap, kustomization, registryEnv, scriptRegistry } from './images.js';
import { cniKernelModules, precheckOps, readPrecheck, type KernelPrecheck } from './prechecks.js';
import { cniProbeOp, nodeKubeconfig, parseCniProbe, rolledOut, type CniFacts } from './probe.js';
import type { CniRelease } from './releases.js';
import { t } from '../../../i18n/catalogue.js';

interface CniActual {
  facts: CniFacts;
  kernel?: KernelPrecheck;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Where the file and its kustomization are staged in the distro, and copied to in the node (/kind:
 * docker cp cannot reach the node's tmpfs /tmp).
 */
const stageDir = '/var/lib/devbox/cluster/cni';
const nodeDir = '/kind/devbox-cni';

/** How the cluster differs from the CNI rolled out with the mirrored images (pure). */
export function cniChanges(facts: CniFacts, release: CniRelease, wanted: ReadonlySet<string>): PropertyChange[] {
  const what = `${release.cni} ${release.version}`;
  if (facts.state === 'docker-down')
    return [{ property: what, before: 'unknown (Docker is not running)', after: 'installed and rolled out' }];
  if (facts.state === 'no-cluster')
    return [{ property: what, before: 'no cluster yet', after: 'installed and rolled out' }];
  if (facts.state === 'no-answer')
    return [{ property: what, before: `unknown (the API did not answer: ${facts.error})`, after: 'rolled out' }];
  const changes: PropertyChange[] = [];
  const ns = release.readiness.namespace;
  for (const name of release.readiness.daemonSets) {
    const ds = facts.daemonSets.find((d) => d.name === name);
    if (!ds) {
      changes.push({ property: `daemonset ${ns}/${name}`, before: 'absent', after: 'rolled out' });
      continue;
    }
    const foreign = ds.images.filter((i) => !wanted.has(i));
    if (foreign.length)
      changes.push({ property: `${name} images`, before: foreign.join(', '), after: [...wanted].join(', ') });
    else if (!rolledOut(ds))
      changes.push({
        property: `${name} ready`,
        before:
          `${ds.available}/${ds.desired} available, ${ds.updated} updated` +
          (ds.waiting.length ? `: ${ds.waiting.join('; ')}` : ''),
        after: `${ds.desired || 'every node'}/${ds.desired || 'every node'}`,
      });
  }
  const notReady = facts.nodes.filter((n) => !n.ready);
  if (changes.length === 0 && notReady.length)
    changes.push({
      property: 'nodes Ready',
      before: notReady.map((n) => `${n.name}${n.message ? ` (${n.message})` : ''}`).join(', '),
      after: 'all Ready',
    });
  return changes;
}

async function probe(ctx: { guest: ApplyContext['guest'] }, d: ClusterDesired, release: CniRelease) {
  const [r] = await ctx.guest.run([cniProbeOp(d.name, release)]);
  return parseCniProbe(r!);
}

/** Runs one batch and fails on its first failed operation: the next batch depends on it. */
async function step(ctx: ApplyContext, ops: GuestOp[], what: string): Promise<void> {
  const results = await ctx.guest.run(ops);
  const failed = results.findIndex((r) => r.code !== 0);
  if (failed >= 0)
    throw new ApplyFailedError(t('cni.stepFailed', { what, error: errorText(results[failed]!) }), {
      code: 'cluster.cni.apply',
    });
}

/**
 * Downloads the release's file (src/net verifies its sha256), puts it in a directory of the distro
 * with what makes its images come from the mirrors (a kustomization, or the script's registry line
 * rewritten by a sed program from the pin table), checks the copy's sha256 again and copies the
 * directory into the control-plane node. Returns the command that applies it there.
 */
async function stage(ctx: ApplyContext, d: ClusterDesired, release: CniRelease, node: string): Promise<string[]> {
  if (!ctx.net)
    throw new PrerequisiteError(t('cluster.cniNeedsNet', { cni: release.cni, version: release.version }), {
      code: 'cluster.cni.net',
    });
  const file = release.url.slice(release.url.lastIndexOf('/') + 1);
  const fetched = await ctx.net.fetchFile({
    urls: [release.url, ...(d.cniMirrors ?? [])],
    sha256: release.sha256,
    name: `${release.cni}-${release.version}-${file}`,
  });
  const dir = `${stageDir}/${release.cni}-${release.version}`;
  await step(
    ctx,
    [
      { op: 'run', argv: ['install', '-D', '-m', '0644', '--', guestPathOf(fetched.path), `${dir}/${file}`] },
      {
        op: 'run',
        argv: ['sha256sum', '--check', '--status', '-'],
        stdin: `${release.sha256}  ${dir}/${file}\n`,
        check: t('cni.checkSha256', { file: `${dir}/${file}`, sha256: release.sha256 }),
      },
    ],
    t('cni.staging', { source: release.source, dir }),
  );
  const script = release.format === 'install-script' ? scriptRegistry(release, d.registryMirrors) : undefined;
  await step(
    ctx,
    [
      script
        ? {
            op: 'run',
            argv: ['grep', '-qxF', '--', script.line, `${dir}/${file}`],
            check: t('cni.checkRegistryLine', { file }),
          }
        : {
            op: 'write',
            path: `${dir}/kustomization.yaml`,
            content: kustomization(file, release, d.registryMirrors),
            mode: '644',
          },
      ...(script ? [{ op: 'run' as const, argv: ['sed', '-i', '-e', script.sed, '--', `${dir}/${file}`] }] : []),
      { op: 'run', argv: ['docker', 'exec', node, 'rm', '-rf', '--', nodeDir] },
      { op: 'run', argv: ['docker', 'cp', `${dir}/.`, `${node}:${nodeDir}`] },
    ],
    t('cni.preparing', { source: release.source }),
  );
  const kubectl = ['kubectl', '--kubeconfig', nodeKubeconfig];
  return script
    ? [
        'docker',
        'exec',
        '-e',
        `KUBECONFIG=${nodeKubeconfig}`,
        '-e',
        `${registryEnv}=${script.registry}`,
        node,
        'bash',
        `${nodeDir}/${file}`,
      ]
    : [
        'docker',
        'exec',
        node,
        ...kubectl,
        'apply',
        '--server-side',
        '--force-conflicts',
        '--field-manager=devbox',
        '-k',
        nodeDir,
      ];
}

/**
 * Polls until rolled out: undefined when it is, what is left at the deadline, or `unread` when the
 * context reads nothing back (nothing was really applied: there is no rollout to wait for).
 */
async function waitRolledOut(ctx: ApplyContext, d: ClusterDesired, release: CniRelease, wanted: ReadonlySet<string>) {
  const deadline = Date.now() + d.readyTimeoutSeconds * 1000;
  for (;;) {
    const facts = await readBack(ctx, () => probe(ctx, d, release));
    if (facts === undefined) return 'unread';
    const changes = cniChanges(facts, release, wanted);
    if (changes.length === 0) return undefined;
    if (Date.now() >= deadline) return changes.map((c) => `${c.property}: ${String(c.before)}`).join('; ');
    await delay(2000);
  }
}

export function cniResource(
  d: ClusterDesired,
  release: CniRelease,
  options: { dependsOn?: string[]; probeAfter?: string[] } = {},
): ManagedResource<CniActual> {
  const wanted = new Set(imageMap(release, d.registryMirrors).values());
  const modules = cniKernelModules[release.cni];
  const mirrored = [...imageMap(release, d.registryMirrors)].filter(([from, to]) => from !== to).length;
  return {
    kind: 'managed',
    type: 'cluster.cni',
    key: d.name,
    plane: 'guest',
    needsElevation: false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: t('summary.cni', {
      cni: release.cni,
      version: release.version,
      script: release.format !== 'manifest',
      sha256: release.sha256.slice(0, 12),
      mirrored,
      sets: release.readiness.daemonSets.join(', '),
    }),

    async get(ctx) {
      const [r, kernel] = await ctx.guest.run([cniProbeOp(d.name, release), ...precheckOps(modules)]);
      return {
        facts: parseCniProbe(r!),
        ...(modules.length ? { kernel: readPrecheck(release.cni, kernel, modules) } : {}),
      };
    },

    test({ facts, kernel }): TestResult {
      const changes = cniChanges(facts, release, wanted);
      const missing = kernel?.modules.filter((m) => m.verdict === 'missing') ?? [];
      if (missing.length)
        changes.unshift({
          property: 'kernel modules',
          before: `missing ${missing.map((m) => m.module).join(', ')} (${kernel!.kernel})`,
          after: modules.map((m) => m.module).join(', '),
        });
      const absent = facts.state !== 'answered' || facts.daemonSets.length === 0;
      return {
        inDesiredState: changes.length === 0,
        ...(changes.length ? { action: absent ? ('create' as const) : ('update' as const) } : {}),
        changes,
        notes: kernel?.fix ? [kernel.fix] : [],
      };
    },

    async apply({ kernel }, ctx) {
      if (kernel && !kernel.ok) throw new PrerequisiteError(kernel.fix!, { code: 'cluster.cni.kernel' });
      const facts = await probe(ctx, d, release);
      if (facts.state !== 'answered' && facts.state !== 'no-cluster')
        throw new ApplyFailedError(
          t('cluster.cniNoCluster', {
            cni: release.cni,
            why:
              facts.state === 'docker-down'
                ? t('cluster.dockerDown')
                : t('cluster.apiSilent', { error: String(facts.error) }),
          }),
          { code: 'cluster.cni.cluster' },
        );
      // No node yet: the cluster is made earlier in this run (a dry run records it): kind names it so.
      const node = facts.node ?? `${d.name}-control-plane`;
      const command = await stage(ctx, d, release, node);
      await step(ctx, [{ op: 'run', argv: command }], t('cni.applying', { source: release.source }));
      const left = await waitRolledOut(ctx, d, release, wanted);
      if (left === 'unread') return ctx.report(t('detail.cniUnread', { source: release.source }));
      if (left)
        throw new ApplyFailedError(
          t('cluster.cniNotRolledOut', {
            cni: release.cni,
            version: release.version,
            seconds: d.readyTimeoutSeconds,
            left,
          }),
          { code: 'cluster.cni.ready', suggestions: [t('cluster.cniPullFix')] },
        );
      ctx.report(
        t('detail.cniRolledOut', {
          cni: release.cni,
          version: release.version,
          sets: release.readiness.daemonSets.join(', '),
        }),
      );
    },
  };
}
