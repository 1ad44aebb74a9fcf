import { describe, expect, it } from 'vitest';
import { FakeHost } from '../../../test/fakes/fake-host.js';
import {
  compareVersions,
  interpretWsl,
  listVerbose,
  parseListQuiet,
  parseListVerbose,
  parseWslVersion,
  runningDistros,
  wslFailureExitCode,
} from './wsl.js';

const u16 = (s: string) => Buffer.from(s, 'utf16le');
const result = (stdout: Buffer, exitCode = 0, stderr = Buffer.alloc(0)) => ({
  exitCode,
  stdout,
  stderr,
  timedOut: false,
});

describe('interpretWsl', () => {
  it("classifies wsl.exe's own failure (exit -1 seen as 4294967295) and reads the error code from stdout", () => {
    const outcome = interpretWsl(
      result(
        u16('There is no distribution with the supplied name.\r\nError code: Wsl/Service/WSL_E_DISTRO_NOT_FOUND\r\n'),
        wslFailureExitCode,
      ),
    );
    expect(outcome).toMatchObject({
      wslFailed: true,
      errorCode: 'Wsl/Service/WSL_E_DISTRO_NOT_FOUND',
      lines: ['There is no distribution with the supplied name.', 'Error code: Wsl/Service/WSL_E_DISTRO_NOT_FOUND'],
    });
  });

  it('finds the error code when the label is localized', () => {
    expect(
      interpretWsl(
        result(
          Buffer.from('不存在具有所提供名称的分发。\r\n错误代码: Wsl/Service/WSL_E_DISTRO_NOT_FOUND\r\n'),
          wslFailureExitCode,
        ),
      ).errorCode,
    ).toBe('Wsl/Service/WSL_E_DISTRO_NOT_FOUND');
  });

  it('a Linux exit status is not a wsl.exe failure', () => {
    expect(interpretWsl(result(Buffer.alloc(0), 1)).wslFailed).toBe(false);
  });
});

describe('parsers', () => {
  it('reads -l -q', () => {
    expect(parseListQuiet(['Ubuntu-24.04', 'docker-desktop', ''])).toEqual(['Ubuntu-24.04', 'docker-desktop']);
  });

  it('reads -l -v by structure (the header and states are English everywhere)', () => {
    expect(
      parseListVerbose([
        '  NAME              STATE           VERSION',
        '* Ubuntu-24.04      Running         2',
        '  docker-desktop    Stopped         1',
      ]),
    ).toEqual([
      { isDefault: true, name: 'Ubuntu-24.04', state: 'Running', version: 2 },
      { isDefault: false, name: 'docker-desktop', state: 'Stopped', version: 1 },
    ]);
    expect(() => parseListVerbose(['garbage'])).toThrow('no NAME STATE VERSION header');
  });

  it('reads --version by line position whatever the labels say', () => {
    expect(parseWslVersion(['WSL version: 2.6.3.0', 'Kernel version: 6.6.87.2-1', 'WSLg version: 1.0.66'])).toEqual({
      wsl: '2.6.3.0',
      kernel: '6.6.87.2-1',
    });
    expect(parseWslVersion(['WSL 版本： 2.0.6.0', '内核版本： 5.15.133.1-1'])).toEqual({
      wsl: '2.0.6.0',
      kernel: '5.15.133.1-1',
    });
    expect(parseWslVersion(['Invalid command line option: --version'])).toBeUndefined();
  });

  it('compares versions numerically', () => {
    expect(compareVersions('2.10.0', '2.9.4')).toBe(1);
    expect(compareVersions('2.0.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('1.2.5', '2.0.0')).toBe(-1);
  });
});

describe('commands', () => {
  it('lists running distributions with --running --quiet (exit 0 even when none runs)', async () => {
    const host = new FakeHost().on((c) => (c.tool === 'wsl.exe' ? { stdout: u16('Ubuntu-24.04\r\n') } : undefined));
    expect(await runningDistros(host)).toEqual(['Ubuntu-24.04']);
    expect(host.commands[0]).toEqual({ tool: 'wsl.exe', args: ['--list', '--running', '--quiet'], readOnly: true });
  });

  it('treats the no-distribution message of -l -v (exit -1 without an error code) as an empty list', async () => {
    const host = new FakeHost().on(() => ({
      exitCode: wslFailureExitCode,
      stdout: u16('Windows Subsystem for Linux has no installed distributions.\r\n'),
    }));
    expect(await listVerbose(host)).toEqual([]);
  });
});
