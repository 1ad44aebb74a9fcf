/**
 * Elevation: every step that needs administrator rights runs in ONE elevated helper process, started
 * through ONE UAC prompt before the first change of a run (so a declined prompt leaves nothing half
 * done), and fed commands over a private pipe for the rest of the run. When devbox already runs
 * elevated there is no helper and no prompt: commands run directly.
 *
 * The helper is devbox itself (`devbox internal elevated-helper`), started by elevate.ps1 with
 * Start-Process -Verb RunAs. Its pipe is created before the prompt under a random name, and the
 * helper proves itself with a random token; it runs only the Windows tools of the host port.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { PrerequisiteError } from '../../errors.js';
import type { ProcessRunner } from '../process.js';
import type { ElevatedRunner } from './host.js';
import { elevatedScripts, runTool } from './host.js';
import type { HostCommand, HostCommandResult } from '../../engine/ports/host.js';
import { runScript, type ScriptName } from './powershell.js';
import { t } from '../../i18n/catalogue.js';

/** What the helper sends first. */
export interface HelperHello {
  hello: 'devbox-elevated-helper';
  token: string;
  pid: number;
}

/** A command for the helper: a Windows tool with argv (and Scoop's folders as environment). */
export interface HelperToolRequest {
  id: number;
  tool: string;
  args: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** One of devbox's own elevated scripts (see elevatedScripts), with JSON parameters. */
export interface HelperScriptRequest {
  id: number;
  script: string;
  params: unknown;
}

export type HelperRequest = HelperToolRequest | HelperScriptRequest;

/** The helper's answer to one request. */
export interface HelperResponse {
  id: number;
  exitCode?: number | null;
  stdout?: string;
  stderr?: string;
  timedOut?: boolean;
  /** A script's JSON answer. */
  answer?: unknown;
  error?: string;
}

export interface ElevationOptions {
  processes: ProcessRunner;
  /** Whether devbox itself already runs elevated. */
  isElevated(): Promise<boolean>;
  /** How to start devbox's elevated helper for a pipe and token. */
  helperCommand(pipe: string, token: string): { file: string; args: string[] };
  /** A fresh IPC endpoint: a named pipe on Windows. */
  ipcPath(): string;
  connectTimeoutMs?: number;
}

/** The user declined the UAC prompt, or elevation failed. Exit code 7; nothing was changed. */
export class ElevationDeclinedError extends PrerequisiteError {}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The elevated context of one run. */
export class Elevation implements ElevatedRunner {
  private mode: 'unprepared' | 'direct' | 'helper' = 'unprepared';
  private server: Server | undefined;
  private pipe: string | undefined;
  private socket: Socket | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(r: HelperResponse): void; reject(e: unknown): void }>();
  /** Number of UAC prompts this run caused (0 or 1). */
  prompts = 0;

  constructor(private readonly options: ElevationOptions) {}

  /**
   * Makes administrator commands possible for the steps named (for the message). Starts the helper
   * through the UAC prompt unless devbox is elevated already. Throws ElevationDeclinedError.
   */
  async prepare(steps: readonly string[]): Promise<void> {
    if (this.mode !== 'unprepared') return;
    if (await this.options.isElevated()) {
      this.mode = 'direct';
      return;
    }
    const token = randomBytes(32).toString('hex');
    const pipe = this.options.ipcPath();
    this.pipe = pipe;
    const server = createServer();
    this.server = server;
    await listen(server, pipe);
    const connected = this.awaitHelper(server, token);
    connected.catch(() => undefined);
    const { file, args } = this.options.helperCommand(pipe, token);
    this.prompts++;
    const answer = (await runScript(
      this.options.processes,
      'elevate',
      { file, arguments: args },
      { timeoutMs: 30 * 60_000 },
    )) as { started?: boolean; reason?: string; code?: number; message?: string };
    if (answer?.started !== true) {
      await this.close();
      const what = t('windows.needsAdmin', { steps: steps.join(', ') });
      if (answer?.reason === 'cancelled') {
        throw new ElevationDeclinedError(t('windows.uacDeclined', { what }), {
          code: 'elevation.declined',
          suggestions: [t('windows.uacDeclinedFix'), t('windows.uacSkip', { steps: steps.join(',') })],
        });
      }
      throw new ElevationDeclinedError(
        t('windows.helperNotStarted', {
          what,
          why:
            (answer?.message ?? t('windows.helperNoAnswer')) +
            (answer?.code !== undefined ? `, error ${answer.code}` : ''),
        }),
        {
          code: 'elevation.failed',
        },
      );
    }
    try {
      this.socket = await connected;
    } catch (error) {
      await this.close();
      throw error;
    }
    this.mode = 'helper';
  }

  private awaitHelper(server: Server, token: string): Promise<Socket> {
    const timeoutMs = this.options.connectTimeoutMs ?? 120_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ElevationDeclinedError(t('windows.helperNotConnected'), { code: 'elevation.failed' })),
        timeoutMs,
      );
      timer.unref();
      server.on('connection', (socket) => {
        const lines = createInterface({ input: socket });
        lines.once('line', (line) => {
          let hello: Partial<HelperHello> = {};
          try {
            hello = JSON.parse(line) as HelperHello;
          } catch {
            // not our helper
          }
          if (hello.hello !== 'devbox-elevated-helper' || hello.token !== token || this.socket) {
            socket.destroy();
            return;
          }
          clearTimeout(timer);
          lines.on('line', (reply) => this.onReply(reply));
          socket.on('close', () => this.onClose());
          resolve(socket);
        });
        socket.on('error', () => undefined);
      });
    });
  }

  private onReply(line: string): void {
    let response: HelperResponse;
    try {
      response = JSON.parse(line) as HelperResponse;
    } catch {
      return;
    }
    const waiter = this.waiting.get(response.id);
    if (!waiter) return;
    this.waiting.delete(response.id);
    if (response.error !== undefined) {
      waiter.reject(new Error(`the elevated helper could not run the command: ${response.error}`));
      return;
    }
    waiter.resolve(response);
  }

  private onClose(): void {
    for (const waiter of this.waiting.values()) waiter.reject(new Error('the elevated devbox helper exited'));
    this.waiting.clear();
  }

  private send(request: HelperRequest, what: string): Promise<HelperResponse> {
    if (this.mode !== 'helper' || !this.socket)
      throw new Error(`bug: ${what} needs administrator rights, but elevation was not prepared for this run`);
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      this.socket!.write(`${JSON.stringify(request)}\n`);
    });
  }

  async run(command: HostCommand): Promise<HostCommandResult> {
    if (this.mode === 'direct') return runTool(this.options.processes, command);
    const request: HelperToolRequest = {
      id: this.nextId++,
      tool: command.tool,
      args: [...command.args],
      ...(command.env ? { env: { ...command.env } } : {}),
      ...(command.timeoutMs ? { timeoutMs: command.timeoutMs } : {}),
    };
    const response = await this.send(request, command.tool);
    return {
      exitCode: response.exitCode ?? null,
      stdout: Buffer.from(response.stdout ?? '', 'base64'),
      stderr: Buffer.from(response.stderr ?? '', 'base64'),
      timedOut: response.timedOut === true,
    };
  }

  async runScript(name: ScriptName, params: unknown): Promise<unknown> {
    if (!elevatedScripts.includes(name)) throw new Error(`${name}.ps1 is not one of devbox's elevated scripts`);
    if (this.mode === 'direct') return runScript(this.options.processes, name, params);
    const response = await this.send({ id: this.nextId++, script: name, params }, `${name}.ps1`);
    return response.answer;
  }

  /** Ends the helper (it exits when its pipe closes). */
  async close(): Promise<void> {
    this.socket?.destroy();
    this.socket = undefined;
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A socket file (outside Windows' pipe namespace) stays behind unless removed.
      if (this.pipe && !this.pipe.startsWith('\\')) await rm(this.pipe, { force: true });
    }
  }
}
