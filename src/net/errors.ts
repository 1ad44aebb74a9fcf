/**
 * Errors of the network layer. Each names the URL and what was expected, so a user behind a bad
 * network can tell a poisoned mirror from a broken proxy from a wrong pin in the manifest.
 */
import { ExitCode, UserError } from '../errors.js';
import { t } from '../i18n/catalogue.js';

/** What went wrong with one URL. */
export type NetFailureKind =
  | 'checksum'
  | 'truncated'
  | 'length'
  | 'range'
  | 'changed'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'insecure-redirect'
  | 'tls'
  | 'http'
  | 'network'
  | 'timeout'
  | 'busy'
  | 'all-failed';

/** Options of a NetError beyond its kind and URL. */
export interface NetErrorDetails {
  expected?: string;
  actual?: string;
  status?: number;
  /** Worth trying the same URL again after a pause (resets, 5xx, timeouts). */
  retryable?: boolean;
  suggestions?: string[];
  cause?: unknown;
  /** The whole message, when it should not start with the URL. */
  message?: string;
}

/** One URL failed. The message always starts with the URL. */
export class NetError extends UserError {
  readonly kind: NetFailureKind;
  readonly url: string;
  readonly expected: string | undefined;
  readonly actual: string | undefined;
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(kind: NetFailureKind, url: string, what: string, details: NetErrorDetails = {}) {
    super(details.message ?? `${url}: ${what}`, ExitCode.applyFailed, {
      code: `net.${kind}`,
      suggestions: details.suggestions ?? suggestionsFor(kind),
      ...(details.cause === undefined ? {} : { cause: details.cause }),
    });
    this.kind = kind;
    this.url = url;
    this.expected = details.expected;
    this.actual = details.actual;
    this.status = details.status;
    this.retryable = details.retryable ?? false;
  }
}

/** Every mirror of an artifact failed; `failures` holds each one's reason, in the order tried. */
export class AllSourcesFailedError extends NetError {
  readonly failures: readonly NetError[];

  constructor(what: string, failures: readonly NetError[]) {
    const message = t('net.allFailed', {
      what,
      count: failures.length,
      failures: failures.map((f) => `  - ${f.message}`).join('\n'),
    });
    // Every mirror sent the same other bytes: the pin is the likely culprit, not the network.
    const allChecksum = failures.length > 0 && failures.every((f) => f.kind === 'checksum');
    super('all-failed', failures[0]?.url ?? what, message, {
      message,
      suggestions: allChecksum ? [...failures[0]!.suggestions] : [t('net.allFailedFix')],
    });
    this.failures = failures;
  }
}

/** Where an expected sha256 came from (src/net/download/download.ts, PinSource). */
export type ChecksumSource = 'manifest' | 'flag' | 'publisher';

/** The fix for a checksum mismatch, naming where the expected hash came from. */
export function checksumHint(source: ChecksumSource): string {
  switch (source) {
    case 'flag':
      return t('net.checksumFixFlag');
    case 'publisher':
      return t('net.checksumFixPublisher');
    default:
      return t('net.checksumFixManifest');
  }
}

function suggestionsFor(kind: NetFailureKind): string[] {
  switch (kind) {
    case 'checksum':
      // The downloader names where the expected hash came from; without that, the usual source.
      return [checksumHint('manifest')];
    case 'tls':
      return [t('net.tlsFix')];
    case 'redirect-loop':
    case 'too-many-redirects':
      return [t('net.redirectsFix')];
    case 'truncated':
    case 'network':
    case 'timeout':
      return [t('net.retryFix')];
    default:
      return [];
  }
}

/** Names a Node/undici/OpenSSL error code for a user. */
export function describeTlsCode(code: string | undefined): string | undefined {
  switch (code) {
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'the certificate is not valid for this host name';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'the certificate chain is not trusted';
    case 'CERT_HAS_EXPIRED':
      return 'the certificate has expired';
    case 'CERT_NOT_YET_VALID':
      return 'the certificate is not valid yet';
    case 'CERT_REVOKED':
      return 'the certificate was revoked';
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return 'the server does not speak TLS on this port';
    default:
      return code &&
        (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.startsWith('CERT_') || code.includes('_CERT'))
        ? 'the TLS handshake failed'
        : undefined;
  }
}

const retryableCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/**
 * Node 24 appends "; if the root CA is installed locally, try running Node.js with --use-system-ca"
 * to certificate errors (nodejs/node#56833). devbox users cannot pass Node flags (the executable
 * embeds Node) and devbox names its own fix (--ca-bundle, DEVBOX_CA_BUNDLE), so the hint is dropped.
 */
export function withoutNodeCaHint(message: string): string {
  return message.replace(/; if the root CA is installed locally, try running Node\.js with --use-system-ca/, '');
}

/**
 * Turns whatever a request threw into a NetError naming `url`: TLS failures (not retried: they do
 * not heal by themselves), connection failures and timeouts (retried), anything else as is.
 */
export function classifyRequestError(url: string, error: unknown): NetError {
  if (error instanceof NetError) return error;
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err?.code ?? err?.cause?.code;
  const tls = describeTlsCode(code);
  if (tls)
    return new NetError(
      'tls',
      url,
      t('net.tlsFailed', { why: tls, code: String(code), detail: withoutNodeCaHint(err.message) }),
      { cause: error },
    );
  if (
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'ETIMEDOUT'
  ) {
    return new NetError('timeout', url, t('net.timedOut', { code }), { retryable: true, cause: error });
  }
  if (code === 'ENOTFOUND')
    return new NetError('network', url, t('net.noSuchHost', { detail: err.message }), { cause: error });
  const message = err instanceof Error ? err.message : String(error);
  return new NetError('network', url, `${message}${code && !message.includes(code) ? ` (${code})` : ''}`, {
    retryable: code ? retryableCodes.has(code) : false,
    cause: error,
  });
}
