import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { manifestReference, undescribedKeys } from './reference.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const samples = [
  { name: 'manifests/default.yaml', text: read('manifests/default.yaml') },
  ...readdirSync(new URL('manifests/examples/', root))
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => ({ name: `manifests/examples/${n}`, text: read(`manifests/examples/${n}`) })),
];

describe('the manifest reference (docs/manifest.md)', () => {
  const reference = manifestReference(samples);

  it('is committed exactly as the schema generates it (regenerate: npm run docs)', () => {
    expect(read('docs/manifest.md')).toBe(reference);
  });

  it('describes every key of the schema', () => {
    expect(undescribedKeys()).toEqual([]);
  });

  it('gives every key that is not a whole section a type and a YAML example', () => {
    const entries = reference.split('\n### ').slice(1);
    expect(entries.length).toBeGreaterThan(140);
    const withoutExample = entries
      .filter((e) => !e.includes('**Type:** section') && !e.includes('```yaml'))
      .map((e) => e.split('\n')[0]);
    expect(withoutExample).toEqual([]);
    for (const entry of entries) expect(entry).toMatch(/\*\*Type:\*\* /);
  });

  it('documents defaults and allowed values from the schema itself', () => {
    expect(reference).toContain('### `wsl.shutdown`');
    expect(reference).toMatch(
      /### `wsl\.shutdown`[^#]*\*\*Type:\*\* one of `ask`, `always`, `never` · \*\*Default:\*\* `ask`/,
    );
    expect(reference).toMatch(/### `cluster\.cni`[^#]*`kindnet`, `calico`, `kube-ovn`, `none`/);
    expect(reference).toContain('`${env:NAME:-fallback}`');
  });
});
