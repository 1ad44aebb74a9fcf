/**
 * `wsl.core`: the WSL package (not only the inbox wsl.exe) at least at devbox's minimum version,
 * and the default WSL version for new distributions. The package version is read from its wsl.exe's
 * file version (no wsl.exe start while probing); `wsl --update` installs it from GitHub, or an
 * offline installer (.msi, sha256-pinned) does where GitHub is blocked.
 */
import { ExitCode, UserError } from '../../errors.js';
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import type { NetPort } from '../../engine/ports/index.js';
import { expectResult, type HostPort, type OsFacts } from '../../engine/ports/host.js';
import { decodeWindowsText } from '../../platform/windows/text.js';
import {
  compareVersions,
  setDefaultVersion,
  updateWsl,
  WslCommandError,
  wslVersion,
} from '../../platform/windows/wsl.js';
import { applyHost, dwordValue, lxssUserKey, packageVersion, readHost, wslPackageExe } from './facts.js';
import { t } from '../../i18n/catalogue.js';

/**
 * The oldest WSL package devbox accepts: 2.0.0 brought the [wsl2] keys devbox writes (networkingMode,
 * dnsTunneling, firewall, autoProxy) and the Hyper-V firewall adapter.
 */
export const minimumWslVersion = '2.0.0';

export interface CoreOptions {
  update: boolean;
  preRelease: boolean;
  offlineInstaller?: { path?: string; url?: string; sha256: string };
  defaultVersion: 1 | 2;
}

interface CoreActual {
  os: OsFacts;
  packageVersion: string | null;
  /** HKCU Lxss DefaultVersion; unset means 2 for the WSL package, 1 for inbox WSL. */
  defaultVersion: number;
}

/** msiexec: 0 installed, 3010 installed (restart recommended), 1641 installed and restarting. */
const msiSuccess = new Set([0, 3010, 1641]);

async function installOffline(
  host: HostPort,
  net: NetPort | undefined,
  installer: NonNullable<CoreOptions['offlineInstaller']>,
  report: (m: string) => void,
): Promise<void> {
  let path = installer.path;
  if (!path) {
    // Fetched by devbox's network layer into its cache (a Windows path: msiexec opens it directly).
    if (!net) throw new Error(t('guard.noNetWsl'));
    const fetched = await net.fetchFile({
      urls: [installer.url!],
      sha256: installer.sha256,
      name: `wsl-${installer.sha256.slice(0, 16)}.msi`,
    });
    path = fetched.path;
    report(t('detail.wslInstaller', { cached: fetched.source === 'cache', path }));
  } else {
    const [hash] = await host.probe([{ op: 'fileHash', path }]);
    const actual = expectResult(hash, 'hash', path);
    if (actual === null)
      throw new UserError(t('wsl.installerMissing', { file: path }), ExitCode.applyFailed, {
        code: 'wsl.installer-missing',
      });
    if (actual !== installer.sha256) {
      throw new UserError(
        t('wsl.installerSha256', { file: path, actual: String(actual), pinned: installer.sha256 }),
        ExitCode.applyFailed,
        { code: 'wsl.installer-sha256' },
      );
    }
  }
  const args = ['/i', path, '/quiet', '/norestart'];
  const result = await host.exec({ tool: 'msiexec.exe', args, elevated: true, timeoutMs: 30 * 60_000 });
  if (result.exitCode === null || !msiSuccess.has(result.exitCode)) {
    throw new UserError(
      t('wsl.installerFailed', { file: path, code: String(result.exitCode), output: decodeWindowsText(result.stdout) }),
      ExitCode.applyFailed,
      { code: 'wsl.installer-failed' },
    );
  }
  report(t('detail.wslInstalledFile', { path, restart: result.exitCode !== 0 }));
}

export function wslCoreResource(options: CoreOptions, dependsOn: string[]): ManagedResource<CoreActual> {
  return {
    kind: 'managed',
    type: 'wsl.core',
    key: 'wsl',
    plane: 'host',
    needsElevation: options.update,
    dependsOn,
    summary: t('summary.wslPackage', {
      version: minimumWslVersion,
      update: Boolean(options.update),
      defaultVersion: options.defaultVersion,
    }),

    async get(ctx) {
      const [os, version, lxss] = await readHost(ctx).probe([
        { op: 'os' },
        { op: 'fileVersion', path: wslPackageExe },
        { op: 'registry', key: lxssUserKey },
      ]);
      const installed = packageVersion(expectResult(version, 'version', t('probe.what.wslVersion')));
      const registry = expectResult(lxss, 'registry', lxssUserKey);
      return {
        os: expectResult(os, 'os', t('probe.what.os')),
        packageVersion: installed,
        defaultVersion: dwordValue(registry, 'DefaultVersion') ?? (installed ? 2 : 1),
      };
    },

    test(actual): TestResult {
      const changes: PropertyChange[] = [];
      if (options.update && (!actual.packageVersion || compareVersions(actual.packageVersion, minimumWslVersion) < 0)) {
        changes.push({
          property: 'package',
          before: actual.packageVersion ?? 'not installed (inbox wsl.exe only)',
          after: `${minimumWslVersion} or newer`,
        });
      }
      if (actual.defaultVersion !== options.defaultVersion)
        changes.push({ property: 'defaultVersion', before: actual.defaultVersion, after: options.defaultVersion });
      return { inDesiredState: changes.length === 0, action: actual.packageVersion ? 'update' : 'create', changes };
    },

    async apply(actual, ctx) {
      const host = applyHost(ctx);
      if (options.update && (!actual.packageVersion || compareVersions(actual.packageVersion, minimumWslVersion) < 0)) {
        if (options.offlineInstaller) await installOffline(host, ctx.net, options.offlineInstaller, ctx.report);
        else {
          try {
            await updateWsl(host, { preRelease: options.preRelease });
          } catch (error) {
            if (!(error instanceof WslCommandError)) throw error;
            // `wsl --update` downloads from github.com, which is blocked in many networks.
            throw new UserError(t('wsl.updateFailed', { error: error.message }), ExitCode.applyFailed, {
              code: 'wsl.update-failed',
            });
          }
        }
        const versions = await wslVersion(host);
        ctx.report(
          versions
            ? t('detail.wslVersions', { wsl: versions.wsl, kernel: versions.kernel ?? '' })
            : t('detail.wslPackageInstalled'),
        );
      }
      if (actual.defaultVersion !== options.defaultVersion) {
        await setDefaultVersion(host, options.defaultVersion);
        ctx.report(t('detail.wslDefaultVersion', { version: options.defaultVersion }));
      }
    },
  };
}
