/**
 * The elevated helper: the other end of elevation.ts. It runs as administrator, connects to the
 * pipe of the devbox run that started it, proves itself with the token it was given, then runs the
 * Windows tools it is asked for, one at a time, until the pipe closes. It runs nothing but the
 * host port's Windows tools, with argv arrays (powershell.exe only for Scoop's global installs), and
 * devbox's own elevated scripts (replace-file.ps1, for the hosts file) with JSON parameters.
 */
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import type { ProcessRunner } from '../process.js';
import type { HelperHello, HelperResponse, HelperScriptRequest, HelperToolRequest } from './elevation.js';
import { elevatedScripts, refuseCommand, runTool } from './host.js';
import { windowsTools, type HostCommand, type WindowsTool } from '../../engine/ports/host.js';
import { runScript, type ScriptName } from './powershell.js';

function validToolRequest(value: unknown): value is HelperToolRequest {
  const r = value as HelperToolRequest;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.id) &&
    (windowsTools as readonly string[]).includes(r.tool) &&
    Array.isArray(r.args) &&
    r.args.every((a) => typeof a === 'string') &&
    (r.env === undefined ||
      (typeof r.env === 'object' && r.env !== null && Object.values(r.env).every((v) => typeof v === 'string'))) &&
    (r.timeoutMs === undefined || (Number.isInteger(r.timeoutMs) && r.timeoutMs > 0))
  );
}

function validScriptRequest(value: unknown): value is HelperScriptRequest {
  const r = value as HelperScriptRequest;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.id) &&
    typeof r.script === 'string' &&
    (elevatedScripts as readonly string[]).includes(r.script)
  );
}

/** Runs one request; every refusal and failure becomes an answer, never an exception. */
async function serve(request: unknown, processes: ProcessRunner): Promise<HelperResponse> {
  const id = typeof (request as { id?: unknown })?.id === 'number' ? (request as { id: number }).id : -1;
  if (validScriptRequest(request)) {
    try {
      return { id, answer: await runScript(processes, request.script as ScriptName, request.params) };
    } catch (error) {
      return { id, error: error instanceof Error ? error.message : String(error) };
    }
  }
  if (!validToolRequest(request)) return { id, error: 'refused: not a Windows tool devbox runs' };
  // The same rules as outside the helper: powershell.exe only for Scoop's global installs, only
  // Scoop's folders as environment.
  const command: HostCommand = {
    tool: request.tool as WindowsTool,
    args: request.args,
    elevated: true,
    ...(request.env ? { env: request.env } : {}),
    ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
  };
  const refused = refuseCommand(command);
  if (refused) return { id, error: `refused: ${refused}` };
  try {
    const result = await runTool(processes, command);
    return {
      id,
      exitCode: result.exitCode,
      stdout: result.stdout.toString('base64'),
      stderr: result.stderr.toString('base64'),
      timedOut: result.timedOut,
    };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Serves one devbox run; resolves when it disconnects. */
export async function runElevatedHelper(options: {
  pipe: string;
  token: string;
  processes: ProcessRunner;
}): Promise<void> {
  const socket = connect(options.pipe);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  // The run closing its end (normally or not) simply ends the loop below.
  socket.on('error', () => socket.destroy());
  const hello: HelperHello = { hello: 'devbox-elevated-helper', token: options.token, pid: process.pid };
  socket.write(`${JSON.stringify(hello)}\n`);
  const lines = createInterface({ input: socket, crlfDelay: Infinity });
  for await (const line of lines) {
    let request: unknown;
    try {
      request = JSON.parse(line);
    } catch {
      continue;
    }
    socket.write(`${JSON.stringify(await serve(request, options.processes))}\n`);
  }
  socket.destroy();
}
