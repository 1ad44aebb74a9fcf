// An HTTP(S) server for testing downloads against real sockets: Range support, throttling per
// connection (a token bucket kept per TCP connection, across keep-alive requests), latency,
// resets mid-body, lying Content-Length / Content-Range, redirects and redirect loops.
// Plain JavaScript (typed by http-server.d.mts) so that bench/download.mjs can run it with node.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createReadStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const slice = 64 * 1024;

/** @param {string | undefined} header @param {number} size */
function parseRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    return { start: Math.max(0, size - n), end: size };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size : Math.min(size, Number(m[2]) + 1);
  if (start >= size || end <= start) return { unsatisfiable: true };
  return { start, end };
}

export class TestServer {
  /** @param {import('node:http').Server} server @param {{tls?: boolean, throttle?: number}} options */
  constructor(server, options) {
    this.server = server;
    this.tls = Boolean(options.tls);
    this.throttle = options.throttle;
    /** @type {Map<string, any>} */
    this.routes = new Map();
    /** @type {WeakMap<object, {next: number}>} */
    this.buckets = new WeakMap();
    this.sockets = new Set();
    this.resetStats();
    server.on('connection', (socket) => {
      this.stats.connections++;
      this.sockets.add(socket);
      this.stats.maxConcurrentConnections = Math.max(this.stats.maxConcurrentConnections, this.sockets.size);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req, res) => {
      this.handle(req, res).catch((error) => {
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end(String(error));
        } else res.destroy();
      });
    });
  }

  resetStats() {
    this.stats = { requests: [], bytesSent: 0, connections: 0, maxConcurrentConnections: 0 };
  }

  get port() {
    return /** @type {import('node:net').AddressInfo} */ (this.server.address()).port;
  }

  get host() {
    return /** @type {import('node:net').AddressInfo} */ (this.server.address()).address;
  }

  get origin() {
    return `${this.tls ? 'https' : 'http'}://${this.host}:${this.port}`;
  }

  /** @param {string} path */
  url(path) {
    return `${this.origin}${path}`;
  }

  /** Serves a file (a Buffer, or {path, size} read from disk) with the given behaviour. */
  file(path, content, behaviour = {}) {
    this.routes.set(path, { kind: 'file', content, behaviour, served: 0 });
    return this;
  }

  redirect(path, location, status = 302) {
    this.routes.set(path, { kind: 'redirect', location, status });
    return this;
  }

  /** A custom handler: (req, res) => void. */
  route(path, handler) {
    this.routes.set(path, { kind: 'custom', handler });
    return this;
  }

  close() {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve(undefined)));
  }

  async handle(req, res) {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const record = {
      path,
      range: req.headers.range,
      ifRange: req.headers['if-range'],
      status: 0,
      bytes: 0,
      via: req.headers['x-via'],
      headers: req.headers,
    };
    this.stats.requests.push(record);
    const route = this.routes.get(path);
    if (!route) {
      record.status = 404;
      res.writeHead(404).end('not found');
      return;
    }
    if (route.kind === 'redirect') {
      record.status = route.status;
      res.writeHead(route.status, { location: route.location }).end();
      return;
    }
    if (route.kind === 'custom') {
      await route.handler(req, res, record);
      return;
    }
    await this.serveFile(req, res, route, record);
  }

  async serveFile(req, res, route, record) {
    const b = route.behaviour;
    const index = route.served++;
    const size = Buffer.isBuffer(route.content) ? route.content.length : route.content.size;
    if (b.latencyMs) await sleep(b.latencyMs);
    if (b.failFirst && index < b.failFirst.count) {
      record.status = b.failFirst.status;
      res.writeHead(b.failFirst.status).end('try later');
      return;
    }
    const total = b.claimedTotal ?? size;
    const headers = { 'accept-ranges': b.ranges === false ? 'none' : 'bytes' };
    // Misbehaviours seen on real mirrors: Range ignored while advertised, or only for the first answers.
    const ignoresRange = b.ranges === 'ignored' || (b.rangesFor !== undefined && index >= b.rangesFor);
    if (b.etag) headers.etag = b.etag;
    if (b.lastModified) headers['last-modified'] = b.lastModified;
    let start = 0;
    let end = size;
    let status = 200;
    const range = b.ranges === false || ignoresRange ? undefined : parseRange(req.headers.range, size);
    const ifRange = req.headers['if-range'];
    const rangeValid = range && (!ifRange || ifRange === b.etag || ifRange === b.lastModified);
    if (range && rangeValid) {
      if (range.unsatisfiable) {
        record.status = 416;
        res.writeHead(416, { 'content-range': `bytes */${total}` }).end();
        return;
      }
      start = range.start;
      end = range.end;
      status = 206;
      const shift = b.contentRangeShift ?? 0;
      headers['content-range'] = `bytes ${start + shift}-${end - 1 + shift}/${total}`;
    }
    let length = end - start;
    if (b.lengthLie === 'range-mismatch' && status === 206) length += 7;
    if (b.lengthLie === 'over') length += 1000;
    if (b.lengthLie === 'under') length = Math.max(0, length - 1000);
    record.status = status;
    const lying =
      b.lengthLie === 'over' || b.lengthLie === 'under' || (b.lengthLie === 'range-mismatch' && status === 206);
    const rate = b.ratePerConnection ?? this.throttle;
    const resetAfter =
      b.resetAfterBytes !== undefined && index < (b.resets ?? Infinity) ? b.resetAfterBytes : undefined;
    if (lying) {
      // Node refuses to send a wrong Content-Length through `res`: write the response by hand.
      const socket = req.socket;
      const head = [
        `HTTP/1.1 ${status} ${status === 206 ? 'Partial Content' : 'OK'}`,
        `content-length: ${length}`,
        'connection: close',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n');
      socket.write(head);
      await this.pump(socket, route.content, start, end, record, resetAfter, socket, rate);
      socket.end();
      return;
    }
    if (b.chunked) res.writeHead(status, headers);
    else res.writeHead(status, { ...headers, 'content-length': String(length) });
    const completed = await this.pump(res, route.content, start, end, record, resetAfter, req.socket, rate);
    if (completed) res.end();
  }

  /** Sends bytes [start, end) of content, paced by the connection's bucket; false when it reset the connection. */
  async pump(out, content, start, end, record, resetAfter, socket, rate) {
    const bucket = this.buckets.get(socket) ?? { next: performance.now() };
    this.buckets.set(socket, bucket);
    const source = Buffer.isBuffer(content)
      ? (function* () {
          for (let at = start; at < end; at += slice) yield content.subarray(at, Math.min(end, at + slice));
        })()
      : end > start
        ? createReadStream(content.path, { start, end: end - 1, highWaterMark: slice })
        : [];
    let sent = 0;
    for await (const chunk of source) {
      let data = chunk;
      if (resetAfter !== undefined && sent + data.length >= resetAfter) {
        data = data.subarray(0, resetAfter - sent);
        if (data.length) await this.write(out, data, rate, bucket, record);
        // Give the bytes a moment to leave, then drop the connection with a RST.
        await sleep(10);
        try {
          socket.resetAndDestroy();
        } catch {
          socket.destroy();
        }
        return false;
      }
      if (socket.destroyed) return false;
      await this.write(out, data, rate, bucket, record);
      sent += data.length;
    }
    return true;
  }

  async write(out, data, rate, bucket, record) {
    if (rate) {
      const now = performance.now();
      // An idle connection does not save up credit for a burst later.
      if (now - bucket.next > 100) bucket.next = now;
      if (bucket.next > now) await sleep(bucket.next - now);
      bucket.next += (data.length / rate) * 1000;
    }
    if (out.destroyed) return;
    const ok = out.write(data);
    record.bytes += data.length;
    this.stats.bytesSent += data.length;
    if (!ok)
      await new Promise((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          resolve(undefined);
        };
        out.on('drain', done);
        out.on('close', done);
      });
  }
}

/**
 * Starts a server. Options: host (default 127.0.0.1), port (default 0), tls: {key, cert} for HTTPS,
 * throttle: bytes per second per connection for every route.
 */
export async function startTestServer(options = {}) {
  const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }) : createHttpServer();
  server.keepAliveTimeout = 30_000;
  const test = new TestServer(server, options);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(undefined));
  });
  return test;
}
