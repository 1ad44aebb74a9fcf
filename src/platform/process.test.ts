import { describe, expect, it } from 'vitest';
import { NodeProcessRunner, SpawnError } from './process.js';

describe('the process runner', () => {
  const runner = new NodeProcessRunner();

  it('passes argv as data, feeds stdin, returns output as Buffers and the exit code', async () => {
    const result = await runner.run(
      'sh',
      ['-c', 'cat; printf "%s|" "$1"; printf err >&2; exit 3', 'sh', '$(id) `x` ; y'],
      { input: 'in:' },
    );
    expect(result).toEqual({
      exitCode: 3,
      timedOut: false,
      stdout: Buffer.from('in:$(id) `x` ; y|'),
      stderr: Buffer.from('err'),
    });
    expect(runner.started.get('sh')).toBe(1);
  });

  it('extends or replaces the environment', async () => {
    const extended = await runner.run('sh', ['-c', 'printf "%s %s" "$DBX_A" "${PATH:+path}"'], { env: { DBX_A: 'a' } });
    expect(extended.stdout.toString()).toBe('a path');
    const replaced = await runner.run('/bin/sh', ['-c', 'printf "%s %s" "$DBX_A" "${PATH:-none}"'], {
      env: { DBX_A: 'b' },
      extendEnv: false,
    });
    expect(replaced.stdout.toString()).toMatch(/^b /);
  });

  it('stops a program at its timeout and says so', async () => {
    const result = await runner.run('sleep', ['5'], { timeoutMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGTERM');
  });

  it('raises SpawnError for a program that does not exist, and survives a child that ignores its input', async () => {
    await expect(runner.run('devbox-no-such-program', [])).rejects.toBeInstanceOf(SpawnError);
    const result = await runner.run('true', [], { input: Buffer.alloc(1024 * 1024) });
    expect(result.exitCode).toBe(0);
  });
});
