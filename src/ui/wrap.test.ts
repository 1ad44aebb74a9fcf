import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { wrapCells } from './wrap.js';

const widest = (text: string) => Math.max(...text.split('\n').map((l) => stringWidth(l)));

describe('wrapCells', () => {
  it('wraps Chinese at display width without cutting an ASCII token', () => {
    const text = 'TOKEN=PATH：将某个根目录恢复到其他位置（SCOOP、SCOOP_GLOBAL、SCOOP_CACHE、USERPROFILE）。可重复。';
    for (const columns of [20, 24, 30, 40]) {
      const out = wrapCells(text, columns);
      expect(widest(out), `${columns}\n${out}`).toBeLessThanOrEqual(columns);
      for (const token of ['SCOOP_GLOBAL', 'SCOOP_CACHE', 'USERPROFILE', 'TOKEN=PATH'])
        expect(out.replace(/\n/g, ''), `${columns}`).toContain(token);
      expect(
        out.split('\n').some((l) => /^[，。、）：]/.test(l)),
        out,
      ).toBe(false);
      expect(out.replace(/\n/g, '')).toBe(text);
    }
  });

  it('breaks English at spaces as before, keeps line breaks and indentation', () => {
    expect(wrapCells('one two three four', 9)).toBe('one two\nthree\nfour');
    expect(wrapCells('a\n  indented line here', 12)).toBe('a\n  indented\nline here');
  });

  it('cuts only a token wider than the whole line', () => {
    expect(wrapCells('x ABCDEFGHIJ', 4)).toBe('x\nABCD\nEFGH\nIJ');
  });

  it('measures ANSI colour as zero width and never splits an escape', () => {
    const out = wrapCells('\u001b[1m中文中文\u001b[22m 中文', 4);
    expect(out).toBe('\u001b[1m中文\n中文\u001b[22m\n中文');
  });
});

describe('wrapCells without a known width', () => {
  it('wraps nothing and keeps every space (oclif gives NaN columns when maxWidth is unset)', () => {
    expect(wrapCells('[默认：auto，环境变量：DEVBOX_MIRROR] Mirror.', Number.NaN)).toBe(
      '[默认：auto，环境变量：DEVBOX_MIRROR] Mirror.',
    );
  });
});
