/**
 * Entry point of every simulated Windows executable. The shims in a machine's bin/ directory run
 * `node main.js <machine dir> <tool> <args...>`. A tool's 32-bit Windows exit code is written to
 * $DEVBOX_SIM_EXIT_FILE when set (a Linux process can only exit 0-255; devbox's test seam reads
 * it), and the process exits with its low 8 bits (wsl.exe's -1 becomes 255).
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeContext, type ToolContext } from './context.js';
import { powershellExe } from './powershell.js';
import { readState } from './state.js';
import { dismExe, msiexecExe, netshExe, regExe, schtasksExe, shutdownExe } from './tools.js';
import { wslExe } from './wsl.js';

const tools: Record<string, (ctx: ToolContext) => number | Promise<number>> = {
  'wsl.exe': wslExe,
  'dism.exe': dismExe,
  'reg.exe': regExe,
  'netsh.exe': netshExe,
  'schtasks.exe': schtasksExe,
  'msiexec.exe': msiexecExe,
  'shutdown.exe': shutdownExe,
  'powershell.exe': powershellExe,
};

async function main(): Promise<number> {
  const [dir, tool, ...args] = process.argv.slice(2);
  if (!dir || !tool || !tools[tool]) {
    process.stderr.write(`winsim: unknown tool ${tool}\n`);
    return 1;
  }
  const elevated = process.env.WINSIM_ELEVATED === '1' || readState(dir).session.elevated;
  appendFileSync(
    join(dir, 'process-log.jsonl'),
    `${JSON.stringify({ tool, args, elevated, ts: Date.now(), pid: process.pid })}\n`,
  );
  const ctx = makeContext(dir, args, process.env, elevated);
  const code = await tools[tool]!(ctx);
  ctx.flush();
  return code;
}

main().then(
  (code) => {
    if (process.env.DEVBOX_SIM_EXIT_FILE) writeFileSync(process.env.DEVBOX_SIM_EXIT_FILE, String(code >>> 0));
    process.exitCode = code & 0xff;
  },
  (error: unknown) => {
    process.stderr.write(
      `winsim internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 99;
  },
);
