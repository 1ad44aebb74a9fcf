import { afterEach, describe, expect, it } from 'vitest';
import { Args, Flags, Parser } from '@oclif/core';
import { localizedParseError } from './parse-errors.js';
import { setLocale } from '../i18n/catalogue.js';

// A command's definitions as oclif sees them; the errors come from oclif's real parser.
const flags = {
  lang: Flags.option({ options: ['en', 'zh-CN'] as const })(),
  output: Flags.string({ char: 'o', required: true }),
  binary: Flags.string({ exclusive: ['build'] }),
  build: Flags.string({ exclusive: ['binary'] }),
  connections: Flags.integer({ min: 1, max: 16 }),
  level: Flags.integer(),
  size: Flags.integer({ min: 0 }),
};
const args = { key: Args.string({ required: true, options: ['language', 'color'] }) };

async function parseError(argv: string[]): Promise<Error> {
  try {
    await Parser.parse(argv, { flags, args, strict: true });
  } catch (error) {
    return error as Error;
  }
  throw new Error(`oclif parsed ${argv.join(' ')} without an error`);
}

async function zh(argv: string[]): Promise<string | undefined> {
  const error = await parseError(argv);
  setLocale('zh-CN');
  return localizedParseError(error, { argv, flags, args });
}

describe("oclif's parse errors in zh-CN", () => {
  afterEach(() => setLocale('en'));

  it('names a flag value that is not one of its options, found again in argv', async () => {
    expect(await zh(['language', '-o', 'x', '--lang', 'fr'])).toBe('--lang=fr 无效：取值必须是 en, zh-CN 之一');
    expect(await zh(['language', '-o', 'x', '--lang=de'])).toBe('--lang=de 无效：取值必须是 en, zh-CN 之一');
  });

  it('names an argument that is not one of its options (a flag value before it is not taken for it)', async () => {
    expect(await zh(['-o', 'colour', 'colour'])).toBe('参数 colour 无效：取值必须是 language, color 之一');
  });

  it('names an integer flag given a word or a number outside its range', async () => {
    expect(await zh(['language', '-o', 'x', '--level', 'abc'])).toBe('--level=abc 无效：取值必须是整数');
    expect(await zh(['language', '-o', 'x', '--connections=99'])).toBe(
      '--connections=99 无效：取值必须是整数（范围 1..16）',
    );
    expect(await zh(['language', '-o', 'x', '--size', '-1'])).toBe('--size=-1 无效：取值必须是整数（范围 ≥ 0）');
  });

  it('names missing and unexpected arguments', async () => {
    expect(await zh(['-o', 'x'])).toBe('缺少 1 个必需的参数：KEY (language|color)');
    expect(await zh(['language', 'extra', 'more', '-o', 'x'])).toBe('多余的参数（2 个）：extra, more');
  });

  it('names a missing required flag and exclusive flags, once per pair', async () => {
    expect(await zh(['language'])).toBe('发生了以下错误（1 个）：\n  缺少必需的选项 --output');
    expect(await zh(['language', '-o', 'x', '--binary', 'a', '--build', 'b'])).toBe(
      '发生了以下错误（1 个）：\n  --build 不能与 --binary 同时使用',
    );
  });

  it("leaves English to oclif's own text", async () => {
    const argv = ['language', '-o', 'x', '--lang', 'fr'];
    const error = await parseError(argv);
    setLocale('en');
    expect(localizedParseError(error, { argv, flags, args })).toBeUndefined();
    expect(error.message).toContain('Expected --lang=fr to be one of: en, zh-CN');
  });
});
