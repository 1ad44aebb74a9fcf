/**
 * Fetches a small document (a manifest, a checksum file) over https into memory: TLS verified by
 * the normal trust store, redirects followed up to a limit, size and time bounded.
 */
import { Agent, interceptors, request } from 'undici';

export interface FetchSmallOptions {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirections?: number;
}

/** Downloads `url` and returns its body; throws an Error naming the URL and what went wrong. */
export async function fetchSmall(url: string, options: FetchSmallOptions = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const dispatcher = new Agent({ connect: { timeout: timeoutMs } }).compose(interceptors.redirect({ maxRedirections: options.maxRedirections ?? 5 }));
  try {
    const response = await request(url, { dispatcher, signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'devbox' } });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump();
      throw new Error(`${url} answered HTTP ${response.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        response.body.destroy();
        throw new Error(`${url} is larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    return new Uint8Array(Buffer.concat(chunks));
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.includes(url) ? message : `${url}: ${message}`, { cause: error });
  } finally {
    await dispatcher.close();
  }
}
