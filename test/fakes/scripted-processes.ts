/** A process runner for unit tests: answers come from a function of (file, args, input); nothing really starts. */
import type { ProcessResult, ProcessRunner, RunOptions } from '../../src/platform/process.js';

export class ScriptedProcesses implements ProcessRunner {
  readonly started = new Map<string, number>();
  readonly calls: { file: string; args: readonly string[]; options: RunOptions | undefined }[] = [];

  constructor(
    private readonly answer: (
      file: string,
      args: readonly string[],
      input: string,
      options: RunOptions | undefined,
    ) => Partial<ProcessResult> | Promise<Partial<ProcessResult>>,
  ) {}

  async run(file: string, args: readonly string[], options?: RunOptions): Promise<ProcessResult> {
    this.calls.push({ file, args, options });
    this.started.set(file, (this.started.get(file) ?? 0) + 1);
    const result = await this.answer(file, args, String(options?.input ?? ''), options);
    return { exitCode: 0, timedOut: false, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), ...result };
  }
}
