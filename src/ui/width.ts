/**
 * Padding by terminal columns, not UTF-16 code units: a CJK character takes two columns, so
 * `'退出码'.padEnd(10)` leaves labels misaligned beside English ones. Widths come from string-width
 * (Unicode East Asian Width, emoji and ANSI escapes handled).
 */
import stringWidth from 'string-width';

/** `text` followed by spaces up to `columns` terminal columns (never truncated). */
export function padCells(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - stringWidth(text)));
}

/** The number of terminal columns `text` takes. */
export function cells(text: string): number {
  return stringWidth(text);
}
