/**
 * Simulated Scoop, continued: persisted data and `scoop reset` (ScoopInstaller/Scoop v0.5.3).
 *
 * persist_data (lib/install.ps1): for each `persist` entry of the manifest (a name, or [source,
 * target]), `<version dir>\source` is linked to `<root>\persist\<app>\target`: when the target
 * exists, a source the install brought is kept as `source.original`; when only the source exists it
 * is moved into persist first; when neither does, an empty folder is made. A folder is linked by a
 * junction (a symbolic link here), a file by a hard link.
 * scoop-reset.ps1: `scoop reset *` takes every installed app of both roots except Scoop itself,
 * skips global ones without admin rights ("You need admin rights to reset it. Skipping."), then
 * re-links `current`, re-creates the shims, removes the persist links and runs persist_data again.
 */
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ToolContext } from './context.js';
import { createShims, linux, readJsonFile, urlsOf, type Dirs } from './scoop.js';

function persistEntries(manifest: Record<string, unknown>): [string, string][] {
  const raw = manifest.persist;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((p) => {
    const [source, target] = Array.isArray(p) ? [String(p[0]), String(p[1] ?? p[0])] : [String(p), String(p)];
    const trim = (s: string) => s.replace(/[\\/]+$/, '').replace(/\\/g, '/');
    return [trim(source), trim(target)];
  });
}

/** persist_data: link each persisted path of the version folder into `<root>\persist\<app>`. */
export function persistData(
  ctx: ToolContext,
  root: string,
  app: string,
  versionDir: string,
  manifest: Record<string, unknown>,
): void {
  const entries = persistEntries(manifest);
  if (entries.length === 0) return;
  const persistDir = linux(ctx, `${root}\\persist\\${app}`);
  mkdirSync(persistDir, { recursive: true });
  for (const [from, to] of entries) {
    ctx.out.line(`Persisting ${from}`);
    const source = join(versionDir, from);
    const target = join(persistDir, to);
    if (existsSync(target)) {
      if (existsSync(source)) renameSync(source, `${source}.original`);
    } else if (existsSync(source)) {
      mkdirSync(dirname(target), { recursive: true });
      renameSync(source, target);
    } else mkdirSync(target, { recursive: true });
    mkdirSync(dirname(source), { recursive: true });
    if (lstatSync(target).isDirectory()) symlinkSync(target, source, 'dir');
    else linkSync(target, source);
  }
}

/** unlink_persist_data: the junctions and hard links persist_data made. */
function unlinkPersistData(versionDir: string, manifest: Record<string, unknown>): void {
  for (const [from] of persistEntries(manifest)) {
    const source = join(versionDir, from);
    const st = existsSync(source) || isLink(source) ? lstatSync(source) : undefined;
    if (st && (st.isSymbolicLink() || (st.isFile() && st.nlink > 1))) rmSync(source, { force: true });
  }
}

const isLink = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

/** The version `current` points to, or the only version folder (Select-CurrentVersion). */
function currentVersion(appDir: string): string | undefined {
  const manifest = readJsonFile(join(appDir, 'current', 'manifest.json'));
  if (manifest?.version) return String(manifest.version);
  const versions = readdirSync(appDir).filter((v) => v !== 'current');
  return versions.length === 1 ? versions[0] : undefined;
}

/** `scoop reset <app>…` or `scoop reset *`. */
export function reset(ctx: ToolContext, dirs: Dirs, args: string[]): number {
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length === 0) {
    ctx.out.line('ERROR <app> missing');
    return 1;
  }
  const installed = (global: boolean) => {
    const apps = linux(ctx, `${global ? dirs.global : dirs.root}\\apps`);
    return existsSync(apps) ? readdirSync(apps).filter((a) => a.toLowerCase() !== 'scoop') : [];
  };
  const targets: [string, boolean][] = names.includes('*')
    ? [
        ...installed(false).map((a) => [a, false] as [string, boolean]),
        ...installed(true).map((a) => [a, true] as [string, boolean]),
      ]
    : names.map((n) => [n, installed(true).includes(n) && !installed(false).includes(n)]);
  for (const [app, global] of targets) {
    const root = global ? dirs.global : dirs.root;
    const appDir = linux(ctx, `${root}\\apps\\${app}`);
    const version = existsSync(appDir) ? currentVersion(appDir) : undefined;
    const manifest = version ? readJsonFile(join(appDir, version, 'manifest.json')) : undefined;
    if (!version || !manifest) {
      ctx.out.line(`ERROR '${app}' isn't installed`);
      continue;
    }
    if (global && !ctx.elevated) {
      ctx.out.line(`WARN  '${app}' (${version}) is a global app. You need admin rights to reset it. Skipping.`);
      continue;
    }
    ctx.out.line(`Resetting ${app} (${version}).`);
    const versionDir = join(appDir, version);
    ctx.out.line(`Linking ${root}\\apps\\${app}\\current => ${root}\\apps\\${app}\\${version}`);
    rmSync(join(appDir, 'current'), { force: true, recursive: true });
    symlinkSync(versionDir, join(appDir, 'current'), 'dir');
    createShims(ctx, root, app, urlsOf(manifest).bin);
    unlinkPersistData(versionDir, manifest);
    persistData(ctx, root, app, versionDir, manifest);
  }
  return 0;
}
