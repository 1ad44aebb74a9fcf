/**
 * oclif's own parse errors in devbox's language. oclif (@oclif/core 4, lib/parser/errors.js and
 * validate.js) builds their English text itself and does not export the classes, so they are known
 * here by class name and fields, never by their text: UnexpectedArgsError (`args`: the extra
 * words), RequiredArgsError (`args`: the missing arguments' definitions), FailedFlagValidationError
 * (`parse.input`/`parse.output`: what was defined and given), FlagInvalidOptionError and
 * ArgInvalidOptionError (no fields: the offending value is found again in argv against the
 * command's definitions). English keeps oclif's text as it is; other languages get the catalogue's.
 */
import { Flags } from '@oclif/core';
import { currentLocale, t } from '../i18n/catalogue.js';

/** What a flag or argument definition carries that matters here. */
interface Definition {
  type?: string;
  char?: string;
  options?: readonly string[];
  required?: boolean;
  exclusive?: readonly string[];
  description?: string;
  min?: number;
  max?: number;
  parse?: unknown;
}

/** oclif's integer flags share one parse function (Flags.integer spreads the same defaults). */
const integerParse = Flags.integer().parse;

/** The command whose arguments were being parsed. */
export interface ParseContext {
  argv: readonly string[];
  flags: Readonly<Record<string, Definition>>;
  args: Readonly<Record<string, Definition>>;
}

/** The class names of an error, most derived first (oclif's classes are not exported). */
function classNames(error: object): string[] {
  const names: string[] = [];
  for (let p = Object.getPrototypeOf(error) as object | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
    names.push((p as { constructor: { name: string } }).constructor.name);
  return names;
}

/** argv split into flags with their values and positional words, by the command's definitions. */
function tokens(context: ParseContext): { flags: Array<[string, string | undefined]>; positional: string[] } {
  const byChar = new Map(Object.entries(context.flags).flatMap(([n, f]) => (f.char ? [[f.char, n] as const] : [])));
  const flags: Array<[string, string | undefined]> = [];
  const positional: string[] = [];
  const argv = context.argv;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const long = /^--([^=]+)(?:=(.*))?$/s.exec(word);
    const short = /^-([^-])(.*)$/s.exec(word);
    const name = long ? long[1]! : short ? byChar.get(short[1]!) : undefined;
    if (!long && !short) {
      positional.push(word);
      continue;
    }
    const inline = long ? long[2] : short![2] || undefined;
    const takesValue = name !== undefined && context.flags[name]?.type === 'option';
    const value = inline ?? (takesValue ? argv[++i] : undefined);
    if (name !== undefined) flags.push([name, value]);
  }
  return { flags, positional };
}

function invalidFlagOption(context: ParseContext): string | undefined {
  for (const [name, value] of tokens(context).flags) {
    const options = context.flags[name]?.options;
    if (options && value !== undefined && !options.includes(value))
      return t('cli.flagNotOneOf', { given: `--${name}=${value}`, options: options.join(', ') });
  }
  return undefined;
}

function invalidArgOption(context: ParseContext): string | undefined {
  const positional = tokens(context).positional;
  for (const [index, arg] of Object.values(context.args).entries()) {
    const value = positional[index];
    if (arg.options && value !== undefined && !arg.options.includes(value))
      return t('cli.argNotOneOf', { given: value, options: arg.options.join(', ') });
  }
  return undefined;
}

/** An integer flag given a non-integer or out-of-range value (oclif throws a plain Error from its parser). */
function invalidInteger(context: ParseContext): string | undefined {
  for (const [name, value] of tokens(context).flags) {
    const flag = context.flags[name];
    if (!flag || flag.parse !== integerParse || value === undefined) continue;
    const number = /^-?\d+$/.test(value) ? Number(value) : undefined;
    const outside = number !== undefined && ((flag.min ?? number) > number || (flag.max ?? number) < number);
    if (number !== undefined && !outside) continue;
    const { min, max } = flag;
    const range =
      min !== undefined && max !== undefined
        ? `${min}..${max}`
        : min !== undefined
          ? `≥ ${min}`
          : max !== undefined
            ? `≤ ${max}`
            : '';
    return t('cli.flagNotInteger', { given: `--${name}=${value}`, range });
  }
  return undefined;
}

type Parse = { input?: { flags?: Record<string, Definition> }; output?: { flags?: Record<string, unknown> } };

function failedFlags(parse: Parse | undefined): string | undefined {
  const defined = parse?.input?.flags ?? {};
  const given = parse?.output?.flags ?? {};
  const reasons: string[] = [];
  const pairs = new Set<string>();
  for (const [name, flag] of Object.entries(defined)) {
    if (given[name] === undefined) {
      if (flag.required) reasons.push(t('cli.missingFlag', { flag: `--${name}` }));
      continue;
    }
    for (const other of flag.exclusive ?? []) {
      // Each flag names the other as exclusive: one line per pair.
      const pair = [name, other].sort().join(' ');
      if (given[other] === undefined || pairs.has(pair)) continue;
      pairs.add(pair);
      reasons.push(t('cli.exclusiveFlags', { flag: `--${name}`, other: `--${other}` }));
    }
  }
  // Another kind of validation failed (oclif has more than devbox uses): its English text stays.
  return reasons.length ? t('cli.flagErrors', { count: reasons.length, reasons: reasons.join('\n  ') }) : undefined;
}

/**
 * oclif's parse error in the current language, without oclif's closing pointer to --help; undefined
 * for English and for an error this does not know (its own text is used then).
 */
export function localizedParseError(error: object, context: ParseContext): string | undefined {
  if (currentLocale() === 'en') return undefined;
  const names = classNames(error);
  const fields = error as { args?: unknown[]; parse?: Parse };
  if (names.includes('UnexpectedArgsError') && Array.isArray(fields.args))
    return t('cli.unexpectedArgs', { count: fields.args.length, args: fields.args.map(String).join(', ') });
  if (names.includes('RequiredArgsError') && Array.isArray(fields.args)) {
    const missing = (fields.args as Array<Definition & { name?: string }>).map((a) =>
      [a.name?.toUpperCase(), a.options ? `(${a.options.join('|')})` : ''].filter(Boolean).join(' '),
    );
    return t('cli.missingArgs', { count: missing.length, args: missing.join(', ') });
  }
  if (names.includes('FlagInvalidOptionError')) return invalidFlagOption(context);
  if (names.includes('ArgInvalidOptionError')) return invalidArgOption(context);
  if (names.includes('FailedFlagValidationError')) return failedFlags(fields.parse);
  if (!names.includes('CLIParseError')) return invalidInteger(context);
  return undefined;
}
