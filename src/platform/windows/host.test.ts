import { describe, expect, it } from 'vitest';
import { ScriptedProcesses } from '../../../test/fakes/scripted-processes.js';
import { PrerequisiteError } from '../../errors.js';
import { SpawnError } from '../process.js';
import { decodeProbeResults, WindowsHost } from './host.js';
import { RecordingHost } from './recording.js';
import type { RecordedChange } from '../../engine/ports/index.js';

const probeAnswer = (input: string) => {
  const { ops } = JSON.parse(input) as { ops: { op: string; path?: string }[] };
  return {
    stdout: Buffer.from(
      JSON.stringify({
        results: ops.map((op) =>
          op.op === 'file'
            ? { file: { exists: true, content: Buffer.from(`content of ${op.path}`).toString('base64') } }
            : { error: `no ${op.op}` },
        ),
      }),
    ),
  };
};

describe('WindowsHost', () => {
  it('answers every probe made in the same turn with ONE PowerShell process running probe.ps1', async () => {
    const processes = new ScriptedProcesses((_file, _args, input) => probeAnswer(input));
    const host = new WindowsHost(processes, () => {
      throw new Error('not elevated here');
    });
    const [a, b] = await Promise.all([
      host.probe([{ op: 'file', path: 'C:\\a' }]),
      host.probe([{ op: 'file', path: 'C:\\b' }, { op: 'adapters' }]),
    ]);
    expect(processes.calls).toHaveLength(1);
    expect(processes.calls[0]!.file).toBe('powershell.exe');
    expect(processes.calls[0]!.args).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-File',
      expect.stringMatching(/scripts[\\/]probe\.ps1$/),
    ]);
    expect(JSON.parse(String(processes.calls[0]!.options?.input))).toEqual({
      ops: [{ op: 'file', path: 'C:\\a' }, { op: 'file', path: 'C:\\b' }, { op: 'adapters' }],
    });
    expect(a).toEqual([{ file: { exists: true, content: Buffer.from('content of C:\\a') } }]);
    expect(b![1]).toEqual({ error: 'no adapters' });
  });

  it('runs wsl.exe with WSL_UTF8=1 and other tools without it', async () => {
    const processes = new ScriptedProcesses(() => ({}));
    const host = new WindowsHost(processes, () => {
      throw new Error('unused');
    });
    await host.exec({ tool: 'wsl.exe', args: ['--shutdown'] });
    await host.exec({ tool: 'reg.exe', args: ['add'] });
    expect(processes.calls.map((c) => [c.file, c.options?.env])).toEqual([
      ['wsl.exe', { WSL_UTF8: '1' }],
      ['reg.exe', undefined],
    ]);
  });

  it('sends administrator commands to the elevated runner only', async () => {
    const processes = new ScriptedProcesses(() => ({}));
    const elevated: string[] = [];
    const host = new WindowsHost(processes, () => ({
      run: async (c) => (
        elevated.push(c.tool),
        { exitCode: 3010, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut: false }
      ),
      runScript: async () => Promise.reject(new Error('unused')),
    }));
    expect((await host.exec({ tool: 'dism.exe', args: [], elevated: true })).exitCode).toBe(3010);
    expect([elevated, processes.calls.length]).toEqual([['dism.exe'], 0]);
  });

  it('turns a missing tool into a prerequisite error', async () => {
    const processes = new ScriptedProcesses(() => {
      throw new SpawnError('wsl.exe', 'ENOENT', 'wsl.exe was not found on PATH');
    });
    const host = new WindowsHost(processes, () => {
      throw new Error('unused');
    });
    await expect(host.exec({ tool: 'wsl.exe', args: ['-l'] })).rejects.toBeInstanceOf(PrerequisiteError);
  });

  it('rejects a probe answer with the wrong number of results', () => {
    expect(() => decodeProbeResults({ results: [] }, 1)).toThrow('answered 0 results for 1 questions');
  });
});

describe('RecordingHost', () => {
  it('lets probes and read-only commands through and records every change instead of making it', async () => {
    const processes = new ScriptedProcesses((_f, args, input) =>
      args.includes('-File') ? probeAnswer(input) : { stdout: Buffer.from('x') },
    );
    const changes: RecordedChange[] = [];
    const host = new RecordingHost(
      new WindowsHost(processes, () => ({
        run: async () => Promise.reject(new Error('must not elevate')),
        runScript: async () => Promise.reject(new Error('must not elevate')),
      })),
      changes,
    );
    await host.probe([{ op: 'file', path: 'C:\\a' }]);
    expect((await host.exec({ tool: 'wsl.exe', args: ['--list', '--quiet'], readOnly: true })).stdout.toString()).toBe(
      'x',
    );
    expect(
      (await host.exec({ tool: 'dism.exe', args: ['/Online', '/FeatureName:A B'], elevated: true })).exitCode,
    ).toBe(0);
    await host.writeFile('%USERPROFILE%\\.wslconfig', Buffer.from('abc'));
    expect(changes).toEqual([
      { where: 'Windows', what: 'run dism.exe /Online "/FeatureName:A B" (as administrator)' },
      { where: 'Windows', what: 'write %USERPROFILE%\\.wslconfig (3 bytes)' },
    ]);
    expect(processes.calls.map((c) => c.file)).toEqual(['powershell.exe', 'wsl.exe']);
  });
});
