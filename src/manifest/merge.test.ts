import { describe, expect, it } from 'vitest';
import { mergeNodes } from './merge.js';
import { IssueList } from './issues.js';
import { locate, parseManifestText, toPlain, type LNode } from './tree.js';

function tree(text: string, file: string): LNode {
  const issues = new IssueList();
  const node = parseManifestText(text, file, issues);
  expect(issues.items).toEqual([]);
  return node!;
}

function merge(base: string, over: string): unknown {
  return toPlain(mergeNodes(tree(base, 'base.yaml'), tree(over, 'child.yaml')));
}

describe('mergeNodes', () => {
  it('merges maps deeply: keys of both sides survive, the child wins on the same key', () => {
    expect(merge('a: {x: 1, y: {p: 1, q: 2}}\nb: 1\n', 'a: {y: {q: 3, r: 4}, z: 5}\nc: 2\n')).toEqual({
      a: { x: 1, y: { p: 1, q: 3, r: 4 }, z: 5 },
      b: 1,
      c: 2,
    });
  });

  it('merges lists of named things by name: base order kept, child fields merged, new names appended', () => {
    const base = 'apps:\n  - {name: git, global: true}\n  - {name: idea, bucket: extras}\n  - {name: 7zip}\n';
    const over = 'apps:\n  - {name: neovim}\n  - {name: idea, ensure: absent}\n  - {name: jq}\n';
    expect(merge(base, over)).toEqual({
      apps: [
        { name: 'git', global: true },
        { name: 'idea', bucket: 'extras', ensure: 'absent' },
        { name: '7zip' },
        { name: 'neovim' },
        { name: 'jq' },
      ],
    });
  });

  it('matches names without case, as Scoop and DNS do', () => {
    expect(
      merge(
        'buckets:\n  - {name: Scoop-Apps, url: "https://x/y"}\n',
        'buckets:\n  - {name: scoop-apps, ensure: absent}\n',
      ),
    ).toEqual({
      buckets: [{ name: 'scoop-apps', url: 'https://x/y', ensure: 'absent' }],
    });
  });

  it('keeps a name the child lists twice twice, so the duplicate is reported rather than silently merged', () => {
    expect(
      merge('apps:\n  - {name: git}\n', 'apps:\n  - {name: git, global: true}\n  - {name: git, global: false}\n'),
    ).toEqual({
      apps: [
        { name: 'git', global: true },
        { name: 'git', global: false },
      ],
    });
  });

  it('replaces other lists and scalars with the child value', () => {
    expect(
      merge(
        'packages: [curl, git]\nnames: [{name: a}]\nmode: nat\nn: 1\n',
        'packages: [jq]\nnames: [plain]\nmode: mirrored\nn: 2\n',
      ),
    ).toEqual({
      packages: ['jq'],
      names: ['plain'],
      mode: 'mirrored',
      n: 2,
    });
  });

  it('replaces a named list with an empty list (an empty list is not "named")', () => {
    expect(merge('apps:\n  - {name: git}\n', 'apps: []\n')).toEqual({ apps: [] });
  });

  it('removes a key the child sets to null, at any depth', () => {
    expect(merge('a: {x: 1, y: 2}\nb: {c: 1}\n', 'a: {x: null}\nb: null\n')).toEqual({ a: { y: 2 } });
    expect(merge('a: {x: 1}\n', 'a: {x: ~}\n')).toEqual({ a: {} });
  });

  it('lets a map replace a scalar and the reverse', () => {
    expect(merge('a: 1\nb: {x: 1}\n', 'a: {x: 1}\nb: 2\n')).toEqual({ a: { x: 1 }, b: 2 });
  });

  it('keeps every value located in the file that supplied it', () => {
    const merged = mergeNodes(tree('a:\n  x: 1\n  y: 2\n', 'base.yaml'), tree('a:\n  y: 3\n', 'child.yaml'));
    expect(locate(merged, ['a', 'x'])).toEqual({ file: 'base.yaml', line: 2, col: 6 });
    expect(locate(merged, ['a', 'y'])).toEqual({ file: 'child.yaml', line: 2, col: 6 });
  });

  it('does not modify its inputs', () => {
    const base = tree('apps:\n  - {name: git}\nm: {a: 1}\n', 'base.yaml');
    const before = toPlain(base);
    mergeNodes(base, tree('apps:\n  - {name: git, global: true}\n  - {name: jq}\nm: {a: null, b: 2}\n', 'child.yaml'));
    expect(toPlain(base)).toEqual(before);
  });
});
