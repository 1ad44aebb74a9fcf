/**
 * The resume state kept beside a partial download: which bytes are on disk and which file they
 * belong to (size, validators, pinned sha256). A killed devbox reads it back and fetches only the
 * rest. It only ever lists bytes whose write had completed, so it may under-claim, never over-claim.
 */
import type { ByteRange } from './ranges.js';

/** What is saved about a partial download. */
export interface ResumeState {
  version: 1;
  /** The pinned sha256, when there is one. */
  sha256: string | undefined;
  /** The URL the bytes came from (for validators and messages). */
  url: string;
  size: number | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
  done: ByteRange[];
}

/** Serialises a state. */
export function formatState(state: ResumeState): string {
  return `${JSON.stringify(state)}\n`;
}

function isRange(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((n) => Number.isSafeInteger(n) && n >= 0) &&
    value[0] < value[1]
  );
}

/** Reads a saved state; undefined when it is missing, torn or from another format (the download starts over). */
export function parseState(text: string | undefined): ResumeState | undefined {
  if (!text) return undefined;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (raw?.version !== 1 || typeof raw.url !== 'string' || !Array.isArray(raw.done) || !raw.done.every(isRange))
    return undefined;
  const size = raw.size === undefined || raw.size === null ? undefined : raw.size;
  if (size !== undefined && !(Number.isSafeInteger(size) && (size as number) >= 0)) return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    version: 1,
    sha256: str(raw.sha256),
    url: raw.url,
    size: size as number | undefined,
    etag: str(raw.etag),
    lastModified: str(raw.lastModified),
    done: raw.done as ByteRange[],
  };
}
