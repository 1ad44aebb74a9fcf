import { describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import { parseFixedIp } from '../app/init-manifest.js';
import { figureText } from './init-text.js';

describe("devbox init's words", () => {
  it('speaks the current language at the terminal; figures for a manifest stay English', () => {
    setLocale('zh-CN');
    try {
      expect(figureText({ ttfbMs: 12.4, throughput: 8 * 1048576 })).toBe('首字节 12 ms, 8.0 MiB/s');
      expect(figureText({ answerMs: 40 }, 'en')).toBe('answered in 40 ms');
      expect(() => parseFixedIp('300.1.1.1/24', undefined, [])).toThrow(
        '--fixed-ip 300.1.1.1/24：不是带前缀长度的 IPv4 地址（如 192.168.50.2/24），也不是 "none"。',
      );
    } finally {
      setLocale('en');
    }
    expect(figureText({ ttfbMs: 12.4, throughput: 8 * 1048576 })).toBe('first byte 12 ms, 8.0 MiB/s');
  });
});
