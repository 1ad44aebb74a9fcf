/**
 * Field types shared by every manifest section. Each one carries its own user-facing message, so an
 * error reads as "what is wrong, how to fix it" without a generic validator phrase.
 */
import { z } from 'zod';
import { parseWslMemorySize } from '../../formats/wsl-ini/values.js';
import { isIPv4, isIPv6 } from 'node:net';
import { t, type MessageKey, type MessageParams } from '../../i18n/catalogue.js';

/**
 * A rule's message, read when zod reports it (an error function), so it is in the locale of the run
 * rather than the one in force when the schema was built.
 */
export const rule =
  <K extends Extract<MessageKey, `rule.${string}`>>(key: K, ...params: MessageParams<K>) =>
  (): string =>
    t(key, ...params);
/** What ipAddressChoice and httpUrlChoice are given: a fixed message or a rule. */
type Message = string | (() => string);

/** What a field must be, named by a catalogue key (read in the run's language, like every rule). */
export type WhatKey = Extract<MessageKey, `rule.what.${string}`>;

/** A string with no control characters: manifest values may come from a hostile team URL. */
export const safeText = (what: WhatKey) =>
  z.string({ error: () => t('rule.safeText', { what: t(what) }) }).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), {
    error: () => t('rule.safeTextControl', { what: t(what) }),
  });

export const ipv4 = z.string({ error: rule('rule.ipv4') }).refine((s) => isIPv4(s), {
  error: rule('rule.ipv4Form'),
});

export const ipAddress = z.string({ error: rule('rule.ip') }).refine((s) => isIPv4(s) || isIPv6(s), {
  error: rule('rule.ipForm'),
});

/** An IP address as one choice among several in a union; `error` names every choice (see httpUrlChoice). */
export const ipAddressChoice = (error: Message) => z.string({ error }).refine((s) => isIPv4(s) || isIPv6(s), { error });

/** `a.b.c.d/nn` where the address part names a host, e.g. 192.168.50.2/24. */
export const ipv4WithPrefix = z.string({ error: rule('rule.prefix') }).refine(
  (s) => {
    const m = /^([^/]+)\/(\d{1,2})$/.exec(s);
    return m !== null && isIPv4(m[1]!) && Number(m[2]) >= 1 && Number(m[2]) <= 32;
  },
  { error: rule('rule.prefixForm') },
);

export const sha256 = z
  .string({ error: rule('rule.sha256') })
  .regex(/^[0-9a-fA-F]{64}$/, { error: rule('rule.sha256Form') })
  .transform((s) => s.toLowerCase());

function parseUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

/** An http(s) URL. Plain http is allowed only where content is verified by other means (sha256, apt signatures). */
export const httpUrl = z
  .string({ error: rule('rule.url') })
  .refine((s) => !/\s/.test(s) && ['http:', 'https:'].includes(parseUrl(s)?.protocol ?? ''), {
    error: rule('rule.urlForm'),
  });

/**
 * An http(s) URL that is one choice among several in a union. zod reports a failing string with the
 * message of the URL branch alone, so that message must name every choice: pass it as `error`.
 */
export const httpUrlChoice = (error: Message) =>
  z
    .string({ error })
    .refine((s) => !/\s/.test(s) && ['http:', 'https:'].includes(parseUrl(s)?.protocol ?? ''), { error });

/** An https URL: for things whose integrity depends on TLS alone. */
export const httpsUrl = z
  .string({ error: rule('rule.httpsUrl') })
  .refine((s) => !/\s/.test(s) && parseUrl(s)?.protocol === 'https:', {
    error: rule('rule.httpsUrlForm'),
  });

/** A git remote: https URL or an scp-like ssh address (git@host:owner/repo.git). */
export const gitUrl = z
  .string({ error: rule('rule.gitUrl') })
  .refine((s) => /^(https?:\/\/[^\s]+|git@[A-Za-z0-9.-]+:[^\s]+)$/.test(s) && !s.startsWith('-'), {
    error: rule('rule.gitUrlForm'),
  });

/** An absolute Windows path with a drive letter. Spaces and non-ASCII characters are fine. */
export const windowsPath = z
  .string({ error: rule('rule.windowsPath') })
  .refine((s) => /^[A-Za-z]:\\/.test(s), {
    error: rule('rule.windowsPathDrive'),
  })
  .refine((s) => !/[<>"|?*\u0000-\u001f]/.test(s.slice(2)) && !s.slice(2).includes(':'), {
    error: rule('rule.windowsPathChars'),
  })
  .refine((s) => !s.split('\\').includes('..'), { error: rule('rule.noDotDot') });

/** A DNS host name (RFC 1123), e.g. raw.githubusercontent.com. */
export const hostName = z
  .string({ error: rule('rule.hostName') })
  .refine(
    (s) =>
      s.length <= 253 &&
      s.split('.').length >= 2 &&
      s.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label)),
    { error: rule('rule.hostNameForm') },
  );

/** A DNS search domain: like a host name, but a single label is allowed. */
export const searchDomain = z
  .string({ error: rule('rule.domain') })
  .refine(
    (s) =>
      s.length <= 253 && s.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label)),
    { error: rule('rule.domainForm') },
  );

/** A version such as 1.4.3 or v0.32.0 (the leading v is kept as written). */
export const semver = z
  .string({ error: rule('rule.version') })
  .regex(/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { error: rule('rule.versionForm') });

/**
 * A size WSL accepts in .wslconfig (ParseMemorySize, microsoft/WSL src/shared/inc/stringshared.h): a whole
 * number with nothing or one of B, K, KB, M, MB, G, GB, T, TB after it, in capitals; zero written as 0.
 */
export const byteSize = z
  .union([z.number().int().nonnegative(), z.string()], { error: rule('rule.size') })
  .refine((v) => typeof v === 'number' || (parseWslMemorySize(v) !== undefined && /^\d/.test(v)), {
    error: rule('rule.sizeForm'),
  })
  .transform((v) => String(v));

/** `present` (the default) or `absent`, for named items a child manifest may want to remove. */
export const ensure = z
  .enum(['present', 'absent'], { error: rule('rule.ensure') })
  .default('present')
  .describe(
    'Whether the item should exist. A personal manifest can set `absent` to remove an item its team base adds.',
  );

/** An INI-like scalar: what can safely be written as a value in wsl.conf or sysctl.d. */
export const iniScalar = z
  .union([z.string(), z.number(), z.boolean()], { error: rule('rule.iniScalar') })
  .refine((v) => typeof v !== 'string' || !/[\u0000-\u001f]/.test(v), {
    error: rule('rule.iniScalarForm'),
  });
