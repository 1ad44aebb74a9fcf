/** Text for download progress and network figures. Pure: returns strings, the command prints them. */
import { t } from '../i18n/catalogue.js';
import type { DownloadProgress } from '../net/download/progress.js';

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Bytes per second as "12.3 MiB/s". */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/** Seconds as "7s", "3m05s", "1h02m". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One progress line: "  41.0 MiB / 256.0 MiB (16%)  15.9 MiB/s  4 connections  ETA 14s". */
export function renderProgress(p: DownloadProgress): string {
  const size =
    p.total === undefined
      ? formatBytes(p.bytes)
      : `${formatBytes(p.bytes)} / ${formatBytes(p.total)} (${p.total === 0 ? 100 : Math.floor((p.bytes / p.total) * 100)}%)`;
  const parts = [size, formatRate(p.rate)];
  if (!p.done) parts.push(t('progress.connections', { count: p.connections }));
  if (!p.done && p.etaSeconds !== undefined) parts.push(t('progress.eta', { left: formatDuration(p.etaSeconds) }));
  if (p.resumedBytes > 0) parts.push(t('progress.resumedFrom', { size: formatBytes(p.resumedBytes) }));
  return `  ${parts.join('  ')}`;
}
