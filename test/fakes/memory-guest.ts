/**
 * An in-memory guest for unit tests: a tiny file system that read/write/remove act on, and scripted
 * commands for `run`. Any command nobody scripted throws, so a test cannot pass by accident.
 */
import type { FileInfo, GuestOp, GuestPort, OpResult } from '../../src/engine/ports/guest.js';

export type CommandHandler = (
  argv: readonly string[],
  stdin: string,
  guest: MemoryGuest,
) => { code?: number; stdout?: string; stderr?: string } | undefined;

interface Entry {
  kind: 'file' | 'symlink' | 'dir';
  content?: Buffer;
  target?: string;
  mode: string;
  immutable?: boolean;
}

export class MemoryGuest implements GuestPort {
  readonly files = new Map<string, Entry>();
  readonly calls: GuestOp[][] = [];
  private readonly handlers: CommandHandler[] = [];

  constructor(files: Record<string, string> = {}) {
    for (const [path, content] of Object.entries(files)) this.setFile(path, content);
  }

  setFile(path: string, content: string | Buffer, mode = '644'): void {
    this.files.set(path, { kind: 'file', content: Buffer.from(content), mode });
  }

  setSymlink(path: string, target: string): void {
    this.files.set(path, { kind: 'symlink', target, mode: '777' });
  }

  text(path: string): string | undefined {
    return this.files.get(path)?.content?.toString('utf8');
  }

  /** Scripts commands; a handler returns undefined for argv it does not handle. */
  on(handler: CommandHandler): this {
    this.handlers.push(handler);
    return this;
  }

  /** Number of mutating operations received so far. */
  get mutations(): number {
    return this.calls
      .flat()
      .filter((op) => op.op === 'write' || op.op === 'remove' || (op.op === 'run' && !op.readOnly)).length;
  }

  private resolve(path: string, depth = 0): Entry | undefined {
    const entry = this.files.get(path);
    if (entry?.kind === 'symlink' && depth < 8) {
      const target = entry.target!.startsWith('/')
        ? entry.target!
        : `${path.slice(0, path.lastIndexOf('/'))}/${entry.target}`;
      return this.resolve(target, depth + 1);
    }
    return entry;
  }

  async run(ops: readonly GuestOp[]): Promise<OpResult[]> {
    this.calls.push([...ops]);
    return ops.map((op) => this.apply(op));
  }

  private apply(op: GuestOp): OpResult {
    const ok = (extra: Partial<OpResult> = {}): OpResult => ({
      code: 0,
      stdout: Buffer.alloc(0),
      stderr: Buffer.alloc(0),
      ...extra,
    });
    switch (op.op) {
      case 'read': {
        const entry = this.files.get(op.path);
        if (!entry) return ok({ file: { kind: 'missing', immutable: false } });
        const resolved = this.resolve(op.path);
        const file: FileInfo = {
          kind: entry.kind,
          immutable: entry.immutable ?? false,
          mode: entry.mode,
          uid: 0,
          gid: 0,
          ...(entry.kind === 'symlink' ? { target: entry.target! } : {}),
          ...(resolved?.kind === 'file' ? { content: resolved.content! } : {}),
        };
        return ok({ file });
      }
      case 'write':
        if (this.files.get(op.path)?.immutable)
          return {
            code: 1,
            stdout: Buffer.alloc(0),
            stderr: Buffer.alloc(0),
            error: `cannot replace ${op.path}: Operation not permitted`,
          };
        this.files.set(op.path, {
          kind: 'file',
          content: Buffer.from(op.content),
          mode: op.mode ?? this.files.get(op.path)?.mode ?? '644',
        });
        return ok();
      case 'remove':
        this.files.delete(op.path);
        return ok();
      case 'run': {
        for (const handler of this.handlers) {
          const result = handler(op.argv, op.stdin ?? '', this);
          if (result)
            return {
              code: result.code ?? 0,
              stdout: Buffer.from(result.stdout ?? ''),
              stderr: Buffer.from(result.stderr ?? ''),
            };
        }
        throw new Error(`MemoryGuest: unscripted command ${JSON.stringify(op.argv)}`);
      }
    }
  }
}
