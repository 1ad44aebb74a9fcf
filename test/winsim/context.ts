/** What every simulated tool gets: its machine, argv, environment, output and elevation. */
import { writeSync } from 'node:fs';
import { encodeText, ToolOutput, type TextStyle } from './output.js';

export interface ToolContext {
  dir: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The process has an administrator token (an elevated session, the UAC-elevated helper, a RunLevel=Highest task). */
  elevated: boolean;
  out: ToolOutput;
  style: TextStyle;
  /** Writes what is buffered so far (before a Linux command takes over stdout/stderr). */
  flush(): void;
}

/** Windows' -1 as a 32-bit exit code. */
export const minusOne = 4294967295;

export function makeContext(dir: string, args: string[], env: NodeJS.ProcessEnv, elevated: boolean): ToolContext {
  const out = new ToolOutput();
  const ctx: ToolContext = {
    dir,
    args,
    env,
    elevated,
    out,
    style: { encoding: 'utf8' },
    flush() {
      if (out.stdout) writeSync(1, encodeText(out.stdout, ctx.style));
      if (out.stderr) writeSync(2, encodeText(out.stderr, ctx.style));
      out.stdout = '';
      out.stderr = '';
    },
  };
  return ctx;
}
