/**
 * When devbox colours its output, and the palette it colours with. The rules, strongest first:
 * `--no-color` turns colour off; FORCE_COLOR turns it on (1, 2, 3, or empty/"true") or off (0, "false")
 * whatever the stream is; NO_COLOR with any non-empty value turns it off (https://no-color.org); the
 * `color` setting (`devbox config set color always|never`); otherwise colour only on a terminal whose
 * TERM is not "dumb". FORCE_COLOR before NO_COLOR is Node's own
 * order (util.getColorDepth, https://nodejs.org/api/tty.html#writestreamgetcolordepthenv).
 * The styling itself is Node's util.styleText, told not to second-guess the decision made here.
 */
import { styleText } from 'node:util';

/** What decides colour for one output stream. */
export interface ColorInputs {
  env: NodeJS.ProcessEnv;
  /** The stream is a terminal. */
  isTTY: boolean;
  /** `--no-color` was given. */
  noColorFlag?: boolean;
  /** The `color` setting (devbox config): `always`/`never` decide where the environment does not. */
  setting?: 'auto' | 'always' | 'never';
}

/** True when text for this stream should carry colour escape codes. */
export function colorEnabled({ env, isTTY, noColorFlag, setting }: ColorInputs): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const value = force.trim().toLowerCase();
    if (value === '0' || value === 'false') return false;
    if (value === '' || value === 'true' || /^[123]$/.test(value)) return true;
    // Any other value: Node ignores it as a level; fall through to the remaining rules.
  }
  if (env.NO_COLOR) return false;
  if (setting === 'always' || setting === 'never') return setting === 'always';
  return isTTY && env.TERM !== 'dumb';
}

/** Colour decision for one of this process's streams. */
export function colorFor(
  stream: { isTTY?: boolean },
  noColorFlag = false,
  env = process.env,
  setting?: ColorInputs['setting'],
): boolean {
  return colorEnabled({ env, isTTY: stream.isTTY === true, noColorFlag, ...(setting ? { setting } : {}) });
}

type Paint = (text: string) => string;

/** The roles devbox colours; every renderer uses these, never raw colour names. */
export interface Palette {
  readonly enabled: boolean;
  /** `+` create, ✓ done. */
  good: Paint;
  /** `~` update, warnings, skips. */
  warn: Paint;
  /** `-` remove, ✗ failures, errors. */
  bad: Paint;
  /** `=` in desired state, durations, secondary text. */
  dim: Paint;
  /** `?` checked later, progress figures. */
  info: Paint;
  /** Names the eye should find: step ids in headings. */
  strong: Paint;
}

function painter(format: Parameters<typeof styleText>[0], enabled: boolean): Paint {
  if (!enabled) return (text) => text;
  return (text) => styleText(format, text, { validateStream: false });
}

/** A palette that colours when `enabled`, and returns text unchanged otherwise. */
export function palette(enabled: boolean): Palette {
  return {
    enabled,
    good: painter('green', enabled),
    warn: painter('yellow', enabled),
    bad: painter('red', enabled),
    dim: painter('gray', enabled),
    info: painter('cyan', enabled),
    strong: painter('bold', enabled),
  };
}

/** The palette that never colours: pure renderers default to it. */
export const plain: Palette = palette(false);
