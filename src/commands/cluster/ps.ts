import { Flags } from '@oclif/core';
import { DevboxCommand, manifestFlags } from '../../cli/base.js';
import { clusterPs } from '../../app/cluster-diagnose.js';
import { renderChains, type NodeChain } from '../../resources/cluster/diagnose/chain.js';

export default class ClusterPsCommand extends DevboxCommand {
  static override summary =
    'The container chain of each kind node: kubelet → containerd → shims → containers, with runc.';
  static override description =
    'Reads /proc in the distro in one guest-agent call (one docker exec per node for the node names): per node, kubelet, containerd, ' +
    "each containerd-shim-runc-v2 (one per pod sandbox) with the runc binary it runs, and under it the containers' processes and any " +
    "transient runc / runc init, with pids (also as seen inside), states and ages. Docker's own chain in the distro is shown first.";
  static override examples = [
    '<%= config.bin %> cluster ps',
    '<%= config.bin %> cluster ps --json',
    '<%= config.bin %> cluster ps --cluster dev',
  ];
  static override flags = {
    ...manifestFlags,
    root: Flags.string({
      summary: 'Read the processes through chroot into DIR (its /proc must be mounted).',
      helpValue: 'DIR',
    }),
    cluster: Flags.string({ summary: "The kind cluster (default: the manifest's cluster.name).", helpValue: 'NAME' }),
  };

  async run(): Promise<{
    cluster?: string;
    nodes: NodeChain[];
    cost: { guestCalls: number; dockerExecs: number; ms: number };
  }> {
    const { flags } = await this.parse(ClusterPsCommand);
    const result = await clusterPs(
      {
        manifestRef: flags.manifest,
        trustRemote: flags['trust-remote'],
        ...(flags.root ? { root: flags.root, plane: 'guest' as const } : {}),
      },
      {},
      flags.cluster ? { cluster: flags.cluster } : {},
    );
    this.say(renderChains(result.chains));
    return { ...(result.cluster ? { cluster: result.cluster } : {}), nodes: result.chains, cost: result.cost };
  }
}
