/**
 * The config part back: `.wslconfig` through the host's guarded replace (HostPort.replaceFile, as
 * `devbox up` writes it: replaced only if it still holds what was read, another program's edit
 * meanwhile read again, never overwritten blind), the file it replaces copied first; and the
 * backed-up manifest with its paths mapped onto this machine.
 */
import { createHash } from 'node:crypto';
import { ExitCode, UserError } from '../errors.js';
import { guardedReplace } from '../resources/guarded-replace.js';
import type { BackupDeps } from './deps.js';
import type { RootToken } from './format.js';
import type { RestorePlan } from './restore-plan.js';
import { t } from '../i18n/catalogue.js';

/** What restoring `.wslconfig` does to the one on this machine: none there, already the same, or replaced. */
export type WslconfigChange = 'create' | 'same' | 'replace';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Compares the backed-up `.wslconfig` with the one at `path` (for the plan). */
export async function wslconfigChange(deps: BackupDeps, path: string, content: string): Promise<WslconfigChange> {
  const now = await deps.machine.readFile(deps.machine.local(path));
  return !now ? 'create' : now.equals(Buffer.from(content)) ? 'same' : 'replace';
}

/**
 * Writes the backed-up `.wslconfig` at `path` unless it is already there. The file it replaces is
 * first copied into `keepDir` (a folder of this restore: the host's own copy is kept once only, so a
 * second restore, or one after `devbox up`, would otherwise lose the user's later edits). Resolves
 * to that copy's Windows path (null: there was none, or nothing was written). Throws a UserError
 * (exit 4) when another program holds the file or keeps rewriting it.
 */
export async function restoreWslconfig(
  deps: BackupDeps,
  path: string,
  content: string,
  keepDir: string,
): Promise<{ written: boolean; original: string | null }> {
  const bytes = Buffer.from(content);
  const kept = `${keepDir}\\.wslconfig`;
  return guardedReplace<{ written: boolean; original: string | null }>(
    deps.host,
    async () => {
      const now = await deps.machine.readFile(deps.machine.local(path));
      if (now?.equals(bytes)) return { done: { written: false, original: null } };
      if (now) {
        await deps.machine.mkdir(deps.machine.local(keepDir));
        await deps.machine.writeFileAtomic(deps.machine.local(kept), now);
      }
      return {
        replace: { path, content: bytes, expectedSha256: now ? sha256(now) : null },
        written: () => ({ written: true, original: now ? kept : null }),
      };
    },
    {
      busy: (message) =>
        new UserError(
          t('restore.wslconfigBusy', { path, error: message.replace(/[.。\s]+$/, '') }),
          ExitCode.applyFailed,
          {
            code: 'restore.wslconfig-busy',
          },
        ),
      race: () =>
        new UserError(t('restore.wslconfigRace', { path }), ExitCode.applyFailed, {
          code: 'restore.wslconfig-race',
        }),
    },
  );
}

/** Rewrites Windows paths under a source root onto its mapped root, in every string of a value. */
export function mapPaths(
  value: unknown,
  from: Partial<Record<RootToken, string>>,
  to: Partial<Record<RootToken, string>>,
): unknown {
  const pairs = (Object.keys(from) as RootToken[])
    .filter((t) => from[t] && to[t])
    .map((t) => [from[t]!.replace(/\\+$/, ''), to[t]!.replace(/\\+$/, '')] as const)
    .sort((a, b) => b[0].length - a[0].length);
  const map = (s: string) => {
    for (const [a, b] of pairs)
      if (s.toLowerCase() === a.toLowerCase() || s.toLowerCase().startsWith(`${a.toLowerCase()}\\`))
        return b + s.slice(a.length);
    return s;
  };
  const walk = (v: unknown): unknown =>
    typeof v === 'string'
      ? map(v)
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return walk(value);
}

/**
 * The backed-up manifest as this machine's: paths under a source root moved onto its root here,
 * the distro under the name it is restored as, and Scoop's `root` and `globalRoot` set to where the
 * restore put Scoop's files even where the manifest's own value was not under the recorded root (a
 * manifest `devbox up` never converged): `devbox up` then installs the apps where their persist is.
 * `cacheDir` too when the manifest had one or `--map SCOOP_CACHE` names it.
 */
export function mappedManifest(
  backedUp: unknown,
  sourceRoots: Partial<Record<RootToken, string>>,
  plan: Pick<RestorePlan, 'roots' | 'distro'>,
  maps: Partial<Record<RootToken, string>>,
): Record<string, unknown> {
  const mapped = mapPaths(backedUp, sourceRoots, plan.roots) as Record<string, unknown>;
  const section = (key: string) =>
    mapped[key] && typeof mapped[key] === 'object' ? (mapped[key] as Record<string, unknown>) : undefined;
  const distro = section('distro');
  if (plan.distro && distro) distro.name = plan.distro.name;
  const scoop = section('scoop');
  const fields = [
    ['SCOOP', 'root'],
    ['SCOOP_GLOBAL', 'globalRoot'],
    ['SCOOP_CACHE', 'cacheDir'],
  ] as const;
  for (const [token, key] of fields)
    if (scoop && plan.roots[token] && (key !== 'cacheDir' || scoop.cacheDir !== undefined || maps[token]))
      scoop[key] = plan.roots[token];
  return mapped;
}
