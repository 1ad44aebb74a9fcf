/**
 * `wsl.distro`: the named distribution registered, as WSL 2, non-interactively, with the configured
 * default user. It is installed with `--no-launch` (or imported, which has no first-run prompt), and
 * devbox only ever starts it with a command (`--exec`), so the first-run user prompt never appears.
 * Registration is read from the per-user Lxss registry key, not from wsl.exe's localized output.
 */
import { ExitCode, UserError } from '../../errors.js';
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import type { NetPort } from '../../engine/ports/index.js';
import { fileText } from '../../engine/ports/guest.js';
import { expectResult, type HostPort, type OsFacts } from '../../engine/ports/host.js';
import { regAdd } from '../../platform/windows/reg.js';
import { importDistro, installDistro, setDistroVersion } from '../../platform/windows/wsl.js';
import {
  applyHost,
  featureServices,
  featureState,
  findDistro,
  lxssUserKey,
  readHost,
  rebootPendingKey,
  type RegisteredDistro,
} from './facts.js';
import { t } from '../../i18n/catalogue.js';

export type DistroSource =
  | { from: 'store' }
  | { from: 'web' }
  | { from: 'file'; path: string; sha256: string }
  | { from: 'url'; url: string; sha256: string };

export interface DistroOptions {
  name: string;
  source: DistroSource;
  defaultUser?: string;
  version: 1 | 2;
}

interface DistroActual {
  os: OsFacts;
  registered?: RegisteredDistro;
  rebootPending: boolean;
  /** uid of the default user in /etc/passwd (undefined: no such user); only read when one is configured. */
  userUid?: number;
  /** VirtualMachinePlatform is in effect, so WSL 2 can start the distribution. */
  canStart: boolean;
}

/** Parses /etc/passwd into name → uid. */
export function passwdUids(text: string): Map<string, number> {
  const uids = new Map<string, number>();
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length >= 3 && /^\d+$/.test(fields[2]!)) uids.set(fields[0]!, Number(fields[2]));
  }
  return uids;
}

function sourceText(source: DistroSource): string {
  switch (source.from) {
    case 'store':
      return t('summary.fromStore');
    case 'web':
      return t('summary.webDownload');
    case 'file':
      return t('summary.importedFrom', { source: source.path });
    case 'url':
      return t('summary.importedFrom', { source: source.url });
  }
}

function localAppData(os: OsFacts): string {
  return os.env.LOCALAPPDATA ?? `${os.env.USERPROFILE ?? 'C:\\Users\\Default'}\\AppData\\Local`;
}

async function registerDistro(
  host: HostPort,
  net: NetPort | undefined,
  options: DistroOptions,
  os: OsFacts,
  report: (m: string) => void,
): Promise<void> {
  const source = options.source;
  if (source.from === 'store' || source.from === 'web') {
    await installDistro(host, options.name, { webDownload: source.from === 'web' });
    report(t('detail.distroInstalled', { name: options.name, source: sourceText(source) }));
    return;
  }
  let file: string;
  if (source.from === 'file') {
    file = source.path;
    const [hash] = await host.probe([{ op: 'fileHash', path: file }]);
    const actual = expectResult(hash, 'hash', file);
    if (actual === null)
      throw new UserError(t('wsl.imageMissing', { file }), ExitCode.applyFailed, {
        code: 'distro.image-missing',
      });
    if (actual !== source.sha256)
      throw new UserError(
        t('wsl.imageSha256', { file, actual: String(actual), pinned: source.sha256 }),
        ExitCode.applyFailed,
        { code: 'distro.image-sha256' },
      );
  } else {
    // Fetched by devbox's network layer into its cache (a Windows path: wsl --import reads it directly).
    if (!net) throw new Error(t('guard.noNetImage'));
    const fetched = await net.fetchFile({
      urls: [source.url],
      sha256: source.sha256,
      name: `${options.name}-${source.sha256.slice(0, 16)}.tar`,
    });
    file = fetched.path;
    report(t('detail.distroFetched', { cached: fetched.source === 'cache', url: source.url, file }));
  }
  await importDistro(
    host,
    options.name,
    `${localAppData(os)}\\devbox\\distros\\${options.name}`,
    file,
    options.version,
  );
  report(t('detail.distroImported', { name: options.name, file }));
}

export function wslDistroResource(
  options: DistroOptions,
  deps: { dependsOn: string[] },
): ManagedResource<DistroActual> {
  return {
    kind: 'managed',
    type: 'wsl.distro',
    key: options.name,
    plane: 'host',
    needsElevation: false,
    dependsOn: deps.dependsOn,
    summary: t('summary.distro', {
      name: options.name,
      version: options.version,
      source: sourceText(options.source),
      user: options.defaultUser ?? '',
    }),

    async get(ctx) {
      const services = featureServices.VirtualMachinePlatform ?? [];
      const [os, lxss, pending, vmp, ...serviceResults] = await readHost(ctx).probe([
        { op: 'os' },
        { op: 'registry', key: lxssUserKey, depth: 1 },
        { op: 'registry', key: rebootPendingKey },
        { op: 'feature', name: 'VirtualMachinePlatform' },
        ...services.map((name) => ({ op: 'service' as const, name })),
      ]);
      const registered = findDistro(expectResult(lxss, 'registry', lxssUserKey), options.name);
      const servicesPresent = serviceResults.every(
        (r, i) => expectResult(r, 'service', t('probe.what.service', { name: services[i]! })).exists,
      );
      const canStart =
        featureState(
          expectResult(vmp, 'installState', t('probe.what.featureState', { name: 'VirtualMachinePlatform' })),
          servicesPresent,
        ) === 'enabled';
      const actual: DistroActual = {
        os: expectResult(os, 'os', t('probe.what.os')),
        ...(registered ? { registered } : {}),
        rebootPending: expectResult(pending, 'registry', t('probe.what.restartPending')).exists,
        canStart,
      };
      // Only a registered distribution WSL can start can be asked about its users.
      if (options.defaultUser && registered && registered.state === 1 && canStart) {
        const [passwd] = await ctx.guest.run([{ op: 'read', path: '/etc/passwd' }]);
        const uid = passwdUids(fileText(passwd!) ?? '').get(options.defaultUser);
        if (uid !== undefined) actual.userUid = uid;
      }
      return actual;
    },

    test(actual): TestResult {
      const changes: PropertyChange[] = [];
      if (!actual.registered) {
        changes.push({ property: 'registered', before: false, after: true });
        if (options.defaultUser) changes.push({ property: 'defaultUser', before: null, after: options.defaultUser });
        // wsl --install exits 0 and installs nothing while Windows waits for a restart.
        return {
          inDesiredState: false,
          action: 'create',
          changes,
          ...(actual.rebootPending ? { rebootRequired: true, notes: [t('note.restartBeforeDistro')] } : {}),
        };
      }
      if (actual.registered.state !== 1)
        changes.push({ property: 'state', before: `busy (state ${actual.registered.state})`, after: 'installed' });
      if (actual.registered.version !== options.version)
        changes.push({ property: 'version', before: actual.registered.version, after: options.version });
      if (options.defaultUser && !actual.canStart) {
        return {
          inDesiredState: changes.length === 0,
          action: 'update',
          changes,
          notes: [t('note.userNotChecked', { name: options.name })],
        };
      }
      if (options.defaultUser) {
        if (actual.userUid === undefined)
          changes.push({
            property: 'defaultUser',
            before: `${options.defaultUser} does not exist`,
            after: options.defaultUser,
          });
        else if (actual.registered.defaultUid !== actual.userUid)
          changes.push({ property: 'defaultUid', before: actual.registered.defaultUid, after: actual.userUid });
      }
      return { inDesiredState: changes.length === 0, action: 'update', changes };
    },

    async apply(actual, ctx) {
      const host = applyHost(ctx);
      let registered = actual.registered;
      if (!registered) {
        await registerDistro(host, ctx.net, options, actual.os, ctx.report);
        const [lxss] = await host.probe([{ op: 'registry', key: lxssUserKey, depth: 1 }]);
        registered = findDistro(expectResult(lxss, 'registry', lxssUserKey), options.name);
        // Not registered although wsl.exe succeeded: the re-check after apply reports why.
        if (!registered) return;
      } else if (registered.version !== options.version) {
        await setDistroVersion(host, options.name, options.version);
        ctx.report(t('detail.distroConverted', { name: options.name, version: options.version }));
      }
      if (!options.defaultUser) return;
      let uid = actual.userUid;
      if (uid === undefined) {
        const [passwd] = await ctx.guest.run([{ op: 'read', path: '/etc/passwd' }]);
        uid = passwdUids(fileText(passwd!) ?? '').get(options.defaultUser);
      }
      if (uid === undefined) {
        // The user gets a home and bash, and sudo where the group exists; its password stays locked.
        const results = await ctx.guest.run([
          {
            op: 'run',
            argv: ['useradd', '--create-home', '--shell', '/bin/bash', '--user-group', options.defaultUser],
          },
          {
            op: 'run',
            argv: [
              'sh',
              '-c',
              'if getent group sudo >/dev/null; then usermod -aG sudo "$1"; fi',
              'devbox-user',
              options.defaultUser,
            ],
          },
          { op: 'read', path: '/etc/passwd' },
        ]);
        const failed = results.slice(0, 2).find((r) => r.code !== 0);
        if (failed)
          throw new Error(
            t('wsl.userNotCreated', {
              user: options.defaultUser,
              distro: options.name,
              error: (failed.error ?? failed.stderr.toString()).trim(),
            }),
          );
        uid = passwdUids(fileText(results[2]!) ?? '').get(options.defaultUser);
        ctx.report(t('detail.userCreated', { user: options.defaultUser }));
      }
      if (uid === undefined) return; // a dry run records the user creation but cannot read its uid
      if (registered.defaultUid !== uid) {
        const key = `${lxssUserKey}\\${registered.guid}`;
        await regAdd(host, key, 'DefaultUid', 'REG_DWORD', uid);
        // The user exists now: the first-run prompt must not ask for another one.
        await regAdd(host, key, 'RunOOBE', 'REG_DWORD', 0);
        ctx.report(t('detail.defaultUser', { user: options.defaultUser, uid: String(uid) }));
      }
    },
  };
}
