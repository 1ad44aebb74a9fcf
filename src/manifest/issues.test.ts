import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import { formatIssue, formatPath, IssueList, ManifestError } from './issues.js';
import { ExitCode } from '../errors.js';

describe('formatPath', () => {
  it('writes keys with dots and indexes in brackets, and quotes keys that are not identifiers', () => {
    expect(formatPath(['scoop', 'apps', 2, 'name'])).toBe('scoop.apps[2].name');
    expect(formatPath(['distro', 'sysctl', 'vm.max_map_count'])).toBe('distro.sysctl["vm.max_map_count"]');
    expect(formatPath([])).toBe('');
  });
});

describe('IssueList', () => {
  it('sorts by file in load order, then line and column; issues without a position first', () => {
    const issues = new IssueList();
    issues.error('b', 'in the base', { file: 'base.yaml', line: 1, col: 1 });
    issues.error('z', 'late', { file: 'devbox.yaml', line: 9, col: 2 });
    issues.warn('w', 'a warning', { file: 'devbox.yaml', line: 3, col: 7 });
    issues.error('a', 'early', { file: 'devbox.yaml', line: 3, col: 5 });
    issues.error('', 'nowhere');
    issues.error('o', 'another file', { file: 'aaa.yaml', line: 1, col: 1 });
    expect(issues.sorted(['devbox.yaml', 'base.yaml']).map(formatIssue)).toEqual([
      '(manifest)  (root)  nowhere',
      'devbox.yaml:3:5  a  early',
      'devbox.yaml:3:7  w  warning: a warning',
      'devbox.yaml:9:2  z  late',
      'base.yaml:1:1  b  in the base',
      'aaa.yaml:1:1  o  another file',
    ]);
  });

  it('throws one ManifestError with every issue, exit code 3, counting only errors', () => {
    const issues = new IssueList();
    issues.warn('w', 'a warning', { file: 'devbox.yaml', line: 1, col: 1 });
    expect(() => issues.throwIfErrors()).not.toThrow();
    issues.error('e', 'an error', { file: 'devbox.yaml', line: 2, col: 1 });
    const error = (() => {
      try {
        issues.throwIfErrors();
      } catch (e) {
        return e as ManifestError;
      }
      throw new Error('did not throw');
    })();
    expect(error).toBeInstanceOf(ManifestError);
    expect(error.exitCode).toBe(ExitCode.manifestInvalid);
    expect(error.message).toBe(
      'The manifest has 1 problem:\ndevbox.yaml:1:1  w  warning: a warning\ndevbox.yaml:2:1  e  an error',
    );
    expect(error.issues).toHaveLength(2);
  });
});

describe('formatIssue in zh-CN', () => {
  afterEach(() => setLocale('en'));

  it('names a problem without a line, about the whole file, in Chinese', () => {
    setLocale('zh-CN');
    expect(formatIssue({ path: '', message: '清单是空的', severity: 'error' })).toBe('（清单）  （根）  清单是空的');
  });
});
