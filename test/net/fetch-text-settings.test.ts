/**
 * The small files a run fetches (kind's .sha256sum, Docker's apt key, runc's checksums) go through
 * the run's --proxy and --ca-bundle like every other download: a real HTTPS server with a private CA,
 * reached only through a real forward proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeNet } from '../../src/platform/net.js';
import { missingPrerequisites } from '../rig/privileges.js';
import { createTestCa, serveFiles, startHttpsServer, type TestCa, type TestHttpsServer } from '../rig/tls.js';
import { startProxyServer, type ProxyServer } from './proxy-server.js';

const skip = missingPrerequisites('fetchText through the proxy', ['openssl'], { needsRoot: false });

describe.skipIf(skip)("a run's small fetches use its proxy and CA bundle", () => {
  let ca: TestCa;
  let server: TestHttpsServer;
  let proxy: ProxyServer;
  const cache = mkdtempSync(join(tmpdir(), 'devbox-fetch-text-'));
  const noProxyEnv = { HTTPS_PROXY: undefined, HTTP_PROXY: undefined, https_proxy: undefined, http_proxy: undefined };

  beforeAll(async () => {
    ca = createTestCa('devbox-fetch-text-ca-');
    server = await startHttpsServer(
      ca.issue({ ip: ['127.0.0.1'] }),
      serveFiles(() => ({ 'kind.sha256sum': 'abc  kind\n' })),
    );
    proxy = await startProxyServer();
  });
  afterAll(async () => {
    await server?.close();
    await proxy?.close();
    ca?.dispose();
    rmSync(cache, { recursive: true, force: true });
  });

  it('fetches through DEVBOX_PROXY, trusting DEVBOX_CA_BUNDLE', async () => {
    const net = new RuntimeNet({
      ...noProxyEnv,
      DEVBOX_CACHE_DIR: cache,
      DEVBOX_PROXY: proxy.url,
      DEVBOX_CA_BUNDLE: ca.certPath,
    });
    await expect(net.fetchText([`${server.origin}/kind.sha256sum`])).resolves.toBe('abc  kind\n');
    expect(proxy.seen).toContain(`CONNECT ${new URL(server.origin).host}`);
  });

  it('fails naming the URL when the proxy is down, instead of going around it', async () => {
    const before = server.requests.length;
    const net = new RuntimeNet({
      ...noProxyEnv,
      DEVBOX_CACHE_DIR: cache,
      DEVBOX_PROXY: 'http://127.0.0.1:1',
      DEVBOX_CA_BUNDLE: ca.certPath,
    });
    await expect(net.fetchText([`${server.origin}/kind.sha256sum`])).rejects.toThrow(/none of https:\/\/127\.0\.0\.1/);
    expect(server.requests.length).toBe(before);
  });
});
