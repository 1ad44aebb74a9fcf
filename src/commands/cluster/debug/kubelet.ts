import { Flags } from '@oclif/core';
import { DevboxCommand, manifestFlags } from '../../../cli/base.js';
import { debugKubelet, type DebugKubeletResult } from '../../../app/cluster-debug.js';
import { t } from '../../../i18n/catalogue.js';

export default class ClusterDebugKubeletCommand extends DevboxCommand {
  static override summary = 'Run kubelet in a kind node under a headless Delve, and print the IDE settings to attach.';
  static override description =
    "Copies Delve (the distro's `dlv`, e.g. Debian's delve package, or --dlv PATH) into the node and adds a systemd drop-in that starts " +
    'kubelet as `dlv exec --headless --accept-multiclient --api-version=2 --listen=:PORT --continue KUBELET -- ARGS` with its usual arguments. ' +
    'For source-level debugging kubelet must be built with optimisations off: --binary PATH (in the distro), or --build SRC runs ' +
    "`make all WHAT=cmd/kubelet DBG=1` in a Kubernetes checkout. Prints a VS Code launch.json and GoLand's Go Remote settings. " +
    '--restore removes the drop-in and the copied files and restarts the original kubelet. ' +
    'runc and dockerd debug builds: see the README ("Debugging kubelet, runc and dockerd").';
  static override examples = [
    '<%= config.bin %> cluster debug kubelet --binary /home/me/kubernetes/_output/bin/kubelet',
    '<%= config.bin %> cluster debug kubelet --build /home/me/kubernetes --port 2345',
    '<%= config.bin %> cluster debug kubelet --restore',
  ];
  static override flags = {
    ...manifestFlags,
    node: Flags.string({ summary: 'The node container (default: <cluster>-control-plane).', helpValue: 'NAME' }),
    cluster: Flags.string({ summary: "The kind cluster (default: the manifest's cluster.name).", helpValue: 'NAME' }),
    port: Flags.integer({ summary: 'The port Delve listens on inside the node.', default: 2345, min: 1, max: 65535 }),
    binary: Flags.string({
      summary: 'A kubelet built with -gcflags="all=-N -l", in the distro.',
      helpValue: 'PATH',
      exclusive: ['build'],
    }),
    build: Flags.string({
      summary: 'A Kubernetes checkout in the distro: build kubelet with DBG=1 first.',
      helpValue: 'SRC',
      exclusive: ['binary'],
    }),
    dlv: Flags.string({ summary: 'Delve in the distro (default: dlv on PATH).', helpValue: 'PATH' }),
    restore: Flags.boolean({ summary: 'Put the original kubelet back.', default: false }),
  };

  async run(): Promise<DebugKubeletResult> {
    const { flags } = await this.parse(ClusterDebugKubeletCommand);
    const result = await debugKubelet(
      { manifestRef: flags.manifest, trustRemote: flags['trust-remote'] },
      {
        port: flags.port,
        restore: flags.restore,
        ...(flags.node ? { node: flags.node } : {}),
        ...(flags.cluster ? { cluster: flags.cluster } : {}),
        ...(flags.binary ? { binary: flags.binary } : {}),
        ...(flags.build ? { build: flags.build } : {}),
        ...(flags.dlv ? { dlv: flags.dlv } : {}),
      },
    );
    if (result.action === 'restored') {
      this.say(t('clusterDebug.restored', { node: result.node }));
      return result;
    }
    this.say(
      [
        ...(result.built
          ? [
              t('clusterDebug.built', {
                path: result.built.path,
                settings: t(
                  result.built.settingsChecked ? 'clusterDebug.settingsChecked' : 'clusterDebug.settingsUnchecked',
                ),
              }),
            ]
          : []),
        t('clusterDebug.listening', { node: result.node, address: `${result.address ?? result.node}:${result.port}` }),
        t('clusterDebug.forward', {
          command: `socat TCP-LISTEN:${result.port},fork,reuseaddr TCP:${result.address ?? result.node}:${result.port}`,
        }),
        t('clusterDebug.commandLine', { command: `dlv connect ${result.address ?? result.node}:${result.port}` }),
        '',
        t('clusterDebug.vscode'),
        JSON.stringify(result.ide!.vscode, null, 2),
        '',
        result.ide!.goland,
        '',
        t('clusterDebug.undo', {
          command: `devbox cluster debug kubelet --restore${result.node ? ` --node ${result.node}` : ''}`,
        }),
      ].join('\n'),
    );
    return result;
  }
}
