/**
 * The elevated helper: the other end of elevation.ts. It runs as administrator, connects to the
 * pipe of the devbox run that started it, proves itself with the token it was given, then runs the
 * Windows tools it is asked for, one at a time, until the pipe closes. It runs nothing but the
 * host port's Windows tools, with argv arrays.
 */
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import type { ProcessRunner } from '../process.js';
import type { HelperHello, HelperRequest, HelperResponse } from './elevation.js';
import { runTool } from './host.js';
import { windowsTools, type WindowsTool } from './ports.js';

function validRequest(value: unknown): value is HelperRequest {
  const r = value as HelperRequest;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.id) &&
    (windowsTools as readonly string[]).includes(r.tool) &&
    Array.isArray(r.args) &&
    r.args.every((a) => typeof a === 'string') &&
    (r.timeoutMs === undefined || (Number.isInteger(r.timeoutMs) && r.timeoutMs > 0))
  );
}

/** Serves one devbox run; resolves when it disconnects. */
export async function runElevatedHelper(options: { pipe: string; token: string; processes: ProcessRunner }): Promise<void> {
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
    if (!validRequest(request)) {
      const id = (request as { id?: unknown })?.id;
      socket.write(`${JSON.stringify({ id: typeof id === 'number' ? id : -1, error: 'refused: not a Windows tool devbox runs' } satisfies HelperResponse)}\n`);
      continue;
    }
    let response: HelperResponse;
    try {
      const result = await runTool(options.processes, { tool: request.tool as WindowsTool, args: request.args, ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}) });
      response = { id: request.id, exitCode: result.exitCode, stdout: result.stdout.toString('base64'), stderr: result.stderr.toString('base64'), timedOut: result.timedOut };
    } catch (error) {
      response = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    socket.write(`${JSON.stringify(response)}\n`);
  }
  socket.destroy();
}
