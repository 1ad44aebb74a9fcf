/**
 * Every help text a user can see (each visible command's summary, description, flag and argument help, the
 * topics, the package description) has its Simplified Chinese translation, no translation is left
 * over from an English text that changed, and translations keep code, flags and commands verbatim.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandHelpZhCN } from './help-zh-CN.js';
import { flagHelpZhCN } from './help-flags-zh-CN.js';
import { helpText, localizeHeaders } from './help.js';

const srcDir = new URL('..', import.meta.url).pathname;
const pjson = JSON.parse(readFileSync(join(srcDir, '..', 'package.json'), 'utf8')) as {
  description: string;
  oclif: { topics: Record<string, { description: string }> };
};

function commandFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return commandFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

interface HelpFields {
  summary?: string;
  description?: string;
}
interface CommandClass extends HelpFields {
  hidden?: boolean;
  enableJsonFlag?: boolean;
  flags?: Record<string, HelpFields & { hidden?: boolean }>;
  baseFlags?: Record<string, HelpFields & { hidden?: boolean }>;
  args?: Record<string, { description?: string }>;
}

/** Every English help text users see, with where it comes from. */
async function englishTexts(): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const add = (text: string | undefined, where: string) => {
    if (text) texts.set(text, where);
  };
  for (const file of commandFiles(join(srcDir, 'commands'))) {
    const command = ((await import(file)) as { default: CommandClass }).default;
    if (command.hidden) continue;
    const where = file.slice(srcDir.length);
    add(command.summary, `${where} summary`);
    add(command.description, `${where} description`);
    // oclif's own --json flag.
    if (command.enableJsonFlag) add('Format output as json.', `${where} --json`);
    for (const [name, flag] of Object.entries({ ...command.baseFlags, ...command.flags })) {
      if (flag.hidden) continue;
      add(flag.summary, `${where} --${name}`);
      add(flag.description, `${where} --${name} description`);
    }
    for (const [name, arg] of Object.entries(command.args ?? {}))
      add(arg.description, `${where} ${name.toUpperCase()}`);
  }
  add(pjson.description, 'package.json description');
  for (const [name, topic] of Object.entries(pjson.oclif.topics)) add(topic.description, `topic ${name}`);
  return texts;
}

/** Code spans, flags, #sha256= and upper-case names (URL, PEM, DEVBOX_CA_BUNDLE): never translated. */
const verbatim = (text: string) =>
  new Set([...text.matchAll(/`[^`]+`|(?<![\w-])--?[a-z][a-z0-9-]*|#sha256=|[A-Z][A-Z0-9_]{2,}/g)].map((m) => m[0]));

describe('help in Simplified Chinese', () => {
  it('translates every help text users see, and nothing else', async () => {
    const english = await englishTexts();
    const translated = new Map([...commandHelpZhCN, ...flagHelpZhCN]);
    const missing = [...english].filter(([text]) => !translated.has(text)).map(([, where]) => where);
    expect(missing, 'help texts without a zh-CN translation').toEqual([]);
    const unused = [...translated.keys()].filter((text) => !english.has(text));
    expect(unused, 'zh-CN translations of texts no command has (changed English?)').toEqual([]);
    expect(translated.size, 'a text translated twice').toBe(commandHelpZhCN.length + flagHelpZhCN.length);
  }, 60_000); // imports every command module (and oclif) once

  it('keeps code spans, flags, environment variables and names as they are', () => {
    for (const [en, zh] of [...commandHelpZhCN, ...flagHelpZhCN]) {
      expect(zh.trim(), en).not.toBe('');
      const kept = verbatim(zh);
      expect(
        [...verbatim(en)].filter((token) => !kept.has(token)),
        en,
      ).toEqual([]);
    }
  });

  it('answers English texts in English, and translated headers only where they are headers', () => {
    expect(helpText('en', 'Converge the machine to the manifest.')).toBe('Converge the machine to the manifest.');
    expect(helpText('zh-CN', 'Converge the machine to the manifest.')).toBe('使机器收敛到清单描述的状态。');
    expect(helpText('zh-CN', 'not a help text')).toBe('not a help text');
    const text = 'USAGE\n  $ devbox plan\n\n\u001b[1mFLAGS\u001b[22m\n  --json  USAGE is a word here\nGLOBAL FLAGS';
    expect(localizeHeaders('zh-CN', text)).toBe(
      '用法\n  $ devbox plan\n\n\u001b[1m选项\u001b[22m\n  --json  USAGE is a word here\n全局选项',
    );
    expect(localizeHeaders('en', text)).toBe(text);
  });
});
