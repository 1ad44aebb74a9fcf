import { Flags } from '@oclif/core';
import { resolve as resolvePath } from 'node:path';
import { DevboxCommand } from '../cli/base.js';
import { initFromMachine, initFromScoopExport, type InitResult } from '../app/init.js';
import { UsageError } from '../errors.js';
import { writeUserTextFile } from '../platform/files.js';

export default class InitCommand extends DevboxCommand {
  static override summary = 'Write a manifest from what exists: this machine, or a `scoop export` file.';
  static override description =
    "--from-machine reads this Windows machine: Scoop (its folders as Scoop resolves them, buckets with their remotes, installed apps per scope, config.json) and the entries in devbox's block of the hosts file. " +
    "With --format scoop-export it writes Scoop's own export JSON instead (`scoop import` reads it). " +
    '--from-scoop-export FILE turns a `scoop export` file (Windows PowerShell 5.1 or PowerShell 7; UTF-16 or UTF-8) into manifest form. ' +
    'The result goes to stdout, or to -o FILE.';
  static override examples = [
    '<%= config.bin %> init --from-machine -o devbox.yaml',
    '<%= config.bin %> init --from-machine --format scoop-export -o scoopfile.json',
    '<%= config.bin %> init --from-scoop-export scoopfile.json',
  ];
  static override flags = {
    'from-machine': Flags.boolean({
      summary: "Read this machine (Scoop and devbox's hosts entries).",
      default: false,
      exclusive: ['from-scoop-export'],
    }),
    'from-scoop-export': Flags.string({ summary: 'Read a `scoop export` JSON file.', helpValue: 'FILE' }),
    format: Flags.option({
      options: ['manifest', 'scoop-export'] as const,
      default: 'manifest' as const,
      summary: "What --from-machine writes: a devbox manifest, or Scoop's export JSON.",
    })(),
    output: Flags.string({ char: 'o', summary: 'Write to FILE instead of stdout.', helpValue: 'FILE' }),
    force: Flags.boolean({ summary: 'Replace FILE when it exists.', default: false }),
  };

  async run(): Promise<InitResult> {
    const { flags } = await this.parse(InitCommand);
    let result: InitResult;
    if (flags['from-machine']) result = await initFromMachine({ format: flags.format });
    else if (flags['from-scoop-export']) {
      if (flags.format !== 'manifest') throw new UsageError('--format scoop-export goes with --from-machine.');
      result = await initFromScoopExport(flags['from-scoop-export']);
    } else {
      throw new UsageError('Say where the manifest comes from: --from-machine or --from-scoop-export FILE.', {
        suggestions: ['devbox init --from-machine -o devbox.yaml'],
      });
    }
    for (const note of result.notes) this.progress(`note: ${note}`);
    if (flags.output) {
      const path = resolvePath(flags.output);
      try {
        await writeUserTextFile(path, result.text, { overwrite: flags.force });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST')
          throw new UsageError(`${flags.output} exists; devbox does not replace it.`, {
            suggestions: ['Pass --force to replace it, or choose another file.'],
          });
        throw error;
      }
      this.progress(`Wrote ${flags.output}.`);
    } else if (!this.jsonEnabled()) {
      process.stdout.write(result.text);
    }
    return result;
  }
}
