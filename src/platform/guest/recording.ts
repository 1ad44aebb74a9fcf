/**
 * The dry-run guest: reads go to the real guest, changes are recorded and answered as if they had
 * succeeded. Resources run their real `apply` code against it, which is what makes dry-run
 * structural rather than an `if` in every resource.
 */
import {
  isReadOnly,
  type GuestOp,
  type GuestPort,
  type OpResult,
  type ProgressObserver,
  type RecordedChange,
} from '../../engine/ports/index.js';

function describe(op: GuestOp): string {
  switch (op.op) {
    case 'write':
      return `write ${op.path} (${Buffer.byteLength(op.content)} bytes${op.mode ? `, mode ${op.mode}` : ''})`;
    case 'remove':
      return `remove ${op.path}`;
    case 'run':
      return `run ${op.argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ')}`;
    case 'read':
      return `read ${op.path}`;
  }
}

export class RecordingGuest implements GuestPort {
  readonly changes: RecordedChange[] = [];

  constructor(
    private readonly inner: GuestPort,
    private readonly where: string,
  ) {}

  async run(ops: readonly GuestOp[], observer?: ProgressObserver): Promise<OpResult[]> {
    const reads = ops.filter(isReadOnly);
    const readResults = await this.inner.run(reads, observer);
    let next = 0;
    return ops.map((op) => {
      if (isReadOnly(op)) return readResults[next++]!;
      if (op.op === 'run' && op.check)
        this.changes.push({ where: this.where, what: `check that ${op.check} (${describe(op)})`, notRun: true });
      else this.changes.push({ where: this.where, what: describe(op) });
      return { code: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
    });
  }
}
