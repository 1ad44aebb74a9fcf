import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import { reportUnknownCommand } from './not-found.js';

const commands = ['plan', 'status', 'net fetch', 'cluster ps'];

function reported(typed: string, json = false): { err: string; out: string; code: unknown } {
  let err = '';
  let out = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  try {
    reportUnknownCommand(typed, commands, json);
    return { err, out, code: process.exitCode };
  } finally {
    e.mockRestore();
    o.mockRestore();
    process.exitCode = undefined;
  }
}

describe('reportUnknownCommand', () => {
  afterEach(() => setLocale('en'));
  it('names words after a command that takes no arguments as unexpected arguments, not an unknown command', () => {
    setLocale('en');
    expect(reported('status extra')).toEqual({
      err: 'Error: Unexpected argument: extra\n  → devbox status --help\n',
      out: '',
      code: 2,
    });
    expect(reported('cluster ps a b').err).toBe('Error: Unexpected arguments: a, b\n  → devbox cluster ps --help\n');
    setLocale('zh-CN');
    expect(JSON.parse(reported('status x', true).out).error).toMatchObject({
      exitCode: 2,
      message: '多余的参数（1 个）：x',
      suggestions: ['devbox status'],
    });
  });
  it('says that no command was given when a flag stands where the command belongs', () => {
    setLocale('en');
    expect(reported('--lang zh-CN').err).toBe(
      'Error: No command given: --lang is a flag, and flags follow the command (devbox plan --lang …).\n' +
        '  → devbox --help lists the commands.\n',
    );
    expect(JSON.parse(reported('--json').out).error).toMatchObject({ exitCode: 2, suggestions: [] });
    setLocale('zh-CN');
    expect(reported('--lang=zh-CN').err).toContain('没有给出命令：--lang 是选项');
  });
  it('suggests the closest command for a misspelt one', () => {
    setLocale('en');
    expect(reported('net fetc URL').err).toBe(
      'Error: Unknown command "net fetc". Did you mean "net fetch"?\n  → devbox net fetch --help\n',
    );
    expect(reported('statu').err).toContain('Did you mean "status"?');
    expect(reported('net bogus').err).toBe(
      'Error: Unknown command "net bogus". Did you mean "net fetch"?\n  → devbox net fetch --help\n',
    );
  });
});
