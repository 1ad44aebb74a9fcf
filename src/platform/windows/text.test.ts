import { describe, expect, it } from 'vitest';
import { decodeWindowsText, quoteWindowsArgument, textLines, windowsCommandLine } from './text.js';

describe('decodeWindowsText', () => {
  it('reads UTF-16LE without a BOM, as wsl.exe writes by default', () => {
    expect(decodeWindowsText(Buffer.from('Ubuntu-24.04\r\n', 'utf16le'))).toBe('Ubuntu-24.04\r\n');
  });

  it('reads UTF-8 (WSL_UTF8=1 honoured), with or without a BOM', () => {
    expect(decodeWindowsText(Buffer.from('WSL 版本： 2.6.3.0\r\n', 'utf8'))).toBe('WSL 版本： 2.6.3.0\r\n');
    expect(decodeWindowsText(Buffer.from('\ufeffok', 'utf8'))).toBe('ok');
  });

  it('reads UTF-16LE text that is all Chinese (no NUL bytes at all)', () => {
    expect(decodeWindowsText(Buffer.from('操作成功完成。', 'utf16le'))).toBe('操作成功完成。');
  });

  it('honours a UTF-16LE BOM', () => {
    expect(decodeWindowsText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[wsl2]', 'utf16le')]))).toBe(
      '[wsl2]',
    );
  });
});

describe('textLines', () => {
  it('splits \\n, \\r\\n and the \\r\\r\\n of old builds, dropping the final empty line', () => {
    expect(textLines('a\r\r\nb\r\nc\n')).toEqual(['a', 'b', 'c']);
    expect(textLines('a\r\n\r\nb')).toEqual(['a', '', 'b']);
    expect(textLines('')).toEqual([]);
  });
});

describe('quoteWindowsArgument', () => {
  it('quotes like libuv for CommandLineToArgvW', () => {
    expect(quoteWindowsArgument('plain')).toBe('plain');
    expect(quoteWindowsArgument('')).toBe('""');
    expect(quoteWindowsArgument('hello world')).toBe('"hello world"');
    expect(quoteWindowsArgument('hello"world')).toBe('"hello\\"world"');
    expect(quoteWindowsArgument('hello\\world')).toBe('hello\\world');
    expect(quoteWindowsArgument('hello\\"world')).toBe('"hello\\\\\\"world"');
    expect(quoteWindowsArgument('hello world\\')).toBe('"hello world\\\\"');
    expect(quoteWindowsArgument('C:\\Program Files\\nodejs\\node.exe')).toBe('"C:\\Program Files\\nodejs\\node.exe"');
  });

  it('refuses NUL', () => {
    expect(() => quoteWindowsArgument('a\0b')).toThrow('NUL');
  });

  it('joins a command line', () => {
    expect(windowsCommandLine(['C:\\Program Files\\nodejs\\node.exe', 'C:\\x\\run.js', 'up', '--resume'])).toBe(
      '"C:\\Program Files\\nodejs\\node.exe" C:\\x\\run.js up --resume',
    );
  });
});
