import { describe, expect, it } from 'vitest';
import { CoalescingGuest, GuestRunner } from './runner.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import type { ProcessRunner, ProcessResult, RunOptions } from '../process.js';
import { localTransport, chrootTransport, wslTransport } from './transports.js';
import { PrerequisiteError } from '../../errors.js';

class ScriptedProcesses implements ProcessRunner {
  readonly started = new Map<string, number>();
  readonly calls: { file: string; args: readonly string[]; options: RunOptions | undefined }[] = [];
  constructor(private readonly answer: (input: string) => Partial<ProcessResult>) {}
  async run(file: string, args: readonly string[], options?: RunOptions): Promise<ProcessResult> {
    this.calls.push({ file, args, options });
    const result = this.answer(String(options?.input ?? ''));
    return { exitCode: 0, timedOut: false, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), ...result };
  }
}

describe('CoalescingGuest', () => {
  it('merges calls made in the same turn into one batch and splits the results back', async () => {
    const memory = new MemoryGuest({ '/a': 'A', '/b': 'B' });
    const guest = new CoalescingGuest(memory);
    const [a, b] = await Promise.all([
      guest.run([{ op: 'read', path: '/a' }]),
      guest.run([
        { op: 'read', path: '/b' },
        { op: 'read', path: '/nope' },
      ]),
    ]);
    expect(memory.calls).toHaveLength(1);
    expect(a!.map((r) => r.file?.content?.toString())).toEqual(['A']);
    expect(b!.map((r) => r.file?.kind)).toEqual(['file', 'missing']);
  });

  it('rejects every caller of a failed batch', async () => {
    const guest = new CoalescingGuest({ run: async () => Promise.reject(new Error('gone')) });
    const results = await Promise.allSettled([
      guest.run([{ op: 'read', path: '/a' }]),
      guest.run([{ op: 'read', path: '/b' }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('GuestRunner', () => {
  it('refuses to change the local system when not root, before starting anything', async () => {
    const processes = new ScriptedProcesses(() => ({}));
    const runner = new GuestRunner(localTransport(), processes, { currentUid: 1000 });
    await expect(runner.run([{ op: 'write', path: '/etc/x', content: 'x' }])).rejects.toBeInstanceOf(PrerequisiteError);
    expect(processes.calls).toHaveLength(0);
  });

  it('explains when the agent never started (e.g. chroot into a missing directory)', async () => {
    const processes = new ScriptedProcesses(() => ({
      exitCode: 125,
      stderr: Buffer.from("chroot: cannot change root directory to '/nope': No such file or directory\n"),
    }));
    const runner = new GuestRunner(chrootTransport('/nope'), processes);
    await expect(runner.run([{ op: 'read', path: '/etc/wsl.conf' }])).rejects.toThrow(
      /Cannot run commands in the root filesystem \/nope \(chroot\).*No such file or directory/s,
    );
  });

  it('reports an agent that died part-way', async () => {
    const processes = new ScriptedProcesses(() => ({
      exitCode: 137,
      stdout: Buffer.from('{"hello":"devbox-agent","uid":0}\n{"i":0,"code":0}\n'),
    }));
    const runner = new GuestRunner(chrootTransport('/r'), processes);
    await expect(
      runner.run([
        { op: 'read', path: '/a' },
        { op: 'read', path: '/b' },
      ]),
    ).rejects.toThrow('stopped (exit 137) at operation 2 of 2');
  });

  it('reaches a WSL distro as root with --exec bash -s and WSL_UTF8=1, never a shell string', () => {
    expect(wslTransport('Ubuntu-24.04').command()).toEqual({
      file: 'wsl.exe',
      args: ['-d', 'Ubuntu-24.04', '-u', 'root', '--cd', '/', '--exec', 'bash', '-s'],
      env: { WSL_UTF8: '1' },
    });
    expect(() => wslTransport('Ubuntu; touch /tmp/pwned')).toThrow('invalid distribution name');
  });
});
