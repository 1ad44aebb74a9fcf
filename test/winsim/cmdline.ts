/**
 * Windows command lines as the C runtime reads them (CommandLineToArgvW): what Windows does with
 * RunOnce values and scheduled-task commands. Written independently of devbox's quoting.
 */

/** Splits a command line into argv (2N backslashes + quote → N backslashes and a quote toggle, etc.). */
export function parseCommandLine(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    for (; i < line.length; i++) {
      const ch = line[i]!;
      if (!quoted && (ch === ' ' || ch === '\t')) break;
      if (ch === '\\') {
        let n = 0;
        while (line[i] === '\\') {
          n++;
          i++;
        }
        if (line[i] === '"') {
          arg += '\\'.repeat(Math.floor(n / 2));
          if (n % 2 === 1) arg += '"';
          else quoted = !quoted;
        } else {
          arg += '\\'.repeat(n);
          i--;
        }
        continue;
      }
      if (ch === '"') {
        if (quoted && line[i + 1] === '"') {
          arg += '"';
          i++;
        } else {
          quoted = !quoted;
        }
        continue;
      }
      arg += ch;
    }
    args.push(arg);
  }
  return args;
}

/** The program part of a command line and the raw rest (how Task Scheduler stores an action). */
export function splitProgram(line: string): { program: string; rest: string } {
  const trimmed = line.replace(/^[ \t]+/, '');
  if (trimmed.startsWith('"')) {
    const end = trimmed.indexOf('"', 1);
    return {
      program: trimmed.slice(1, end === -1 ? undefined : end),
      rest: end === -1 ? '' : trimmed.slice(end + 1).replace(/^[ \t]+/, ''),
    };
  }
  const m = /^(\S+)[ \t]*(.*)$/s.exec(trimmed);
  return { program: m?.[1] ?? '', rest: m?.[2] ?? '' };
}
