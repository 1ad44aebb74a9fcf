import { Config, Flags, type Command } from '@oclif/core';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import { LocalizedCommandHelp } from './help.js';

/** A command whose flags read environment variables, shown the way oclif's help shows flags. */
async function flagLines(): Promise<string> {
  const config = await Config.load(fileURLToPath(new URL('../..', import.meta.url)));
  const command = {
    id: 'x',
    args: {},
    flags: {
      mirror: Flags.string({ summary: 'Mirror.', env: 'DEVBOX_MIRROR', default: 'auto' }),
      proxy: Flags.string({ summary: 'Proxy.', env: 'DEVBOX_PROXY' }),
      quiet: Flags.boolean({ summary: 'Quiet.', env: 'DEVBOX_QUIET' }),
    },
  } as unknown as Command.Loadable;
  const help = new LocalizedCommandHelp(command, config, { stripAnsi: true } as never);
  return help.generate();
}

describe("oclif's [env: …] label", () => {
  afterEach(() => setLocale('en'));

  it("stays oclif's own text in English", async () => {
    setLocale('en');
    const text = await flagLines();
    expect(text).toMatch(/--mirror=<value> +\[default: auto, env: DEVBOX_MIRROR\] Mirror\./);
    expect(text).toMatch(/--proxy=<value> +\[env: DEVBOX_PROXY\] Proxy\./);
    expect(text).toMatch(/--quiet +\[env: DEVBOX_QUIET\] Quiet\./);
  });

  it('is in Chinese in zh-CN, the variable named as it is', async () => {
    setLocale('zh-CN');
    const text = await flagLines();
    expect(text).toMatch(/--mirror=<value> +\[默认：auto，环境变量：DEVBOX_MIRROR\] Mirror\./);
    expect(text).toMatch(/--proxy=<value> +\[环境变量：DEVBOX_PROXY\] Proxy\./);
    expect(text).toMatch(/--quiet +\[环境变量：DEVBOX_QUIET\] Quiet\./);
    expect(text).not.toMatch(/env: |default: /);
  });
});
