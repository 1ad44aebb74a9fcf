/**
 * A Windows host for unit tests: probe answers come from plain data the test sets, commands go to
 * handlers the test scripts, files written are kept. Any command nobody scripted throws, so a test
 * cannot pass by accident.
 */
import { createHash } from 'node:crypto';
import type {
  DriveFacts,
  AdapterFacts,
  HostCommand,
  HostCommandResult,
  HostPort,
  HostReadOp,
  HostReadResult,
  OsFacts,
  RegistryFacts,
  ReplaceFileRequest,
  ReplaceFileResult,
  TaskFacts,
} from '../../src/engine/ports/host.js';
import type { ScoopProbe } from '../../src/resources/scoop/probe.js';

export type CommandHandler = (
  command: HostCommand,
  host: FakeHost,
) =>
  | (Partial<Omit<HostCommandResult, 'stdout' | 'stderr'>> & { stdout?: string | Buffer; stderr?: string | Buffer })
  | undefined;

export class FakeHost implements HostPort {
  os: OsFacts = {
    build: 26100,
    ubr: 4349,
    elevated: false,
    env: {
      USERPROFILE: 'C:\\Users\\dev',
      LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local',
      ProgramFiles: 'C:\\Program Files',
    },
  };
  features: Record<string, number | null> = {};
  services = new Set<string>();
  registry: Record<string, RegistryFacts> = {};
  files = new Map<string, Buffer>();
  fileVersions = new Map<string, string>();
  adapters: AdapterFacts[] = [];
  drives: DriveFacts[] = [];
  tasks: Record<string, TaskFacts> = {};
  processes: Record<string, number> = {};
  /** Get-UICulture's name. */
  uiCulture = 'en-US';
  /** The answer to the `scoop` probe operation (computed on each probe when a function). */
  scoop: ScoopProbe | ((host: FakeHost) => ScoopProbe) | undefined;
  readonly probes: HostReadOp[][] = [];
  readonly commands: HostCommand[] = [];
  readonly written: { path: string; content: Buffer }[] = [];
  readonly replaced: ReplaceFileRequest[] = [];
  /** Runs before each guarded replace: a test's "other program" can change the file here. */
  beforeReplace: ((path: string, host: FakeHost) => void) | undefined;
  /** Answers `busy` for this many guarded replaces. */
  busyReplaces = 0;
  private readonly handlers: CommandHandler[] = [];

  /** Scripts commands; a handler returns undefined for commands it does not handle. */
  on(handler: CommandHandler): this {
    this.handlers.push(handler);
    return this;
  }

  private expand(path: string): string {
    return path.replace(/%([^%]+)%/g, (whole, name: string) => this.os.env[name] ?? whole);
  }

  private answer(op: HostReadOp): HostReadResult {
    switch (op.op) {
      case 'os':
        return { os: this.os };
      case 'feature':
        return { installState: this.features[op.name] ?? null };
      case 'service':
        return {
          service: { exists: this.services.has(op.name), status: this.services.has(op.name) ? 'Running' : null },
        };
      case 'registry': {
        const key = this.registry[op.key];
        if (!key) return { registry: { exists: false, values: {} } };
        return { registry: op.depth === 1 ? key : { exists: key.exists, values: key.values } };
      }
      case 'file': {
        const content = this.files.get(this.expand(op.path));
        return { file: content ? { exists: true, content } : { exists: false } };
      }
      case 'fileHash': {
        const content = this.files.get(this.expand(op.path));
        if (!content) return { hash: null };
        return { hash: createHash('sha256').update(content).digest('hex') };
      }
      case 'fileVersion':
        return { version: this.fileVersions.get(this.expand(op.path)) ?? null };
      case 'adapters':
        return { adapters: this.adapters };
      case 'drives':
        return { drives: this.drives };
      case 'task':
        return {
          task: this.tasks[`${op.folder}\\${op.name}`] ?? { exists: false, actions: [], triggers: [], runLevel: null },
        };
      case 'process':
        return { processes: this.processes[op.name] ?? 0 };
      case 'uiCulture':
        return { uiCulture: this.uiCulture };
      case 'scoop': {
        const scoop = typeof this.scoop === 'function' ? this.scoop(this) : this.scoop;
        return scoop ? { scoop } : { error: 'FakeHost: no scoop answer scripted' };
      }
    }
  }

  async probe(ops: readonly HostReadOp[]): Promise<HostReadResult[]> {
    this.probes.push([...ops]);
    return ops.map((op) => this.answer(op));
  }

  async exec(command: HostCommand): Promise<HostCommandResult> {
    this.commands.push(command);
    for (const handler of this.handlers) {
      const result = handler(command, this);
      if (result) {
        return {
          exitCode: result.exitCode ?? 0,
          timedOut: false,
          stdout: Buffer.from(result.stdout ?? ''),
          stderr: Buffer.from(result.stderr ?? ''),
        };
      }
    }
    throw new Error(`FakeHost: unscripted command ${command.tool} ${command.args.join(' ')}`);
  }

  async writeFile(path: string, content: Uint8Array): Promise<void> {
    this.written.push({ path, content: Buffer.from(content) });
    this.files.set(this.expand(path), Buffer.from(content));
  }

  async replaceFile(request: ReplaceFileRequest): Promise<ReplaceFileResult> {
    this.replaced.push(request);
    const path = this.expand(request.path);
    this.beforeReplace?.(path, this);
    if (this.busyReplaces > 0) {
      this.busyReplaces--;
      return {
        ok: false,
        reason: 'busy',
        message: 'The process cannot access the file because it is being used by another process.',
      };
    }
    const current = this.files.get(path);
    const actual = current ? createHash('sha256').update(current).digest('hex') : null;
    if (actual !== request.expectedSha256) return { ok: false, reason: 'changed', actualSha256: actual };
    this.files.set(path, Buffer.from(request.content));
    this.written.push({ path: request.path, content: Buffer.from(request.content) });
    return { ok: true, backup: null, dnsFlushed: request.flushDns === true };
  }

  /** Commands run so far, as `tool arg arg`. */
  get commandLines(): string[] {
    return this.commands.map((c) => [c.tool, ...c.args].join(' ') + (c.elevated ? ' (elevated)' : ''));
  }
}
