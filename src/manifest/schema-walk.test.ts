import { describe, expect, it } from 'vitest';
import { editDistance } from '../util/edit-distance.js';
import { allowedWordsAt, descriptionAt, didYouMean, knownKeysAt } from './schema-walk.js';
import { manifestSchema } from './schema/index.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each, ignoring case', () => {
    expect(editDistance('name', 'name')).toBe(0);
    expect(editDistance('nmae', 'name')).toBe(1);
    expect(editDistance('nam', 'name')).toBe(1);
    expect(editDistance('names', 'name')).toBe(1);
    expect(editDistance('nome', 'name')).toBe(1);
    expect(editDistance('NAME', 'name')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('didYouMean', () => {
  it('suggests a close name, and nothing for a word that is not a typo', () => {
    expect(didYouMean('mirorred', ['nat', 'mirrored', 'bridged'])).toBe('mirrored');
    expect(didYouMean('clustre', ['wsl', 'distro', 'cluster'])).toBe('cluster');
    expect(didYouMean('colour', ['name', 'bucket', 'global', 'version', 'ensure'])).toBeUndefined();
    expect(didYouMean('c', ['a', 'b'])).toBeUndefined();
    expect(didYouMean('Mirrored', ['mirrored'])).toBe('mirrored');
    expect(didYouMean('anything', [])).toBeUndefined();
  });
});

describe('reading the schema', () => {
  it('knows the keys of an object at a path, through lists, records and unions', () => {
    expect(knownKeysAt(manifestSchema, ['scoop', 'apps', 3])).toEqual([
      'name',
      'bucket',
      'global',
      'version',
      'ensure',
    ]);
    expect(knownKeysAt(manifestSchema, ['distro', 'source'])).toEqual(['from', 'path', 'sha256', 'url']);
    expect(knownKeysAt(manifestSchema, [])).toContain('cluster');
  });

  it('knows the fixed words a value may be, through nested unions', () => {
    expect(allowedWordsAt(manifestSchema, ['distro', 'apt', 'mirror']).sort()).toEqual([
      '163',
      'aliyun',
      'auto',
      'huawei',
      'official',
      'tuna',
      'ustc',
    ]);
    expect(allowedWordsAt(manifestSchema, ['wsl', 'shutdown'])).toEqual(['ask', 'always', 'never']);
    expect(allowedWordsAt(manifestSchema, ['cluster', 'workers'])).toEqual([]);
  });

  it('reads the description of a field behind optional and default wrappers', () => {
    expect(descriptionAt(manifestSchema, ['scoop', 'root'])).toBe(
      'Where user apps go (SCOOP), e.g. D:\\Softwares\\Scoop\\LocalApps.',
    );
    expect(descriptionAt(manifestSchema, ['cluster', 'workers'])).toBe('Worker nodes besides the control plane (0-8).');
    expect(descriptionAt(manifestSchema, ['cluster', 'nope'])).toBeUndefined();
  });
});
