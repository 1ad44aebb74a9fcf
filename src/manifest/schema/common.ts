/**
 * Field types shared by every manifest section. Each one carries its own user-facing message, so an
 * error reads as "what is wrong, how to fix it" without a generic validator phrase.
 */
import { z } from 'zod';
import { parseWslMemorySize } from '../../formats/wsl-ini/values.js';
import { isIPv4, isIPv6 } from 'node:net';

/** A string with no control characters: manifest values may come from a hostile team URL. */
export const safeText = (what: string) =>
  z.string({ error: `must be ${what}` }).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), {
    error: `must be ${what} without control characters (newline, tab, NUL)`,
  });

export const ipv4 = z.string({ error: 'must be an IPv4 address such as 192.168.50.2' }).refine((s) => isIPv4(s), {
  error: 'must be an IPv4 address such as 192.168.50.2 (four numbers 0-255 joined by dots)',
});

export const ipAddress = z
  .string({ error: 'must be an IP address such as 223.5.5.5 or 2400:3200::1' })
  .refine((s) => isIPv4(s) || isIPv6(s), {
    error: 'must be an IPv4 or IPv6 address such as 223.5.5.5 or 2400:3200::1',
  });

/** An IP address as one choice among several in a union; `error` names every choice (see httpUrlChoice). */
export const ipAddressChoice = (error: string) => z.string({ error }).refine((s) => isIPv4(s) || isIPv6(s), { error });

/** `a.b.c.d/nn` where the address part names a host, e.g. 192.168.50.2/24. */
export const ipv4WithPrefix = z
  .string({ error: 'must be an address with a prefix length, such as 192.168.50.2/24' })
  .refine(
    (s) => {
      const m = /^([^/]+)\/(\d{1,2})$/.exec(s);
      return m !== null && isIPv4(m[1]!) && Number(m[2]) >= 1 && Number(m[2]) <= 32;
    },
    { error: 'must be an IPv4 address with a prefix length 1-32, such as 192.168.50.2/24' },
  );

export const sha256 = z
  .string({ error: 'must be a sha256 checksum (64 hexadecimal characters)' })
  .regex(/^[0-9a-fA-F]{64}$/, { error: 'must be a sha256 checksum: exactly 64 hexadecimal characters' })
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
  .string({ error: 'must be a URL such as https://example.com/path' })
  .refine((s) => !/\s/.test(s) && ['http:', 'https:'].includes(parseUrl(s)?.protocol ?? ''), {
    error: 'must be an http:// or https:// URL without spaces',
  });

/**
 * An http(s) URL that is one choice among several in a union. zod reports a failing string with the
 * message of the URL branch alone, so that message must name every choice: pass it as `error`.
 */
export const httpUrlChoice = (error: string) =>
  z
    .string({ error })
    .refine((s) => !/\s/.test(s) && ['http:', 'https:'].includes(parseUrl(s)?.protocol ?? ''), { error });

/** An https URL: for things whose integrity depends on TLS alone. */
export const httpsUrl = z
  .string({ error: 'must be an https:// URL' })
  .refine((s) => !/\s/.test(s) && parseUrl(s)?.protocol === 'https:', {
    error: 'must be an https:// URL without spaces',
  });

/** A git remote: https URL or an scp-like ssh address (git@host:owner/repo.git). */
export const gitUrl = z
  .string({ error: 'must be a git URL such as https://github.com/owner/repo' })
  .refine((s) => /^(https?:\/\/[^\s]+|git@[A-Za-z0-9.-]+:[^\s]+)$/.test(s) && !s.startsWith('-'), {
    error: 'must be a git URL (https://host/owner/repo or git@host:owner/repo.git)',
  });

/** An absolute Windows path with a drive letter. Spaces and non-ASCII characters are fine. */
export const windowsPath = z
  .string({ error: 'must be an absolute Windows path such as D:\\Softwares\\Scoop' })
  .refine((s) => /^[A-Za-z]:\\/.test(s), {
    error: 'must be an absolute Windows path starting with a drive, such as D:\\Softwares\\Scoop',
  })
  .refine((s) => !/[<>"|?*\u0000-\u001f]/.test(s.slice(2)) && !s.slice(2).includes(':'), {
    error: 'must not contain any of < > : " | ? * or control characters after the drive letter',
  })
  .refine((s) => !s.split('\\').includes('..'), { error: 'must not contain ".." segments' });

/** A DNS host name (RFC 1123), e.g. raw.githubusercontent.com. */
export const hostName = z
  .string({ error: 'must be a host name such as raw.githubusercontent.com' })
  .refine(
    (s) =>
      s.length <= 253 &&
      s.split('.').length >= 2 &&
      s.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label)),
    { error: 'must be a fully qualified host name such as raw.githubusercontent.com (letters, digits, hyphens, dots)' },
  );

/** A DNS search domain: like a host name, but a single label is allowed. */
export const searchDomain = z
  .string({ error: 'must be a DNS domain such as corp.example.com' })
  .refine(
    (s) =>
      s.length <= 253 && s.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label)),
    { error: 'must be a DNS domain such as corp.example.com (letters, digits, hyphens, dots)' },
  );

/** A version such as 1.4.3 or v0.32.0 (the leading v is kept as written). */
export const semver = z
  .string({ error: 'must be a version such as 1.4.3' })
  .regex(/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { error: 'must be a version such as 1.4.3 or v0.32.0' });

/**
 * A size WSL accepts in .wslconfig (ParseMemorySize, microsoft/WSL src/shared/inc/stringshared.h): a whole
 * number with nothing or one of B, K, KB, M, MB, G, GB, T, TB after it, in capitals; zero written as 0.
 */
export const byteSize = z
  .union([z.number().int().nonnegative(), z.string()], { error: 'must be a size such as 8GB or 512MB' })
  .refine((v) => typeof v === 'number' || (parseWslMemorySize(v) !== undefined && /^\d/.test(v)), {
    error:
      'must be a size WSL reads, such as 8GB, 512MB or 8G: digits, then B, K, KB, M, MB, G, GB, T or TB in capitals (WSL rejects 8gb, 8 GB and 8GiB)',
  })
  .transform((v) => String(v));

/** `present` (the default) or `absent`, for named items a child manifest may want to remove. */
export const ensure = z
  .enum(['present', 'absent'], { error: 'must be "present" or "absent"' })
  .default('present')
  .describe(
    'Whether the item should exist. A personal manifest can set `absent` to remove an item its team base adds.',
  );

/** An INI-like scalar: what can safely be written as a value in wsl.conf or sysctl.d. */
export const iniScalar = z
  .union([z.string(), z.number(), z.boolean()], { error: 'must be a string, number or boolean' })
  .refine((v) => typeof v !== 'string' || !/[\u0000-\u001f]/.test(v), {
    error: 'must not contain newlines or other control characters',
  });
