/**
 * How devbox talks HTTP: one undici dispatcher per run that knows the proxy (HTTP(S)_PROXY and
 * NO_PROXY, or the manifest's proxy) and the trust store (the normal one, plus a CA bundle the user
 * adds for a TLS-inspecting proxy; verification is never turned off), and GET with redirects
 * followed by hand so that loops and https → http downgrades are caught and named.
 */
import { Agent, EnvHttpProxyAgent, ProxyAgent, request, type Dispatcher } from './undici.js';
import { NetError, classifyRequestError } from './errors.js';
import { envValue, trustedCas, validateProxyUrl, type HttpSettings } from './proxy.js';
import { keepWasmOnBaselineTier } from './v8-flags.js';
import { t } from '../i18n/catalogue.js';

export { proxyFor, proxyFromScoopSetting, trustedCas, type HttpSettings } from './proxy.js';

/** The User-Agent devbox sends. */
export const userAgent = 'devbox';

/** Builds the dispatcher every request of a run goes through. Close it when the run ends. */
export function createDispatcher(settings: HttpSettings = {}): Dispatcher {
  keepWasmOnBaselineTier();
  const ca = trustedCas(settings.extraCaPem);
  const tls = ca ? { ca } : {};
  const connect = { timeout: settings.connectTimeoutMs ?? 15_000, ...tls };
  if (settings.proxy === 'none') return new Agent({ connect });
  if (settings.proxy) {
    validateProxyUrl(settings.proxy);
    return new ProxyAgent({ uri: settings.proxy, requestTls: tls, proxyTls: tls, connect });
  }
  const env = settings.env ?? process.env;
  const httpProxy = envValue(env, 'HTTP_PROXY');
  const httpsProxy = envValue(env, 'HTTPS_PROXY');
  if (!httpProxy && !httpsProxy) return new Agent({ connect });
  for (const value of [httpProxy, httpsProxy]) if (value) validateProxyUrl(value);
  // Explicit values (never undefined) so undici does not read process.env behind our back.
  return new EnvHttpProxyAgent({
    httpProxy,
    httpsProxy,
    noProxy: envValue(env, 'NO_PROXY'),
    connect,
    requestTls: tls,
    proxyTls: tls,
  } as ConstructorParameters<typeof EnvHttpProxyAgent>[0]);
}

/** Options of one GET. */
export interface GetOptions {
  dispatcher: Dispatcher;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  maxRedirects?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
}

/**
 * How much of a body undici may queue before it pauses its parser. Effectively unbounded: undici 7
 * crashes the process (an uncatchable assertion, nodejs/undici#5360, fixed only in undici 8, which
 * needs Node 22) when a server closes a `Connection: close` answer while the parser is paused by
 * backpressure. Readers that can fall behind bound their queue themselves (see transfer.ts).
 */
const bodyQueueLimit = 2 ** 40;

/** A GET answer after redirects: `url` is where it finally came from. */
export interface GetResponse {
  url: string;
  redirects: string[];
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/** Headers as single strings (the last one wins for repeated headers). */
export function header(headers: GetResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * GETs `url`, following redirects by hand. Throws NetError for loops, too many hops, https → http
 * downgrades, and transport failures (classified: TLS, timeout, reset...). HTTP error statuses
 * are returned, not thrown: the caller knows which ones it can retry.
 */
export async function get(url: string, options: GetOptions): Promise<GetResponse> {
  const maxRedirects = options.maxRedirects ?? 10;
  const chain = [url];
  let current = url;
  for (;;) {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(current, {
        dispatcher: options.dispatcher,
        method: 'GET',
        headers: { 'user-agent': userAgent, 'accept-encoding': 'identity', ...options.headers },
        ...(options.signal ? { signal: options.signal } : {}),
        headersTimeout: options.headersTimeoutMs ?? 30_000,
        bodyTimeout: options.bodyTimeoutMs ?? 30_000,
        highWaterMark: bodyQueueLimit,
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      throw classifyRequestError(current, error);
    }
    const location = header(response.headers, 'location');
    if (!redirectStatuses.has(response.statusCode) || !location) {
      return {
        url: current,
        redirects: chain.slice(1),
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
      };
    }
    await response.body.dump().catch(() => undefined);
    const next = new URL(location, current).toString();
    if (chain.includes(next)) {
      throw new NetError('redirect-loop', url, t('net.redirectLoop', { chain: [...chain, next].join(' → ') }), {
        expected: 'a redirect chain that ends',
        actual: [...chain, next].join(' → '),
      });
    }
    if (chain.length > maxRedirects) {
      throw new NetError(
        'too-many-redirects',
        url,
        t('net.tooManyRedirects', { max: maxRedirects, chain: chain.join(' → ') }),
        {
          expected: `at most ${maxRedirects} redirects`,
        },
      );
    }
    if (new URL(current).protocol === 'https:' && new URL(next).protocol !== 'https:') {
      throw new NetError('insecure-redirect', url, t('net.insecureRedirect', { target: next }), {
        expected: 'https all the way',
      });
    }
    chain.push(next);
    current = next;
  }
}
