/** Text for backup, verify and restore. */
import type { BackupResult } from '../backup/backup.js';
import type { RestoreResult } from '../backup/restore.js';
import type { VerifyResult } from '../backup/verify.js';
import type { StatusResult } from '../app/status.js';
import { plain, type Palette } from './color.js';

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

export function renderBackup(result: BackupResult | { dryRun: true; output: string; parts: string[] }): string {
  if ('dryRun' in result) return `Would back up ${result.parts.join(', ')} into ${result.output} (nothing written).`;
  const lines = [`Backup written: ${result.path}`];
  for (const p of result.manifest.parts)
    lines.push(
      `  ${p.kind}/${p.role.padEnd(8)} ${p.file.padEnd(24)} ${mib(p.bytes).padStart(10)}  (${mib(p.rawBytes)} raw, ${p.entries} entries)`,
    );
  for (const n of result.manifest.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

export function renderVerify(result: VerifyResult, c: Palette = plain): string {
  const lines = [`${result.ok ? c.good('OK') : c.bad('DAMAGED')}: ${result.path}${result.deep ? ' (deep)' : ''}`];
  for (const p of result.parts)
    lines.push(`  ${p.ok ? c.good('ok      ') : c.bad('FAILED  ')}${p.file}${p.problem ? `: ${p.problem}` : ''}`);
  return lines.join('\n');
}

export function renderRestore(result: RestoreResult & { status?: StatusResult }, c: Palette = plain): string {
  const lines = [result.dryRun ? 'Restore plan (dry run: nothing written):' : 'Restore plan:'];
  for (const s of result.plan.steps)
    lines.push(`  ${c.good('+')} ${s.part}: ${s.what} [from ${s.from}${s.elevated ? ', elevated' : ''}]`);
  for (const s of result.plan.space) lines.push(`  space: ${s.path}: ${mib(s.needed)} needed, ${mib(s.free)} free`);
  for (const conflict of result.plan.conflicts) lines.push(`  ${c.bad('conflict:')} ${conflict}`);
  for (const d of result.done) lines.push(`  done: ${d}`);
  for (const n of result.notes) lines.push(`  note: ${n}`);
  if (result.status)
    lines.push(
      result.status.inDesiredState
        ? c.good('Status: no drift.')
        : `${c.warn('Status: drift')} in ${result.status.drifted.map((d) => d.id).join(', ')}`,
    );
  return lines.join('\n');
}
