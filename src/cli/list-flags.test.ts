import { describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import { checkListFlags } from './list-flags.js';

const flags = {
  only: { multiple: true, delimiter: ',' },
  map: { multiple: true },
  manifest: {},
};

function refusal(values: Record<string, unknown>) {
  try {
    checkListFlags(flags, values);
    return undefined;
  } catch (error) {
    return error as { message: string; exitCode: number; suggestions: string[] };
  }
}

describe('list-valued flags', () => {
  it('pass whole items and leave single-valued flags alone', () => {
    expect(refusal({ only: ['distro', 'scoop'], map: ['SCOOP=E:\\S'], manifest: '' })).toBeUndefined();
  });

  it('name an empty item plainly, with its position, never as "--only :"', () => {
    setLocale('en');
    const empty = refusal({ only: [''] })!;
    expect(empty).toMatchObject({ exitCode: 2, message: '--only: item 1 of 1 is empty.' });
    expect(empty.suggestions[0]).toContain('separated by ","');
    expect(refusal({ only: ['a', '', 'b'] })!.message).toBe('--only: item 2 of 3 is empty.');
    const blank = refusal({ map: ['SCOOP=E:\\S', '  '] })!;
    expect(blank.message).toBe('--map: item 2 of 2 is only spaces.');
    expect(blank.suggestions[0]).toContain('Give each --map a value');
  });

  it('in zh-CN too', () => {
    setLocale('zh-CN');
    expect(refusal({ only: [''] })!.message).toBe('--only：第 1 项（共 1 项）为空。');
    setLocale('en');
  });
});
