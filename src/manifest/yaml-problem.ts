/**
 * What is wrong with a manifest's YAML and how to fix it, for each problem the yaml library reports
 * (by its error code; the library's own description is its English text, worded by code in zh-CN).
 */
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import { t, type MessageKey } from '../i18n/catalogue.js';
import { yamlLibraryText } from '../i18n/yaml.js';
import { formatPath } from './issues.js';

/** The first line of a yaml library message, without its own "at line N, column M" suffix. */
function shortYamlMessage(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** How to fix each kind of YAML problem; the yaml library's own text says only what is wrong. */
type FixKey = Exclude<Extract<MessageKey, `yaml.fix.${string}`>, 'yaml.fix.unclosed'>;
const yamlFixes: Partial<Record<string, FixKey>> = {
  BAD_INDENT: 'yaml.fix.BAD_INDENT',
  MISSING_CHAR: 'yaml.fix.MISSING_CHAR',
  BAD_DQ_ESCAPE: 'yaml.fix.BAD_DQ_ESCAPE',
  BLOCK_AS_IMPLICIT_KEY: 'yaml.fix.BLOCK_AS_IMPLICIT_KEY',
  MULTILINE_IMPLICIT_KEY: 'yaml.fix.MULTILINE_IMPLICIT_KEY',
  TAG_RESOLVE_FAILED: 'yaml.fix.TAG_RESOLVE_FAILED',
  BAD_ALIAS: 'yaml.fix.BAD_ALIAS',
};

/** The path of the map entry whose key starts at `offset`, for problems the yaml library reports by offset. */
function pathOfKeyAt(doc: Document, offset: number): (string | number)[] | undefined {
  const walk = (node: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        const name = isScalar(key) ? String(key.value) : '?';
        if (key?.range?.[0] === offset) return [...path, name];
        const found = walk(pair.value, [...path, name]);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const found = walk(item, [...path, index]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(doc.contents, []);
}

/** What is wrong and how to fix it, for one problem the yaml library found. */
export function yamlProblem(problem: YAMLError, text: string, doc: Document): { path: string; message: string } {
  const what = shortYamlMessage(problem.message);
  switch (problem.code) {
    case 'MULTIPLE_DOCS':
      return { path: '', message: t('yaml.multipleDocs') };
    case 'DUPLICATE_KEY': {
      const path = pathOfKeyAt(doc, problem.pos[0]) ?? [];
      const key = path.length ? String(path[path.length - 1]) : text.slice(problem.pos[0], problem.pos[1]);
      return {
        path: formatPath(path),
        message: t('yaml.duplicateKey', { key }),
      };
    }
    case 'TAB_AS_INDENT':
      return { path: '', message: t('yaml.tabIndent') };
    default: {
      // An unclosed [ or { is reported as BAD_INDENT at the line after it.
      const unclosed = /end with an? ([\]}])$/.exec(what);
      const fixKey = yamlFixes[problem.code];
      const fix = unclosed
        ? t('yaml.fix.unclosed', { bracket: unclosed[1]! })
        : fixKey
          ? t(fixKey)
          : t('yaml.fix.other');
      return {
        path: '',
        message: t('yaml.syntax', { what: yamlLibraryText(problem.code, what.replace(/\.$/, '')), fix }),
      };
    }
  }
}
