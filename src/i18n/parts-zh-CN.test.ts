/**
 * The parts translated last (download progress and failures, YAML problems, guards, probes, Windows
 * tools' failures): their Chinese keeps no English word of the English text but the data in it
 * (file and header names, tools, YAML's own tokens), listed here.
 */
import { describe, expect, it } from 'vitest';
import { enMisc } from './en-misc.js';
import { enNetDownload } from './en-net-download.js';
import { enYaml } from './en-yaml.js';
import { zhCNMisc } from './zh-CN-misc.js';
import { zhCNNetDownload } from './zh-CN-net-download.js';
import { zhCNYaml } from './zh-CN-yaml.js';

/** A message's text with every parameter shown as ⟨name⟩. */
function text(message: unknown): string {
  if (typeof message === 'string') return message;
  const params = new Proxy({}, { get: (_, name) => `⟨${String(name)}⟩` });
  return (message as (p: unknown) => string)(params);
}

/** Words that are data in these messages, the same in every language. */
const data = new Set(
  [
    'content-length content-range range bytes http accept-ranges',
    'json install current manifest version apps scoop',
    'yaml name url null hosts',
    'sysctl apt dpkg wsl exe windows https devbox pid',
    'key value', // YAML's "key: value" lines
    'billion laughs',
  ].flatMap((s) => s.split(' ')),
);

const parts = [
  ['en-net-download', enNetDownload, zhCNNetDownload],
  ['en-yaml', enYaml, zhCNYaml],
  ['en-misc', enMisc, zhCNMisc],
] as const;

describe('the zh-CN of the last translated parts', () => {
  it.each(parts)('%s: no English word but data', (_, english, chinese) => {
    for (const [key, message] of Object.entries(english)) {
      const zh = text((chinese as Record<string, unknown>)[key]).replace(/⟨\w+⟩/g, '');
      const words = new Set(
        text(message)
          .replace(/⟨\w+⟩/g, '')
          .toLowerCase()
          .match(/[a-z][a-z-]{2,}/g) ?? [],
      );
      const left = [...words].filter((w) => !data.has(w) && new RegExp(`\\b${w}\\b`, 'i').test(zh));
      expect(left, `${key}: ${zh}`).toEqual([]);
      expect(zh, key).toMatch(/[\u4e00-\u9fff；]/);
    }
  });
});
