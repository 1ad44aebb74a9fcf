import { describe, expect, it } from 'vitest';
import { formatState, parseState, type ResumeState } from './state.js';

describe('resume state', () => {
  const state: ResumeState = {
    version: 1,
    sha256: 'ab'.repeat(32),
    url: 'https://x/y',
    size: 100,
    etag: '"e"',
    lastModified: undefined,
    done: [[0, 10]],
  };

  it('round-trips', () => {
    expect(parseState(formatState(state))).toEqual(state);
  });

  it('rejects torn, foreign or inconsistent files, so the download starts over', () => {
    expect(parseState(formatState(state).slice(0, 20))).toBeUndefined();
    expect(parseState('{"version":2,"url":"u","done":[]}')).toBeUndefined();
    expect(parseState('{"version":1,"url":"u","done":[[5,1]]}')).toBeUndefined();
    expect(parseState('{"version":1,"url":"u","size":-1,"done":[]}')).toBeUndefined();
    expect(parseState(undefined)).toBeUndefined();
  });
});
