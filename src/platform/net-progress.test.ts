import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepProgress } from '../engine/ports/index.js';
import { RuntimeNet } from './net.js';

// A real local HTTP server that sends 2 MiB in slices over about a second, as a slow mirror would.
const body = randomBytes(2 * 1024 * 1024);
const sha256 = createHash('sha256').update(body).digest('hex');
let server: Server;
let url: string;
const cache = mkdtempSync(join(tmpdir(), 'devbox-net-progress-'));

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'application/octet-stream' });
    let at = 0;
    const slice = body.length / 20;
    const timer = setInterval(() => {
      res.write(body.subarray(at, at + slice));
      at += slice;
      if (at >= body.length) {
        clearInterval(timer);
        res.end();
      }
    }, 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kind`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(cache, { recursive: true, force: true });
});

describe("a run's downloads report progress", () => {
  it('bytes, total, rate and a last event marked done reach the observer of fetchFile', async () => {
    const seen: StepProgress[] = [];
    const net = new RuntimeNet({ DEVBOX_CACHE_DIR: cache, NO_PROXY: '*' });
    const fetched = await net.fetchFile(
      { urls: [url], sha256, name: 'kind', proxy: 'none' },
      { progress: (p) => seen.push(p) },
    );
    expect(fetched.source).toBe('network');
    const transfers = seen.filter((p) => p.kind === 'transfer');
    expect(transfers.length).toBeGreaterThan(1);
    expect(transfers.every((p) => p.name === 'kind' && p.total === body.length)).toBe(true);
    const bytes = transfers.map((p) => p.bytes);
    expect([...bytes].sort((a, b) => a - b)).toEqual(bytes);
    const last = transfers.at(-1)!;
    expect(last).toMatchObject({ bytes: body.length, done: true });
    expect(transfers.some((p) => !p.done && p.rate > 0)).toBe(true);
  });
});
