/**
 * Fetches a small document (a manifest, a checksum file) over https into memory: TLS verified by
 * the normal trust store, redirects followed up to a limit, size and time bounded.
 */
import { t } from '../i18n/catalogue.js';
import { describeTlsCode, withoutNodeCaHint } from './errors.js';
import { Agent, request, type Dispatcher } from './undici.js';

export interface FetchSmallOptions {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirections?: number;
  /** The dispatcher to use (proxy, extra CAs); the caller closes it. Default: a direct connection. */
  dispatcher?: Dispatcher;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** What fetchSmall throws: the message names the URL; `tls` says the server's certificate failed verification. */
export class FetchSmallError extends Error {
  constructor(
    message: string,
    readonly tls: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'FetchSmallError';
  }
}

/**
 * Downloads `url` and returns its body; throws a FetchSmallError naming the URL and what went wrong. Only
 * https: a plain http URL, or a redirect to one, is refused (what is fetched here is trusted on the
 * strength of TLS, or is the checksum that verifies something else).
 */
export async function fetchSmall(url: string, options: FetchSmallOptions = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRedirections = options.maxRedirections ?? 5;
  const own = options.dispatcher ? undefined : new Agent({ connect: { timeout: timeoutMs } });
  const dispatcher = options.dispatcher ?? own!;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // Redirects are followed here rather than by undici's interceptor, which would follow one to http://.
    let current = new URL(url);
    let response: Dispatcher.ResponseData;
    for (let hops = 0; ; hops++) {
      if (current.protocol !== 'https:') throw new Error(t('small.notHttps', { url: current.href }));
      response = await request(current, { dispatcher, signal, headers: { 'user-agent': 'devbox' } });
      const location = response.headers.location;
      if (!redirectStatuses.has(response.statusCode) || typeof location !== 'string') break;
      await response.body.dump();
      if (hops >= maxRedirections) throw new Error(t('small.tooManyRedirects', { max: maxRedirections }));
      const next = new URL(location, current);
      if (next.protocol !== 'https:') throw new Error(t('small.redirectNotHttps', { url: next.href }));
      current = next;
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump();
      throw new Error(t('small.status', { url, status: response.statusCode }));
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        response.body.destroy();
        throw new Error(t('small.tooLarge', { url, max: maxBytes }));
      }
      chunks.push(chunk as Buffer);
    }
    return new Uint8Array(Buffer.concat(chunks));
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
    const tls = describeTlsCode(err.code ?? err.cause?.code) !== undefined;
    const message = withoutNodeCaHint(err.message);
    throw new FetchSmallError(message.includes(url) ? message : `${url}: ${message}`, tls, { cause: error });
  } finally {
    await own?.close();
  }
}
