/**
 * What goes into a run's log (platform/run-log.ts writes it): the command with its secrets
 * redacted, the plan, each step's start, details and result, the tail of a failing command's
 * output, and how the run ended. Plain text, one timestamped entry per line.
 */
import type { ExecutorEvent } from '../engine/executor.js';
import { formatElapsed, outputTailTitle, resultWords } from './step-text.js';
import { t } from '../i18n/catalogue.js';
import { padCells } from './width.js';

/** Names whose values are secrets, in flags (--token X, --token=X) and NAME=VALUE arguments. */
const secretName = /token|password|passwd|secret|api[-_]?key|auth|credential/i;
const hidden = '***';

/** A URL's password (and a secret-looking query value) hidden; anything that is not a URL as it was. */
function redactUrl(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text.replace(/\/\/[^/@\s]*@/, `//${hidden}@`);
  }
  if (!url.username && !url.password && ![...url.searchParams.keys()].some((k) => secretName.test(k))) return text;
  if (url.password) url.password = hidden;
  else if (url.username) url.username = hidden;
  for (const key of [...url.searchParams.keys()]) if (secretName.test(key)) url.searchParams.set(key, hidden);
  return url.toString();
}

/** The command line as the log shows it: credentials in URLs and values of secret-named flags hidden. */
export function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = /^(--?[\w-]+)=(.*)$/s.exec(arg);
    if (flag) {
      out.push(`${flag[1]}=${secretName.test(flag[1]!) ? hidden : redactUrl(flag[2]!)}`);
      continue;
    }
    const assignment = /^([A-Za-z_][\w]*)=(.*)$/s.exec(arg);
    if (assignment && secretName.test(assignment[1]!)) {
      out.push(`${assignment[1]}=${hidden}`);
      continue;
    }
    out.push(redactUrl(arg));
    if (/^--?[\w-]+$/.test(arg) && secretName.test(arg) && i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) {
      out.push(hidden);
      i++;
    }
  }
  return out;
}

/** Quotes an argument for reading (not for a shell: the log is never run). */
function shown(arg: string): string {
  return /^[\w@%+=:,./*-]+$/.test(arg) ? arg : JSON.stringify(arg);
}

function indent(text: string, by = '    '): string {
  return text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
}

/** Turns a run's happenings into log text for `sink`. */
export class RunLogText {
  constructor(
    private readonly sink: { write(text: string): void },
    private readonly now: () => Date = () => new Date(),
    private readonly dryRun = false,
  ) {}

  private entry(kind: string, text: string): void {
    const [first, ...rest] = text.split('\n');
    const more = rest.length ? `\n${indent(rest.join('\n'))}` : '';
    this.sink.write(`${this.now().toISOString()}  ${padCells(kind, 7)} ${first}${more}\n`);
  }

  /** The first lines: what ran, where, which devbox. */
  header(argv: readonly string[], cwd: string, version: string): void {
    this.sink.write(`${t('log.header')}\n`);
    this.entry(t('log.argv'), ['devbox', ...redactArgv(argv)].map(shown).join(' '));
    this.entry(t('log.cwd'), cwd);
    this.entry(t('log.version'), version);
  }

  plan(text: string): void {
    this.entry(t('log.plan'), text);
  }

  event(event: ExecutorEvent): void {
    if (event.type === 'step-start') this.entry(t('log.start'), event.step.id);
    else if (event.type === 'detail') this.entry(t('log.detail'), `${event.id}: ${event.message}`);
    else if (event.type === 'step-end') {
      const r = event.report;
      const why = r.error ?? r.reason;
      this.entry(
        t('log.end'),
        `${r.id}: ${resultWords(r, this.dryRun)} (${formatElapsed(r.durationMs)})${why && r.outcome === 'failed' ? `\n${why}` : ''}`,
      );
      if (r.outputTail)
        this.sink.write(
          `${indent([outputTailTitle(r.id, r.outputTail), ...r.outputTail.lines.map((l) => `  ${l}`)].join('\n'))}\n`,
        );
    }
    // Progress is many events a second: the log keeps results, not the ticking.
  }

  /** The run's end: its exit code and, when it failed, the error as the user saw it. */
  end(exitCode: number, error?: string): void {
    this.entry(t('log.exit'), `${exitCode}${error ? `\n${error}` : ''}`);
  }
}
