import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import { formatIssue, IssueList } from './issues.js';
import { parseManifestText } from './tree.js';

/** The problems found in `text`, one formatted line each. */
function problems(text: string): string[] {
  const issues = new IssueList();
  parseManifestText(text, 'm.yaml', issues);
  return issues.items.map(formatIssue);
}

const broken = {
  quote: 'version: 1\nname: "x\n',
  indent: 'version: 1\ndistro:\n  name: a\n user: b\n',
  unclosed: 'version: 1\nscoop: [a,\nb]\n',
  escape: 'root: "D:\\Scoop"\n',
  tag: 'root: !env x\n',
  compact: 'a: b: c\n',
  duplicate: 'name: 1\nname: 2\n',
  tab: 'a:\n\tb: 1\n',
  docs: 'a: 1\n---\nb: 2\n',
  alias: 'a: *nowhere\n',
  scalar: '- 1\n',
};

describe('YAML problems in a manifest', () => {
  afterEach(() => setLocale('en'));

  it("keep the yaml library's English text with devbox's fix in English", () => {
    setLocale('en');
    expect(problems(broken.quote)).toEqual([
      'm.yaml:3:1  (root)  YAML syntax: Missing closing "quote: add the missing character',
    ]);
    expect(problems(broken.compact)).toEqual([
      'm.yaml:1:4  (root)  YAML syntax: Nested mappings are not allowed in compact mappings: ' +
        'put the nested map on its own indented lines, or quote the value',
    ]);
  });

  it('are worded in zh-CN by the error code, keeping line, column and data', () => {
    setLocale('zh-CN');
    expect(problems(broken.quote)).toEqual([
      'm.yaml:3:1  （根）  YAML 语法错误：缺少字符（例如没有闭合的引号或括号）：请补上缺少的字符',
    ]);
    expect(problems(broken.unclosed)[0]).toBe(
      'm.yaml:3:1  （根）  YAML 语法错误：缩进不正确（或括号没有闭合）：请在它开始的那一行用 ] 闭合，或把后续行缩进到比键更深的位置',
    );
    expect(problems(broken.duplicate)).toEqual([
      'm.yaml:2:1  name  重复的键 "name"：同一个映射中一个键只能出现一次；请只保留一个（合并它们的值）',
    ]);
    expect(problems(broken.alias)).toEqual([
      'm.yaml:1:4  a  别名 *nowhere 之前没有锚点 &nowhere：请先定义锚点（&name）再使用别名（*name），或直接写出值',
    ]);
    const all = Object.values(broken).flatMap(problems);
    expect(all.length).toBeGreaterThanOrEqual(Object.keys(broken).length);
    for (const line of all) {
      expect(line).toMatch(/^m\.yaml:\d+:\d+ {2}/);
      // Only data stays Latin: the file, the path, YAML's own tokens, and names such as "billion laughs".
      expect(line.replace(/^m\.yaml:\d+:\d+ {2}\S+ {2}/, ''), line).not.toMatch(/\b(?:the|a|an|is|must|or|with)\b/);
    }
  });
});
