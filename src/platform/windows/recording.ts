/**
 * The dry-run host: probes and read-only commands reach Windows, everything else is recorded and
 * answered as if it had succeeded. Resources run their real `apply` against it.
 */
import { createHash } from 'node:crypto';
import type {
  HostCommand,
  HostCommandResult,
  HostPort,
  HostReadOp,
  HostReadResult,
  RecordedChange,
  ReplaceFileRequest,
  ReplaceFileResult,
} from '../../engine/ports/index.js';

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
    const env = Object.entries(command.env ?? {})
      .map(([k, v]) => `${k}=${shown(v)} `)
      .join('');
    this.changes.push({
      where: this.where,
      what: `run ${env}${[command.tool, ...command.args].map(shown).join(' ')}${command.elevated ? ' (as administrator)' : ''}`,
    });
    return { exitCode: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut: false };
  }

  async writeFile(path: string, content: Uint8Array): Promise<void> {
    this.changes.push({ where: this.where, what: `write ${path} (${content.byteLength} bytes)` });
  }

  async replaceFile(request: ReplaceFileRequest): Promise<ReplaceFileResult> {
    const sha = createHash('sha256').update(request.content).digest('hex');
    this.changes.push({
      where: this.where,
      what: `write ${request.path} (${request.content.byteLength} bytes, sha256 ${sha.slice(0, 16)})${request.elevated ? ' (as administrator)' : ''}${request.flushDns ? ', then flush the DNS cache' : ''}`,
    });
    return { ok: true, backup: null, dnsFlushed: request.flushDns === true };
  }
}
