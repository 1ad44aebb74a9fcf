/** Text for backup, verify and restore. */
import type { BackupResult } from '../backup/backup.js';
import type { RestoreResult } from '../backup/restore.js';
import type { VerifyResult } from '../backup/verify.js';
import type { StatusResult } from '../app/status.js';
import { plain, type Palette } from './color.js';
import { t } from '../i18n/catalogue.js';
import { padCells } from './width.js';

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

export function renderBackup(result: BackupResult | { dryRun: true; output: string; parts: string[] }): string {
  if ('dryRun' in result) return t('backup.wouldBackUp', { parts: result.parts.join(', '), output: result.output });
  const lines = [t('backup.written', { path: result.path })];
  // Columns as wide as their widest cell: kinds and file names differ in length.
  const rows = result.manifest.parts.map((p) => [`${p.kind}/${p.role}`, p.file, mib(p.bytes)] as const);
  const width = (i: 0 | 1 | 2) => Math.max(0, ...rows.map((r) => r[i].length));
  result.manifest.parts.forEach((p, n) => {
    const [what, file, size] = rows[n]!;
    lines.push(
      `  ${what.padEnd(width(0))}  ${file.padEnd(width(1))}  ${size.padStart(width(2))}  ` +
        t('backup.partSizes', { raw: mib(p.rawBytes), entries: p.entries }),
    );
  });
  for (const n of result.manifest.notes) lines.push(`  ${t('backup.note', { note: n })}`);
  return lines.join('\n');
}

export function renderVerify(result: VerifyResult, c: Palette = plain): string {
  const verdict = result.ok ? c.good(t('backup.verifyOk')) : c.bad(t('backup.verifyDamaged'));
  const lines = [t('backup.verdict', { verdict, path: result.path, deep: result.deep })];
  for (const p of result.parts) {
    const mark = p.ok ? c.good(padCells(t('backup.partOk'), 8)) : c.bad(padCells(t('backup.partFailed'), 8));
    lines.push(`  ${mark}${p.file}${p.problem ? `: ${p.problem}` : ''}`);
  }
  return lines.join('\n');
}

export function renderRestore(result: RestoreResult & { status?: StatusResult }, c: Palette = plain): string {
  const lines = [t(result.dryRun ? 'backup.restorePlanDryRun' : 'backup.restorePlan')];
  for (const s of result.plan.steps)
    lines.push(`  ${c.good('+')} ${s.part}: ${s.what} ${t('backup.from', { from: s.from, elevated: s.elevated })}`);
  for (const s of result.plan.space)
    lines.push(`  ${t('backup.space', { path: s.path, needed: mib(s.needed), free: mib(s.free) })}`);
  for (const conflict of result.plan.conflicts) lines.push(`  ${c.bad(t('backup.conflict'))} ${conflict}`);
  if (result.dryRun && result.plan.conflicts.length > 0) lines.push(c.bad(t('restore.dryRunStopped')));
  for (const d of result.done) lines.push(`  ${t('backup.done', { what: d })}`);
  for (const n of result.notes) lines.push(`  ${t('backup.note', { note: n })}`);
  if (result.status) {
    const ids = result.status.drifted.map((d) => d.id).join(', ');
    lines.push(
      result.status.inDesiredState
        ? c.good(t('backup.noDrift'))
        : `${c.warn(t('backup.drift'))} ${t('backup.driftIn', { ids })}`,
    );
  }
  return lines.join('\n');
}
