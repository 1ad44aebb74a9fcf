/**
 * `cluster.cni`: calico or kube-ovn installed from its pinned release (releases.ts) and rolled out. The
 * file is downloaded through src/net (sha256-verified, from the release URL or the manifest's
 * `cluster.cniMirrors`, through the configured proxy), read back and verified again, its images moved
 * to `cluster.registryMirrors`, then applied in the control-plane node: a manifest with `kubectl apply
 * --server-side` (stdin), an install script with bash (copied in, its registry as an environment value).
 * Ready when every listed DaemonSet is rolled out with the mirrored images and every node is Ready.
 * kube-ovn first needs the openvswitch and geneve kernel modules (prechecks.ts): refused without them.
 */
import { createHash } from 'node:crypto';
import { ApplyFailedError, PrerequisiteError } from '../../../errors.js';
import type { ApplyContext, ManagedResource, PropertyChange, TestResult } from '../../../engine/resource.js';
import type { GuestOp } from '../../../engine/ports/guest.js';
import { errorText, guestPathOf, type ClusterDesired } from '../desired.js';
import { imageMap, registryEnv, rewriteInstallScript, rewriteManifest } from './images.js';
import { cniKernelModules, precheckOps, readPrecheck, type KernelPrecheck } from './prechecks.js';
import { cniProbeOp, nodeKubeconfig, parseCniProbe, rolledOut, type CniFacts } from './probe.js';
import type { CniRelease } from './releases.js';

interface CniActual {
  facts: CniFacts;
  kernel?: KernelPrecheck;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Where the rewritten install script is kept in the distro and copied to in the node (/kind survives, /tmp is a tmpfs docker cp cannot reach). */
const scriptDir = '/var/lib/devbox/cluster/cni';
const nodeScript = '/kind/devbox-cni-install.sh';

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
        before: `${ds.available}/${ds.desired} available, ${ds.updated} updated${ds.waiting.length ? `: ${ds.waiting.join('; ')}` : ''}`,
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

/** Downloads, verifies and rewrites the release's file; undefined in a dry run, where nothing was downloaded. */
async function fetchRewritten(ctx: ApplyContext, d: ClusterDesired, release: CniRelease) {
  if (!ctx.net)
    throw new PrerequisiteError(`downloading ${release.cni} ${release.version} needs network access from devbox`, {
      code: 'cluster.cni.net',
    });
  const name = `${release.cni}-${release.version}-${release.url.slice(release.url.lastIndexOf('/') + 1)}`;
  const fetched = await ctx.net.fetchFile({
    urls: [release.url, ...(d.cniMirrors ?? [])],
    sha256: release.sha256,
    name,
  });
  const [read] = await ctx.guest.run([{ op: 'read', path: guestPathOf(fetched.path) }]);
  const bytes = read!.file?.content;
  if (!bytes) {
    if (fetched.source === 'recorded') return undefined;
    throw new ApplyFailedError(`cannot read the downloaded ${name} in the distro (${guestPathOf(fetched.path)})`, {
      code: 'cluster.cni.read',
    });
  }
  // Verified on download; checked again on what is about to be applied.
  const sum = createHash('sha256').update(bytes).digest('hex');
  if (sum !== release.sha256)
    throw new ApplyFailedError(`${name} has sha256 ${sum}, not the pinned ${release.sha256}: nothing applied`, {
      code: 'cluster.cni.sha256',
    });
  const text = bytes.toString('utf8');
  return release.format === 'manifest'
    ? { manifest: rewriteManifest(text, release, d.registryMirrors) }
    : rewriteInstallScript(text, release, d.registryMirrors);
}

function applyOps(node: string, release: CniRelease, rewritten: Awaited<ReturnType<typeof fetchRewritten>>) {
  const kubectl = ['docker', 'exec', '-i', node, 'kubectl', '--kubeconfig', nodeKubeconfig];
  if (!rewritten) return [{ op: 'run', argv: [...kubectl, 'apply', '--server-side', '-f', '-'] }] as GuestOp[];
  if ('manifest' in rewritten)
    return [
      {
        op: 'run',
        argv: [...kubectl, 'apply', '--server-side', '--force-conflicts', '--field-manager=devbox', '-f', '-'],
        stdin: rewritten.manifest,
      },
    ] as GuestOp[];
  const local = `${scriptDir}/${release.cni}-${release.version}-install.sh`;
  return [
    { op: 'write', path: local, content: rewritten.script, mode: '644' },
    { op: 'run', argv: ['docker', 'cp', local, `${node}:${nodeScript}`] },
    {
      op: 'run',
      argv: [
        'docker',
        'exec',
        '-e',
        `KUBECONFIG=${nodeKubeconfig}`,
        '-e',
        `${registryEnv}=${rewritten.registry}`,
        node,
        'bash',
        nodeScript,
      ],
    },
  ] as GuestOp[];
}

async function waitRolledOut(ctx: ApplyContext, d: ClusterDesired, release: CniRelease, wanted: ReadonlySet<string>) {
  const deadline = Date.now() + d.readyTimeoutSeconds * 1000;
  for (;;) {
    const changes = cniChanges(await probe(ctx, d, release), release, wanted);
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
    summary:
      `${release.cni} ${release.version} (${release.format === 'manifest' ? 'manifest' : 'install script'} sha256 ` +
      `${release.sha256.slice(0, 12)}…, ${mirrored ? `${mirrored} image(s) from registry mirrors` : 'images from their registries'}), ` +
      `DaemonSets ${release.readiness.daemonSets.join(', ')} rolled out`,

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
      const rewritten = await fetchRewritten(ctx, d, release);
      const facts = await probe(ctx, d, release);
      if (!rewritten) {
        // A dry run downloads nothing: it records the command against the node kind names.
        await ctx.guest.run(applyOps(facts.node ?? `${d.name}-control-plane`, release, rewritten));
        return ctx.report(`would apply ${release.source} (not downloaded in a dry run)`);
      }
      if (facts.state !== 'answered' || !facts.node)
        throw new ApplyFailedError(
          `cannot install ${release.cni}: ${facts.state === 'docker-down' ? 'Docker is not running' : facts.state === 'no-cluster' ? `kind cluster "${d.name}" has no control-plane node` : `the API does not answer (${facts.error})`}`,
          { code: 'cluster.cni.cluster' },
        );
      const results = await ctx.guest.run(applyOps(facts.node, release, rewritten));
      const failed = results.find((r) => r.code !== 0);
      if (failed)
        throw new ApplyFailedError(`applying ${release.source} failed: ${errorText(failed)}`, {
          code: 'cluster.cni.apply',
        });
      const left = await waitRolledOut(ctx, d, release, wanted);
      if (left)
        throw new ApplyFailedError(
          `${release.cni} ${release.version} is not rolled out within ${d.readyTimeoutSeconds} s: ${left}`,
          {
            code: 'cluster.cni.ready',
            suggestions: [
              'an image that cannot be pulled shows as ErrImagePull/ImagePullBackOff: set cluster.registryMirrors for its registry',
            ],
          },
        );
      ctx.report(
        `${release.cni} ${release.version} rolled out (${release.readiness.daemonSets.join(', ')}); every node Ready`,
      );
    },
  };
}
