// Types for http-server.mjs (plain JavaScript so that the benchmark can run it with node).
import type { IncomingMessage, ServerResponse, IncomingHttpHeaders } from 'node:http';

export interface FileBehaviour {
  /** false: ignore Range and always send the whole file (200); 'ignored': the same while advertising Accept-Ranges: bytes. */
  ranges?: boolean | 'ignored';
  /** Honour Range for the first N answers only, then send the whole file (200 after 206). */
  rangesFor?: number;
  /** A 206's Content-Range names bytes shifted by this much from the ones sent. */
  contentRangeShift?: number;
  /** Bytes per second per connection for this file (overrides the server's throttle). */
  ratePerConnection?: number;
  /** Delay before the answer. */
  latencyMs?: number;
  /** The first `count` requests get this status. */
  failFirst?: { count: number; status: number };
  /** Cut the body off (TCP reset) after this many bytes... */
  resetAfterBytes?: number;
  /** ...for the first `resets` answers (default: all). */
  resets?: number;
  /** over: Content-Length 1000 too big (body ends early); under: 1000 too small; range-mismatch: a 206's Content-Length disagrees with its Content-Range. */
  lengthLie?: 'over' | 'under' | 'range-mismatch';
  /** A total size for Content-Range other than the real one. */
  claimedTotal?: number;
  /** No Content-Length (chunked encoding). */
  chunked?: boolean;
  etag?: string;
  lastModified?: string;
}

export interface RequestRecord {
  path: string;
  range: string | undefined;
  ifRange: string | string[] | undefined;
  status: number;
  bytes: number;
  headers: IncomingHttpHeaders;
}

export interface ServerStats {
  requests: RequestRecord[];
  bytesSent: number;
  connections: number;
  maxConcurrentConnections: number;
}

export type FileContent = Buffer | { path: string; size: number };

export declare class TestServer {
  readonly stats: ServerStats;
  readonly port: number;
  readonly host: string;
  readonly origin: string;
  url(path: string): string;
  file(path: string, content: FileContent, behaviour?: FileBehaviour): this;
  redirect(path: string, location: string, status?: number): this;
  route(
    path: string,
    handler: (req: IncomingMessage, res: ServerResponse, record: RequestRecord) => void | Promise<void>,
  ): this;
  resetStats(): void;
  close(): Promise<void>;
}

export interface TestServerOptions {
  host?: string;
  port?: number;
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Bytes per second per connection, for every file. */
  throttle?: number;
}

export declare function startTestServer(options?: TestServerOptions): Promise<TestServer>;
