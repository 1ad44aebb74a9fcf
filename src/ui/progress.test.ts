import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import { formatBytes, formatDuration, renderProgress } from './progress.js';

describe('progress text', () => {
  it('formats sizes and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(256 * 1024 * 1024)).toBe('256.0 MiB');
    expect(formatDuration(7.4)).toBe('7s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3720)).toBe('1h02m');
  });

  it('renders a progress line', () => {
    const line = renderProgress({
      url: 'u',
      bytes: 64 * 1024 * 1024,
      total: 256 * 1024 * 1024,
      resumedBytes: 0,
      rate: 16 * 1024 * 1024,
      etaSeconds: 12,
      connections: 4,
      done: false,
    });
    expect(line).toBe('  64.0 MiB / 256.0 MiB (25%)  16.0 MiB/s  4 connections  ETA 12s');
    const end = renderProgress({
      url: 'u',
      bytes: 10,
      total: undefined,
      resumedBytes: 4,
      rate: 0,
      etaSeconds: 0,
      connections: 0,
      done: true,
    });
    expect(end).toBe('  10 B  0 B/s  resumed from 4 B');
  });

  describe('in zh-CN', () => {
    afterEach(() => setLocale('en'));

    it('renders a progress line without English words', () => {
      setLocale('zh-CN');
      const base = { url: 'u', total: 100, rate: 10, etaSeconds: 9, done: false };
      const line = renderProgress({ ...base, bytes: 10, resumedBytes: 4, connections: 1 });
      expect(line).toBe('  10 B / 100 B (10%)  10 B/s  1 个连接  剩余 9s  从 4 B 处续传');
      expect(line).not.toMatch(/connection|ETA|resumed/);
      expect(renderProgress({ ...base, bytes: 0, resumedBytes: 0, connections: 0 })).toBe(
        '  0 B / 100 B (0%)  10 B/s  0 个连接  剩余 9s',
      );
    });
  });
});
