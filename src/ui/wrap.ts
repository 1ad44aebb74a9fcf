/**
 * Wrapping at terminal columns for text that mixes Chinese and ASCII. wrap-ansi (oclif's help)
 * breaks only at spaces, and with `hard` cuts a longer run at the column: a Chinese sentence has no
 * spaces, so it was cut inside an ASCII token (`SCOOP_G` / `LOBAL`). Here a line may also break
 * between two wide characters or between a wide character and ASCII, never inside an ASCII token
 * (unless that token alone is wider than the line), and not before closing or after opening CJK
 * punctuation (a simple form of the line-breaking rules of UAX #14 / JIS X 4051 kinsoku).
 */
import stringWidth from 'string-width';

// Wide scripts (CJK ideographs, kana, Hangul, fullwidth forms): a break is allowed around each.
const wideRanges = [
  '\\u1100-\\u115f', // Hangul Jamo
  '\\u2e80-\\u303e', // CJK radicals, symbols and punctuation
  '\\u3041-\\u33ff', // kana, CJK compatibility
  '\\u3400-\\u4dbf\\u4e00-\\u9fff', // CJK ideographs
  '\\ua000-\\ua4cf\\uac00-\\ud7a3', // Yi, Hangul syllables
  '\\uf900-\\ufaff\\ufe30-\\ufe4f', // compatibility ideographs and forms
  '\\uff00-\\uff60\\uffe0-\\uffe6', // fullwidth forms
];
const wide = new RegExp(`[${wideRanges.join('')}]`, 'u');
// Punctuation that must not start a line, and that must not end one.
const noStart = /^[，。、；：！？）」』】》〉”’・ー…,.;:!?)\]}]/u;
const noEnd = /[（「『【《〈“‘]$/u;
const ansi = /\u001b\[[0-9;]*m/y;

/** Splits a line into spaces, single wide characters and unbreakable runs of everything else. */
function tokens(line: string): string[] {
  const out: string[] = [];
  let run = '';
  for (let i = 0; i < line.length;) {
    ansi.lastIndex = i;
    const escape = ansi.exec(line);
    if (escape) {
      run += escape[0];
      i += escape[0].length;
      continue;
    }
    const char = String.fromCodePoint(line.codePointAt(i)!);
    i += char.length;
    if (char === ' ' || wide.test(char)) {
      if (run) out.push(run);
      run = '';
      out.push(char);
    } else run += char;
  }
  if (run) out.push(run);
  // Kinsoku: glue closing punctuation to what precedes it, opening punctuation to what follows.
  const glued: string[] = [];
  for (const token of out) {
    const last = glued.at(-1);
    if (last !== undefined && last !== ' ' && (noStart.test(token) || noEnd.test(last)))
      glued[glued.length - 1] += token;
    else glued.push(token);
  }
  return glued;
}

/** A token wider than the line, cut at the column (by code point, ANSI escapes kept whole). */
function hardSplit(token: string, columns: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of token) {
    if (piece && stringWidth(piece + char) > columns) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Whether `text` holds a wide (CJK) character, the case wrap-ansi gets wrong. */
export function hasWide(text: string): boolean {
  return wide.test(text);
}

/** `text` wrapped to `columns` terminal columns; existing line breaks are kept, trailing spaces dropped. */
export function wrapCells(text: string, columns: number): string {
  // No width known (a help object built without maxWidth): nothing is wrapped, no space is dropped.
  const width = Number.isFinite(columns) ? Math.max(1, columns) : Infinity;
  return text
    .split('\n')
    .map((line) => {
      const lines: string[] = [];
      // A line's own indentation is kept on its first line (examples, lists).
      const indent = /^ */.exec(line)![0];
      let current = indent;
      let used = indent.length;
      let content = false;
      const push = () => {
        lines.push(current.replace(/ +$/, ''));
        current = '';
        used = 0;
        content = false;
      };
      for (const token of tokens(line.slice(indent.length))) {
        const cells = stringWidth(token);
        if (token === ' ') {
          if (content && used + 1 <= width) {
            current += ' ';
            used += 1;
          }
          continue;
        }
        if (content && used + cells > width) push();
        content = true;
        if (cells > width) {
          const pieces = hardSplit(token, width);
          for (const piece of pieces.slice(0, -1)) {
            current = piece;
            push();
          }
          current = pieces.at(-1) ?? '';
          used = stringWidth(current);
          continue;
        }
        current += token;
        used += cells;
      }
      if (current || lines.length === 0) lines.push(current.replace(/ +$/, ''));
      return lines.join('\n');
    })
    .join('\n');
}
