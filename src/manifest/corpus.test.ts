import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadManifest } from './load.js';
import { areaChecks } from '../resources/index.js';
import { formatIssue, ManifestError } from './issues.js';
import { badCorpus, instantiate, isWarningLine, mainFile } from '../../test/fixtures/manifests/bad-corpus.js';
import { memorySources } from '../../test/fixtures/manifests/memory-sources.js';

const origin = 'https://manifests.test';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('bad manifest corpus (in process)', () => {
  it('has at least 45 cases with unique names, each expecting at least one line', () => {
    expect(badCorpus.length).toBeGreaterThanOrEqual(45);
    expect(new Set(badCorpus.map((c) => c.name)).size).toBe(badCorpus.length);
    for (const testCase of badCorpus) expect(testCase.expect.length, testCase.name).toBeGreaterThan(0);
  });

  it.each(badCorpus.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const { files, remote, expect: expected } = instantiate(testCase, origin, sha256);
    const sources = memorySources(
      files,
      Object.fromEntries(Object.entries(remote).map(([path, text]) => [`${origin}/${path}`, text])),
    );
    const outcome = await loadManifest(mainFile, { sources, env: { ...testCase.env }, checks: areaChecks }).then(
      (loaded) => ({ valid: true, lines: loaded.warnings.map(formatIssue) }),
      (error: unknown) => {
        if (!(error instanceof ManifestError)) throw error;
        return { valid: false, lines: error.issues.map(formatIssue) };
      },
    );
    expect(outcome.lines).toEqual(expected);
    expect(outcome.valid).toBe(expected.every(isWarningLine));
  });
});
