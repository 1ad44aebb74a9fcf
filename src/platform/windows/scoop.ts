/**
 * Running Scoop: its installer (a pinned install.ps1 devbox downloaded and verified) and its own
 * scoop.ps1, each as a script file with `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy
 * Bypass -File <file> <parameters>`. -ExecutionPolicy Bypass applies to that one process: the
 * installer accepts Bypass as an effective policy, and the user's own policy stays as it is. Every
 * parameter is a separate argv entry that -File binds literally (a path with spaces or Chinese
 * characters is one argument, never re-parsed as PowerShell). No command string is ever built.
 *
 * Scoop must not run as administrator (its installer refuses, and user apps would belong to the
 * wrong account), except `scoop install --global`, which Scoop itself allows only elevated: that one
 * goes through the run's elevated helper, and nothing else Scoop does may.
 */
import { commandEnvNames, type HostCommand } from '../../engine/ports/host.js';
import { powershellArgs } from './powershell.js';

const prefix = powershellArgs('');
const fileIndex = prefix.length - 1;

function leaf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Why a powershell.exe command is not one devbox runs (undefined when it is). */
export function refusePowerShellCommand(command: Pick<HostCommand, 'args' | 'elevated' | 'env'>): string | undefined {
  const args = command.args;
  if (args.length <= fileIndex || prefix.slice(0, fileIndex).some((a, i) => args[i] !== a)) return `powershell.exe runs only script files, as ${prefix.slice(0, fileIndex).join(' ')} -File <script>`;
  const file = args[fileIndex]!;
  const absolute = /^[A-Za-z]:\\/.test(file) || file.startsWith('/');
  if (!absolute) return `the script must be an absolute path: ${file}`;
  const name = leaf(file).toLowerCase();
  if (name !== 'scoop.ps1' && name !== 'install.ps1') return `powershell.exe runs only Scoop's scoop.ps1 and its installer, not ${leaf(file)}`;
  if (command.elevated) {
    if (name !== 'scoop.ps1') return "Scoop's installer never runs as administrator";
    const rest = args.slice(fileIndex + 1);
    if (!rest.some((a) => a === '--global' || a === '-g')) return 'as administrator, Scoop only installs or removes global apps (--global)';
  }
  for (const name of Object.keys(command.env ?? {})) {
    if (!(commandEnvNames as readonly string[]).includes(name)) return `environment variable ${name} cannot be passed to a Windows command`;
  }
  return undefined;
}

/** Where Scoop keeps itself and its apps. */
export interface ScoopDirs {
  root: string;
  globalRoot: string;
  cacheDir?: string;
}

/** `<root>\shims\scoop.ps1`: what the user's `scoop` command runs (it resolves Scoop from its own place). */
export function scoopScript(root: string): string {
  return `${root.replace(/\\+$/, '')}\\shims\\scoop.ps1`;
}

/**
 * Runs scoop.ps1 with Scoop's folders pinned by environment (SCOOP wins over config.json and the
 * script's own location in Scoop's lookup order), so every command sees the manifest's folders.
 */
export function scoopCommand(dirs: ScoopDirs, params: readonly string[], options: { global?: boolean; timeoutMs?: number } = {}): HostCommand {
  return {
    tool: 'powershell.exe',
    args: [...powershellArgs(scoopScript(dirs.root)), ...params],
    env: { SCOOP: dirs.root, SCOOP_GLOBAL: dirs.globalRoot, ...(dirs.cacheDir ? { SCOOP_CACHE: dirs.cacheDir } : {}) },
    ...(options.global ? { elevated: true } : {}),
    timeoutMs: options.timeoutMs ?? 60 * 60_000,
  };
}

/** How the installer is told about a proxy (Scoop's own `proxy` setting: host:port, user:pass@host:port, currentuser@…, none, default). */
export function installerProxyParams(proxy: string | undefined): string[] {
  if (proxy === undefined || proxy === 'default') return [];
  if (proxy === 'none') return ['-NoProxy'];
  if (proxy.startsWith('currentuser@')) return ['-Proxy', `http://${proxy.slice('currentuser@'.length)}`, '-ProxyUseDefaultCredentials'];
  // -Proxy is a [Uri]; credentials in it are not used by WebClient, so they are left to config.json.
  return ['-Proxy', `http://${proxy.slice(proxy.lastIndexOf('@') + 1)}`];
}

/** The installer run: install.ps1 with its own parameters (never `irm | iex`). */
export function installerCommand(installer: string, dirs: ScoopDirs, proxy: string | undefined): HostCommand {
  return {
    tool: 'powershell.exe',
    args: [
      ...powershellArgs(installer),
      '-ScoopDir',
      dirs.root,
      '-ScoopGlobalDir',
      dirs.globalRoot,
      ...(dirs.cacheDir ? ['-ScoopCacheDir', dirs.cacheDir] : []),
      ...installerProxyParams(proxy),
    ],
    timeoutMs: 30 * 60_000,
  };
}
