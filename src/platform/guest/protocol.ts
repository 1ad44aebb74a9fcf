/**
 * Encodes operations for the guest agent and decodes its JSON lines. The agent script travels on
 * stdin ahead of the operations, so no parameter is ever part of a command line or of script text.
 */
import { readAsset } from '../assets.js';
import type { FileInfo, GuestOp, OpResult } from '../../engine/ports/guest.js';

let agentScript: string | undefined;

/** The agent's bash source (src/platform/guest/agent.sh, copied next to this module by the build). */
export function agentSource(): string {
  agentScript ??= readAsset('platform/guest/agent.sh').toString('utf8');
  return agentScript;
}

function field(value: Uint8Array | string): string {
  return `b${Buffer.from(value).toString('base64')}`;
}

function encodeOp(op: GuestOp): string {
  switch (op.op) {
    case 'read':
      return `read ${field(op.path)}`;
    case 'run':
      if (op.argv.length === 0) throw new Error('a run operation needs a program');
      return ['run', field(op.stdin ?? ''), ...op.argv.map(field)].join(' ');
    case 'write':
      return `write ${field(op.path)} ${field(op.mode ?? '')} ${field(op.content)}`;
    case 'remove':
      return `remove ${field(op.path)}`;
  }
}

/** The complete stdin for one agent invocation: script, entry line, operations, end marker. */
export function encodeBatch(ops: readonly GuestOp[]): Buffer {
  return Buffer.from(`${agentSource()}\n__devbox_main; exit $?\n${ops.map(encodeOp).join('\n')}\nend\n`, 'utf8');
}

interface AgentLine {
  i?: number;
  hello?: string;
  uid?: number | string;
  fatal?: string;
  code?: number;
  out?: string;
  err?: string;
  error?: string;
  kind?: FileInfo['kind'];
  mode?: string;
  gid?: string;
  immutable?: boolean;
  target?: string;
  content?: string;
}

const fromB64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64');

/** What came back from one agent invocation. */
export interface DecodedBatch {
  /** The agent announced itself (the script really ran). */
  started: boolean;
  uid?: number;
  fatal?: string;
  results: (OpResult | undefined)[];
  /** Lines that were not agent output (e.g. a wsl.exe warning mixed into stdout). */
  noise: string[];
}

/** Parses the agent's stdout. Results missing at the end mean the agent died part-way. */
export function decodeBatch(stdout: Buffer, count: number): DecodedBatch {
  const decoded: DecodedBatch = { started: false, results: new Array(count).fill(undefined), noise: [] };
  for (const line of stdout.toString('utf8').split(/\r*\n/)) {
    if (line.trim() === '') continue;
    let parsed: AgentLine;
    try {
      parsed = JSON.parse(line) as AgentLine;
    } catch {
      decoded.noise.push(line);
      continue;
    }
    if (parsed.hello === 'devbox-agent') {
      decoded.started = true;
      decoded.uid = Number(parsed.uid);
      continue;
    }
    if (parsed.fatal) {
      decoded.fatal = parsed.fatal;
      continue;
    }
    if (typeof parsed.i !== 'number' || parsed.i < 0 || parsed.i >= count) {
      decoded.noise.push(line);
      continue;
    }
    const result: OpResult = {
      code: parsed.code ?? 1,
      stdout: fromB64(parsed.out),
      stderr: fromB64(parsed.err),
      ...(parsed.error !== undefined ? { error: fromB64(parsed.error).toString('utf8') } : {}),
    };
    if (parsed.kind) {
      result.file = {
        kind: parsed.kind,
        immutable: parsed.immutable === true,
        ...(parsed.kind === 'symlink' ? { target: fromB64(parsed.target).toString('utf8') } : {}),
        ...(parsed.content
          ? { content: fromB64(parsed.content) }
          : parsed.kind === 'file'
            ? { content: Buffer.alloc(0) }
            : {}),
        ...(parsed.mode ? { mode: parsed.mode } : {}),
        ...(parsed.uid !== undefined && parsed.uid !== '' ? { uid: Number(parsed.uid) } : {}),
        ...(parsed.gid ? { gid: Number(parsed.gid) } : {}),
      };
    }
    decoded.results[parsed.i] = result;
  }
  return decoded;
}
