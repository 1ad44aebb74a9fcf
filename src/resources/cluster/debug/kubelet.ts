/**
 * kubelet under Delve in a kind node, the seed's recipe as data: a systemd drop-in that replaces
 * kubelet's ExecStart with `dlv exec --headless --accept-multiclient --api-version=2 --listen=:PORT
 * --continue KUBELET -- ARGS`, keeping kubelet's own arguments (systemd expands their $VARIABLES as
 * before). `--continue` lets kubelet run while no debugger is attached, so the node stays Ready.
 * Pure: text in, text out.
 */

import { t } from '../../../i18n/catalogue.js';

/** The drop-in devbox writes; `--restore` removes exactly this file. */
export const debugDropInPath = '/etc/systemd/system/kubelet.service.d/99-devbox-debug.conf';
/** Where devbox puts the Delve binary and a `--binary` kubelet inside the node. */
export const nodeDlvPath = '/usr/local/bin/dlv-devbox';
export const nodeDebugKubeletPath = '/usr/local/bin/kubelet-devbox-debug';
const marker = '# devbox: cluster debug kubelet';

/**
 * kubelet's effective ExecStart from `systemctl cat kubelet.service`, leaving devbox's own drop-in
 * out (so a second run or --restore sees the original). The last non-empty assignment wins; an empty
 * `ExecStart=` in a later file resets it (systemd.service(5)).
 */
export function originalExecStart(systemctlCat: string): string | undefined {
  let current: string | undefined;
  let ours = false;
  for (const raw of systemctlCat.split('\n')) {
    const line = raw.trim();
    const header = /^# (\/\S+)$/.exec(line);
    if (header) {
      ours = header[1] === debugDropInPath;
      continue;
    }
    if (ours) continue;
    const m = /^ExecStart=(.*)$/.exec(line);
    if (m) current = m[1]!.trim() || undefined;
  }
  return current;
}

export interface DropInOptions {
  port: number;
  /** The kubelet binary to run: the original, or the --binary copy. */
  kubelet: string;
  /** The original ExecStart line's value. */
  execStart: string;
}

/** The drop-in's text. */
export function debugDropIn(o: DropInOptions): string {
  const [, ...args] = o.execStart.split(/\s+/);
  const dlv = [
    nodeDlvPath,
    'exec',
    '--headless',
    '--accept-multiclient',
    '--api-version=2',
    `--listen=:${o.port}`,
    '--continue',
    o.kubelet,
  ];
  return [
    `${marker}; \`devbox cluster debug kubelet --restore\` removes this file.`,
    '[Service]',
    'ExecStart=',
    `ExecStart=${[...dlv, ...(args.length ? ['--', ...args] : [])].join(' ')}`,
    '',
  ].join('\n');
}

/** The first word of ExecStart (systemd allows prefixes such as `-` and `@`). */
export function execStartBinary(execStart: string): string {
  return (execStart.split(/\s+/)[0] ?? '').replace(/^[-@:+!]+/, '');
}

export interface IdeConfigs {
  vscode: { version: '0.2.0'; configurations: Record<string, unknown>[] };
  goland: string;
}

/** Ready-to-paste IDE settings for a headless Delve at host:port. */
export function ideConfigs(host: string, port: number, sourceRoot?: string): IdeConfigs {
  const attach: Record<string, unknown> = {
    name: 'kubelet in kind (devbox)',
    type: 'go',
    request: 'attach',
    mode: 'remote',
    host,
    port,
    ...(sourceRoot ? { substitutePath: [{ from: '${workspaceFolder}', to: sourceRoot }] } : {}),
  };
  return {
    vscode: { version: '0.2.0', configurations: [attach] },
    goland: [
      'GoLand: Run → Edit Configurations… → + → Go Remote',
      `  Host: ${host}`,
      `  Port: ${port}`,
      t('debug.golandDisconnect'),
    ].join('\n'),
  };
}
