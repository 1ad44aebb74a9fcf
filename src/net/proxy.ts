/**
 * The pure half of devbox's HTTP settings: which proxy a URL goes through, Scoop's proxy form, the
 * trust store. Kept apart from http.ts so that code which only needs these (Scoop's installer
 * arguments) does not load undici.
 */
import { rootCertificates } from 'node:tls';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';

/** Network settings of one run. */
export interface HttpSettings {
  /**
   * A proxy URL used for every request (the manifest's or a flag's); `none` ignores the
   * environment too. Undefined: HTTPS_PROXY / HTTP_PROXY / NO_PROXY from `env`.
   */
  proxy?: string;
  /** PEM certificates trusted in addition to the normal trust store. */
  extraCaPem?: string;
  env?: NodeJS.ProcessEnv;
  connectTimeoutMs?: number;
}

/**
 * The CA list for TLS: undefined keeps Node's default store (which honours NODE_EXTRA_CA_CERTS);
 * with extra certificates it is the bundled roots plus those.
 */
export function trustedCas(extraCaPem: string | undefined): string[] | undefined {
  if (!extraCaPem?.trim()) return undefined;
  const extra = extraCaPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (extra.length === 0) throw new UsageError(t('net.noPem'));
  return [...rootCertificates, ...extra];
}

/** An environment variable in either case, lower case first (as curl reads proxy variables). */
export function envValue(env: NodeJS.ProcessEnv, name: string): string {
  return env[name.toLowerCase()] ?? env[name] ?? '';
}

/** The proxy a request to `url` goes through under these settings (for messages and tests); undefined when direct. */
export function proxyFor(url: string, settings: HttpSettings): string | undefined {
  if (settings.proxy === 'none') return undefined;
  if (settings.proxy) return settings.proxy;
  const env = settings.env ?? process.env;
  const target = new URL(url);
  const noProxy = envValue(env, 'NO_PROXY')
    .split(/[,\s]/)
    .filter(Boolean)
    .map((entry) => entry.replace(/^\*?\./, '').toLowerCase());
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    noProxy.some(
      (entry) =>
        entry === '*' || host === entry.replace(/:\d+$/, '') || host.endsWith(`.${entry.replace(/:\d+$/, '')}`),
    )
  )
    return undefined;
  const https = envValue(env, 'HTTPS_PROXY');
  const http = envValue(env, 'HTTP_PROXY');
  return (target.protocol === 'https:' ? https || http : http) || undefined;
}

/** Refuses a proxy value that is not an http(s) or socks URL, naming it. */
export function validateProxyUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(t('net.proxyNotUrl', { value }));
  }
  if (!['http:', 'https:', 'socks5:', 'socks:'].includes(url.protocol)) {
    throw new UsageError(t('net.proxyScheme', { value, scheme: url.protocol }));
  }
}

/**
 * Maps Scoop's `proxy` setting (as the manifest writes it: `host:port`, `user:pass@host:port`,
 * `currentuser@host:port`, `none`, `default`) to HttpSettings.proxy.
 */
export function proxyFromScoopSetting(value: string | undefined): string | undefined {
  if (value === undefined || value === 'default') return undefined;
  if (value === 'none') return 'none';
  // `currentuser@` means Windows integrated auth, which an HTTP client cannot do: connect without credentials.
  return `http://${value.replace(/^currentuser@/, '')}`;
}
