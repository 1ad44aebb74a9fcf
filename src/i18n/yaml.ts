/**
 * The yaml library's own description of a problem in the current locale: its English text, or in
 * zh-CN the meaning of its error code (zh-CN-yaml.ts), the text again for a code not listed.
 */
import { currentLocale } from './catalogue.js';
import { zhCNYamlCodes } from './zh-CN-yaml.js';

export function yamlLibraryText(code: string, library: string): string {
  return currentLocale() === 'zh-CN' ? (zhCNYamlCodes[code] ?? library) : library;
}
