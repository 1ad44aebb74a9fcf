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
 * goes through the run's elevated helper, and nothing else Scoop does may (run.ts refuses an
 * elevated devbox; platform/windows/powershell-guard.ts refuses anything else at the port).
 */
import type { HostCommand } from '../../engine/ports/host.js';
import { powershellArgs } from '../../platform/windows/powershell.js';

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
export function scoopCommand(
  dirs: ScoopDirs,
  params: readonly string[],
  options: { global?: boolean; timeoutMs?: number } = {},
): HostCommand {
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
  if (proxy.startsWith('currentuser@'))
    return ['-Proxy', `http://${proxy.slice('currentuser@'.length)}`, '-ProxyUseDefaultCredentials'];
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
