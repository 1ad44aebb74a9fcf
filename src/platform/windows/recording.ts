/**
 * The dry-run host: probes and read-only commands reach Windows, everything else is recorded and
 * answered as if it had succeeded. Resources run their real `apply` against it.
 */
import type { RecordedChange } from '../guest/recording.js';
import type { HostCommand, HostCommandResult, HostPort, HostReadOp, HostReadResult } from './ports.js';

const shown = (arg: string) => (/^[\w@%+=:,./\\-]+$/.test(arg) ? arg : JSON.stringify(arg));

/** Records changes into `changes` (shared with the dry-run guest, so the list stays in order). */
export class RecordingHost implements HostPort {
  constructor(
    private readonly inner: HostPort,
    private readonly changes: RecordedChange[],
    private readonly where = 'Windows',
  ) {}

  probe(ops: readonly HostReadOp[]): Promise<HostReadResult[]> {
    return this.inner.probe(ops);
  }

  async exec(command: HostCommand): Promise<HostCommandResult> {
    if (command.readOnly) return this.inner.exec(command);
    this.changes.push({ where: this.where, what: `run ${[command.tool, ...command.args].map(shown).join(' ')}${command.elevated ? ' (as administrator)' : ''}` });
    return { exitCode: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut: false };
  }

  async writeFile(path: string, content: Uint8Array): Promise<void> {
    this.changes.push({ where: this.where, what: `write ${path} (${content.byteLength} bytes)` });
  }

  async download(url: string, path: string, sha256: string): Promise<void> {
    this.changes.push({ where: this.where, what: `download ${url} to ${path} (sha256 ${sha256})` });
  }
}
