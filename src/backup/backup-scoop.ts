/**
 * The Scoop part: devbox's own export (exact versions, bucket, global/held, architecture), buckets
 * as git bundles at their exact commit (a restore never needs GitHub; a bucket without a usable
 * .git is archived as files), `persist/` of both roots, config.json with its secrets moved into an
 * encrypted part (or left out with a note), and with `--with-cache` the download cache.
 */
import { join } from 'node:path';
import { joinWindows } from '../resources/scoop/facts.js';
import { scoopFromMachine } from '../resources/scoop/from-machine.js';
import { effectiveConfig, installedScoops } from '../resources/scoop/facts.js';
import type { TreeSource } from '../platform/backup/archive.js';
import type { BackupDeps } from './deps.js';
import type { MachineFacts } from './facts.js';
import type { BackupPart, RootToken } from './format.js';
import { encryptSecrets, splitSecrets } from './secrets.js';
import { t } from '../i18n/catalogue.js';

export interface ScoopBackupOptions {
  level: number;
  passphrase?: string;
  withCache: boolean;
}

export interface ScoopBackup {
  parts: BackupPart[];
  roots: Partial<Record<RootToken, string>>;
  notes: string[];
}

async function git(deps: BackupDeps, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  const run = deps.machine.spawn('git', args);
  const chunks: Buffer[] = [];
  run.stdout.on('data', (d: Buffer) => chunks.push(d));
  const ended = await run.done.catch((e: Error) => ({ exitCode: null, stderr: Buffer.from(e.message), signal: null }));
  return {
    ok: ended.exitCode === 0,
    out: Buffer.concat(chunks).toString('utf8').trim(),
    err: ended.stderr.toString('utf8').trim(),
  };
}

export async function backupScoop(
  deps: BackupDeps,
  facts: MachineFacts,
  dir: string,
  options: ScoopBackupOptions,
): Promise<ScoopBackup> {
  const scoop = scoopFromMachine(facts.scoop);
  if (!scoop) return { parts: [], roots: {}, notes: [t('backup.noScoopPart')] };
  const notes = [...scoop.notes];
  const root = String(scoop.section.root);
  const globalRoot = String(scoop.section.globalRoot);
  const cacheDir = typeof scoop.section.cacheDir === 'string' ? scoop.section.cacheDir : joinWindows(root, 'cache');
  const roots = { SCOOP: root, SCOOP_GLOBAL: globalRoot, SCOOP_CACHE: cacheDir };
  const local = {
    SCOOP: deps.machine.local(root),
    SCOOP_GLOBAL: deps.machine.local(globalRoot),
    SCOOP_CACHE: deps.machine.local(cacheDir),
  };
  const parts: BackupPart[] = [];
  const part = (
    role: string,
    file: string,
    f: { bytes: number; rawBytes: number; sha256: string; entries: number },
    encoding: BackupPart['encoding'],
    level: number | null,
    meta: Record<string, unknown> = {},
  ): BackupPart => ({
    kind: 'scoop',
    role,
    file,
    ...f,
    zstdLevel: level,
    encoding,
    meta,
  });

  // Buckets: bundles of the exact commit where git can make one, files otherwise.
  const stage = await deps.machine.tempDir();
  const bucketSources: TreeSource[] = [{ token: 'SCOOP', dir: stage, include: ['buckets'] }];
  const bucketFacts: { name: string; source: string; mode: 'bundle' | 'files'; commit?: string }[] = [];
  await deps.machine.mkdir(join(stage, 'buckets'));
  for (const bucket of scoop.export.buckets) {
    const path = join(local.SCOOP, 'buckets', bucket.name);
    const head = (await deps.machine.isDir(join(path, '.git')))
      ? await git(deps, ['-C', path, 'rev-parse', 'HEAD'])
      : undefined;
    if (head?.ok) {
      const made = await git(deps, [
        '-C',
        path,
        'bundle',
        'create',
        join(stage, 'buckets', `${bucket.name}.bundle`),
        '--all',
      ]);
      if (made.ok) {
        bucketFacts.push({ name: bucket.name, source: bucket.source, mode: 'bundle', commit: head.out });
        continue;
      }
      notes.push(t('backup.bundleFailed', { bucket: bucket.name, error: made.err }));
    } else if (head) notes.push(t('backup.notARepository', { bucket: bucket.name }));
    bucketSources.push({ token: 'SCOOP', dir: local.SCOOP, include: [`buckets/${bucket.name}`] });
    bucketFacts.push({ name: bucket.name, source: bucket.source, mode: 'files' });
  }
  deps.progress(t('backup.scoopCounts', { buckets: bucketFacts.length, apps: scoop.export.apps.length }));
  parts.push(
    part(
      'buckets',
      'scoop-buckets.tar.zst',
      await deps.archive.packTrees(join(dir, 'scoop-buckets.tar.zst'), bucketSources, options.level),
      'tar+zstd',
      options.level,
    ),
  );
  await deps.machine.remove(stage);

  parts.push(
    part(
      'persist',
      'scoop-persist.tar.zst',
      await deps.archive.packTrees(
        join(dir, 'scoop-persist.tar.zst'),
        [
          { token: 'SCOOP', dir: local.SCOOP, include: ['persist'] },
          { token: 'SCOOP_GLOBAL', dir: local.SCOOP_GLOBAL, include: ['persist'] },
        ],
        options.level,
      ),
      'tar+zstd',
      options.level,
    ),
  );
  if (options.withCache) {
    parts.push(
      part(
        'cache',
        'scoop-cache.tar.zst',
        await deps.archive.packTrees(
          join(dir, 'scoop-cache.tar.zst'),
          [{ token: 'SCOOP_CACHE', dir: local.SCOOP_CACHE }],
          options.level,
        ),
        'tar+zstd',
        options.level,
      ),
    );
  }

  const installedAt = installedScoops(facts.scoop).find((r) => r.toLowerCase() === root.toLowerCase()) ?? root;
  const config = effectiveConfig(facts.scoop, installedAt);
  const { clear, secret } = splitSecrets(config.values ?? {});
  const secretNames = Object.keys(secret);
  if (secretNames.length > 0) {
    if (options.passphrase) {
      const bytes = encryptSecrets(secret, options.passphrase);
      parts.push(
        part(
          'secrets',
          'scoop-secrets.enc',
          await deps.archive.writeBytes(join(dir, 'scoop-secrets.enc'), bytes),
          'aes-256-gcm',
          null,
          { keys: secretNames },
        ),
      );
    } else {
      notes.push(t('backup.secretsLeftOut', { keys: secretNames.join(', ') }));
    }
  }
  const exportJson = {
    apps: scoop.export.apps.filter((a) => !a.failed),
    buckets: bucketFacts,
    config: clear,
    configPath: config.path,
  };
  const body = Buffer.from(`${JSON.stringify(exportJson, null, 2)}\n`);
  parts.push(
    part('export', 'scoop.json', await deps.archive.writeBytes(join(dir, 'scoop.json'), body), 'json', null, {
      apps: exportJson.apps.length,
      // The restore's plan says these install as administrator.
      globalApps: exportJson.apps.filter((a) => a.global).length,
      buckets: bucketFacts.length,
    }),
  );
  return { parts, roots, notes };
}
