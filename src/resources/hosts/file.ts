/**
 * The Windows hosts file, read and edited byte-exactly. devbox owns one marked block; every byte
 * outside it stays as it was. The file's encoding is kept: bytes without a BOM (ANSI or UTF-8) are
 * handled one byte per character (latin1), so nothing outside the block is ever re-encoded; UTF-8
 * with a BOM keeps its BOM; UTF-16 (with a BOM) is decoded and encoded back the same way. The block
 * itself is ASCII (addresses and host names). New lines end the way the file's lines end (CRLF on
 * Windows; CRLF for a new or single-line file).
 */
import { isIP } from 'node:net';

/** Where Windows keeps it. */
export const hostsPath = '%SystemRoot%\\System32\\drivers\\etc\\hosts';

export const blockBegin = '# devbox:begin - entries devbox verified; edit the devbox manifest, not these lines';
export const blockEnd = '# devbox:end';

export type HostsEncoding = 'bytes' | 'utf8-bom' | 'utf16le' | 'utf16be';

/** One line of the file. */
export interface HostsLine {
  /** 1-based line number, for messages. */
  number: number;
  /** The line without its line ending. */
  text: string;
  /** For an entry line: its address and names. */
  address?: string;
  names: string[];
  inBlock: boolean;
}

export interface ParsedHosts {
  encoding: HostsEncoding;
  eol: '\r\n' | '\n';
  lines: HostsLine[];
  /** Line indexes (0-based) of devbox's markers, when the block exists. */
  block?: { begin: number; end: number };
  /** Why the block cannot be edited (a marker without its partner, markers twice). */
  blockError?: string;
}

interface Decoded {
  encoding: HostsEncoding;
  bom: Buffer;
  text: string;
}

function decode(bytes: Buffer): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: 'utf16le', bom: bytes.subarray(0, 2), text: bytes.subarray(2).toString('utf16le') };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return { encoding: 'utf16be', bom: bytes.subarray(0, 2), text: swapped.toString('utf16le') };
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf8-bom', bom: bytes.subarray(0, 3), text: bytes.subarray(3).toString('latin1') };
  return { encoding: 'bytes', bom: Buffer.alloc(0), text: bytes.toString('latin1') };
}

function encode(encoding: HostsEncoding, bom: Buffer, text: string): Buffer {
  switch (encoding) {
    case 'utf16le':
      return Buffer.concat([bom, Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const body = Buffer.from(text, 'utf16le');
      body.swap16();
      return Buffer.concat([bom, body]);
    }
    default:
      return Buffer.concat([bom, Buffer.from(text, 'latin1')]);
  }
}

/** Splits into lines that keep their own ending (the last one may have none). */
function splitKeepingEnds(text: string): string[] {
  if (text === '') return [];
  const parts = text.split(/(?<=\n)/);
  return parts;
}

function stripEnd(line: string): string {
  return line.replace(/\r?\n$/, '');
}

const isBegin = (text: string) => /^\s*#\s*devbox:begin\b/i.test(text);
const isEnd = (text: string) => /^\s*#\s*devbox:end\b/i.test(text);

/** An entry line's address and names (comments after # ignored, fields separated by spaces or tabs). */
export function parseEntry(text: string): { address: string; names: string[] } | undefined {
  const content = text.replace(/#.*$/, '').trim();
  if (content === '') return undefined;
  const [address, ...names] = content.split(/[ \t]+/);
  if (!address || !isIP(address.replace(/%.*$/, '')) || names.length === 0) return undefined;
  return { address, names };
}

export function parseHosts(bytes: Buffer): ParsedHosts {
  const { encoding, text } = decode(bytes);
  const raw = splitKeepingEnds(text);
  const eol: '\r\n' | '\n' = text.includes('\r\n') || !text.includes('\n') ? '\r\n' : '\n';
  const begins = raw.map((l, i) => (isBegin(stripEnd(l)) ? i : -1)).filter((i) => i >= 0);
  const ends = raw.map((l, i) => (isEnd(stripEnd(l)) ? i : -1)).filter((i) => i >= 0);
  let block: ParsedHosts['block'];
  let blockError: string | undefined;
  if (begins.length === 1 && ends.length === 1 && ends[0]! > begins[0]!) block = { begin: begins[0]!, end: ends[0]! };
  else if (begins.length > 0 || ends.length > 0) {
    blockError = `devbox's block in the hosts file is damaged (${begins.length} "# devbox:begin" and ${ends.length} "# devbox:end" line(s)${begins.length === 1 && ends.length === 1 ? ', in the wrong order' : ''})`;
  }
  const lines = raw.map((line, index): HostsLine => {
    const textOnly = stripEnd(line);
    const entry = parseEntry(textOnly);
    const inBlock = block !== undefined && index > block.begin && index < block.end;
    return {
      number: index + 1,
      text: textOnly,
      ...(entry ? { address: entry.address } : {}),
      names: entry?.names ?? [],
      inBlock,
    };
  });
  return { encoding, eol, lines, ...(block ? { block } : {}), ...(blockError ? { blockError } : {}) };
}

/** The entries naming `name` (case-insensitively), inside devbox's block and outside it. */
export function entriesFor(hosts: ParsedHosts, name: string): { ours: HostsLine[]; outside: HostsLine[] } {
  const named = hosts.lines.filter(
    (l) => l.address !== undefined && l.names.some((n) => n.toLowerCase() === name.toLowerCase()),
  );
  return { ours: named.filter((l) => l.inBlock), outside: named.filter((l) => !l.inBlock) };
}

/** Names in devbox's block, with their addresses. */
export function blockEntries(hosts: ParsedHosts): { name: string; address: string; number: number }[] {
  return hosts.lines
    .filter((l) => l.inBlock && l.address !== undefined)
    .flatMap((l) => l.names.map((name) => ({ name, address: l.address!, number: l.number })));
}

/**
 * The file with devbox's line for `name` set to `address` (undefined removes it). Only the block
 * changes: it is created at the end of the file when missing, and removed with its markers when its
 * last line goes. Throws when the block is damaged.
 */
export function setHostsEntry(bytes: Buffer, name: string, address: string | undefined): Buffer {
  const hosts = parseHosts(bytes);
  if (hosts.blockError) throw new Error(hosts.blockError);
  const { encoding, bom, text } = decode(bytes);
  const raw = splitKeepingEnds(text);
  const eol = hosts.eol;
  const line = address === undefined ? undefined : `${address} ${name}`;
  const mine = (l: string) => {
    const entry = parseEntry(stripEnd(l));
    return entry !== undefined && entry.names.some((n) => n.toLowerCase() === name.toLowerCase());
  };
  if (!hosts.block) {
    if (line === undefined) return Buffer.from(bytes);
    const last = raw[raw.length - 1];
    const separator = last !== undefined && !last.endsWith('\n') ? eol : '';
    return encode(encoding, bom, `${text}${separator}${blockBegin}${eol}${line}${eol}${blockEnd}${eol}`);
  }
  const { begin, end } = hosts.block;
  const inside = raw.slice(begin + 1, end);
  const index = inside.findIndex(mine);
  let next: string[];
  if (index >= 0) {
    const ending = /\r?\n$/.exec(inside[index]!)?.[0] ?? eol;
    next = [
      ...inside.slice(0, index),
      ...(line === undefined ? [] : [`${line}${ending}`]),
      ...inside.slice(index + 1).filter((l) => !mine(l)),
    ];
  } else {
    next = line === undefined ? inside : [...inside, `${line}${eol}`];
  }
  const keepsEntries = next.some((l) => parseEntry(stripEnd(l)) !== undefined);
  const middle = keepsEntries ? [raw[begin]!, ...next, raw[end]!] : [];
  return encode(encoding, bom, [...raw.slice(0, begin), ...middle, ...raw.slice(end + 1)].join(''));
}
