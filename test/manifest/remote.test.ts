/**
 * Remote `extends` for real: a local HTTPS server with a certificate from a CA generated for this
 * run, and the built CLI trusting that CA through NODE_EXTRA_CA_CERTS. TLS verification stays on:
 * the wrong-name and untrusted-CA cases prove it.
 */
import { createHash } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDevboxAsync } from '../rig/cli.js';
import { missingPrerequisites } from '../rig/privileges.js';
import { startProxyServer } from '../net/proxy-server.js';
import { createTestCa, serveFiles, startHttpsServer, type TestCa, type TestHttpsServer } from '../rig/tls.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const skip = missingPrerequisites('remote extends over real HTTPS', ['openssl'], { needsRoot: false });
const fixHint = '  → Fix each line above, then run `devbox manifest validate` again.\n';
const tlsHint =
  ": the server's TLS certificate is not trusted for this name. Check the host in the URL; behind a TLS-inspecting proxy, add its CA with --ca-bundle FILE or DEVBOX_CA_BUNDLE";

const common = 'cluster:\n  cni: none\n';
const teamBase = (commonPin: string) =>
  `extends:\n  - builtin:default\n  - common.yaml${commonPin}\ncluster:\n  workers: 2\n  name: team\n`;

describe.skipIf(skip)('remote extends over real HTTPS', () => {
  let ca: TestCa;
  let server: TestHttpsServer;
  let wrongName: TestHttpsServer;
  let plainHttp: Server;
  let plainHttpOrigin: string;
  let work: string;
  let served: Record<string, string>;

  const devbox = (args: string[], env: Record<string, string | undefined> = {}) =>
    runDevboxAsync(args, { cwd: work, env: { NODE_EXTRA_CA_CERTS: ca.certPath, ...env } });
  const writeLocal = (text: string) => writeFileSync(join(work, 'devbox.yaml'), text);

  beforeAll(async () => {
    ca = createTestCa('devbox-mt-remote-ca-');
    server = await startHttpsServer(ca.issue({ ip: ['127.0.0.1'], dns: ['localhost'] }), (request, response) => {
      if (request.url === '/redirect-to-http') {
        response.writeHead(302, { location: `${plainHttpOrigin}/team/base.yaml` }).end();
        return;
      }
      if (request.url === '/moved/common.yaml') {
        response.writeHead(301, { location: '/team/common.yaml' }).end();
        return;
      }
      serveFiles(() => served)(request, response);
    });
    // Same CA, valid certificate, but for another name than the one devbox connects to.
    wrongName = await startHttpsServer(
      ca.issue({ dns: ['manifests.devbox.invalid'] }),
      serveFiles(() => served),
    );
    plainHttp = createHttpServer(serveFiles(() => served));
    await new Promise<void>((resolve) => plainHttp.listen(0, '127.0.0.1', resolve));
    plainHttpOrigin = `http://127.0.0.1:${(plainHttp.address() as AddressInfo).port}`;
    work = mkdtempSync(join(tmpdir(), 'devbox-mt-remote-'));
  });

  afterAll(async () => {
    await server?.close();
    await wrongName?.close();
    plainHttp?.closeAllConnections();
    await new Promise((resolve) => plainHttp?.close(resolve));
    ca?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  beforeEach(() => {
    served = { 'team/common.yaml': common, 'team/base.yaml': teamBase(`#sha256=${sha256(common)}`) };
    server.requests.length = 0;
    wrongName.requests.length = 0;
  });

  it('extends a pinned URL: fetched over verified TLS, merged, its own relative extends resolved against its URL', async () => {
    const base = served['team/base.yaml']!;
    writeLocal(`extends: ${server.origin}/team/base.yaml#sha256=${sha256(base)}\ncluster:\n  workers: 3\n`);
    const shown = await devbox(['manifest', 'show', '--json', '-m', 'devbox.yaml']);
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    const manifest = JSON.parse(shown.stdout) as {
      cluster: { workers: number; name: string; cni: string };
      scoop: { root: string };
    };
    expect(manifest.cluster).toMatchObject({ workers: 3, name: 'team', cni: 'none' });
    expect(manifest.scoop.root).toBe('D:\\Softwares\\Scoop\\LocalApps');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /team/base.yaml',
      'GET /team/common.yaml',
    ]);

    const validated = await devbox(['manifest', 'validate', '-m', 'devbox.yaml']);
    expect(validated.stdout).toBe(
      `Valid: devbox.yaml ← ${server.origin}/team/base.yaml ← builtin:default (manifests/default.yaml) ← ${server.origin}/team/common.yaml\n`,
    );
    expect(validated.code).toBe(0);
  });

  it('takes a pinned URL given directly with -m', async () => {
    const base = served['team/base.yaml']!;
    const result = await devbox([
      'manifest',
      'validate',
      '-m',
      `${server.origin}/team/base.yaml#sha256=${sha256(base)}`,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Valid: ${server.origin.replaceAll('.', '\\.')}/team/base\\.yaml ← `));
  });

  it('trusts a private CA from --ca-bundle or DEVBOX_CA_BUNDLE, and goes through --proxy', async () => {
    const base = served['team/base.yaml']!;
    const url = `${server.origin}/team/base.yaml#sha256=${sha256(base)}`;
    const noNodeCa = {
      NODE_EXTRA_CA_CERTS: undefined,
      HTTPS_PROXY: undefined,
      HTTP_PROXY: undefined,
      https_proxy: undefined,
      http_proxy: undefined,
    };
    const flag = await devbox(['manifest', 'validate', '-m', url, '--ca-bundle', ca.certPath], noNodeCa);
    expect(flag.code, flag.stderr).toBe(0);
    const env = await devbox(['manifest', 'show', '--json', '-m', url], { ...noNodeCa, DEVBOX_CA_BUNDLE: ca.certPath });
    expect(env.code, env.stderr).toBe(0);
    expect((JSON.parse(env.stdout) as { cluster: { name: string } }).cluster.name).toBe('team');
    const proxy = await startProxyServer();
    try {
      const plan = await devbox(
        ['plan', '--json', '-m', url, '--ca-bundle', ca.certPath, '--proxy', proxy.url, '--plane', 'host'],
        noNodeCa,
      );
      expect(plan.code, plan.stderr).toBe(0);
      expect(proxy.seen).toContain(`CONNECT ${new URL(server.origin).host}`);
    } finally {
      await proxy.close();
    }
    // Without the CA, the same URL is refused: the bundle is what made it trusted.
    const without = await devbox(['manifest', 'validate', '-m', url], noNodeCa);
    expect(without.code).toBe(3);
    expect(without.stderr).toContain(tlsHint);
  });

  it('refuses an unpinned URL with exit 3 without downloading it', async () => {
    writeLocal(`extends: ${server.origin}/team/base.yaml\n`);
    const result = await devbox(['manifest', 'validate', '-m', 'devbox.yaml']);
    expect(result.stderr).toBe(
      `Error: The manifest has 1 problem:\ndevbox.yaml:1:10  extends  remote manifest ${server.origin}/team/base.yaml is not pinned: append #sha256=<sha256 of the file> to the URL, or pass --trust-remote\n${fixHint}`,
    );
    expect(result.code).toBe(3);
    expect(server.requests).toEqual([]);
  });

  it('accepts an unpinned URL with --trust-remote, with a warning naming the pin to add', async () => {
    served['team/base.yaml'] = teamBase('');
    const base = served['team/base.yaml'];
    writeLocal(`extends: ${server.origin}/team/base.yaml\n`);
    const result = await devbox(['manifest', 'validate', '--trust-remote', '-m', 'devbox.yaml']);
    expect(result.stderr).toBe(
      [
        `devbox.yaml:1:10  extends  warning: remote manifest ${server.origin}/team/base.yaml is trusted without a pin (sha256 ${sha256(base)}); pin it with #sha256=${sha256(base)}`,
        `${server.origin}/team/base.yaml:3:5  extends[1]  warning: remote manifest ${server.origin}/team/common.yaml is trusted without a pin (sha256 ${sha256(common)}); pin it with #sha256=${sha256(common)}`,
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);

    const json = await devbox(['manifest', 'validate', '--trust-remote', '--json', '-m', 'devbox.yaml']);
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as { valid: boolean; warnings: { severity: string; path: string }[] };
    expect(body.valid).toBe(true);
    expect(body.warnings.map((w) => `${w.severity} ${w.path}`)).toEqual(['warning extends', 'warning extends[1]']);
  });

  it('refuses a relative extends inside a remote file that has no pin of its own', async () => {
    served['team/base.yaml'] = teamBase('');
    const base = served['team/base.yaml'];
    writeLocal(`extends: ${server.origin}/team/base.yaml#sha256=${sha256(base)}\n`);
    const result = await devbox(['manifest', 'validate', '-m', 'devbox.yaml']);
    expect(result.stderr).toBe(
      `Error: The manifest has 1 problem:\n${server.origin}/team/base.yaml:3:5  extends[1]  remote manifest ${server.origin}/team/common.yaml is not pinned: append #sha256=<sha256 of the file> to the URL, or pass --trust-remote\n${fixHint}`,
    );
    expect(result.code).toBe(3);
    expect(server.requests.map((r) => r.path)).toEqual(['/team/base.yaml']);
  });

  it('refuses a file that no longer matches its pin', async () => {
    const pinnedBase = served['team/base.yaml']!;
    writeLocal(`extends: ${server.origin}/team/base.yaml#sha256=${sha256(pinnedBase)}\n`);
    served['team/base.yaml'] = `${pinnedBase}# changed upstream\n`;
    const result = await devbox(['manifest', 'validate', '-m', 'devbox.yaml']);
    expect(result.stderr).toBe(
      `Error: The manifest has 1 problem:\ndevbox.yaml:1:10  extends  remote manifest ${server.origin}/team/base.yaml does not match its pin: expected sha256 ${sha256(pinnedBase)}, got ${sha256(served['team/base.yaml'])}. The file changed; review it and update the pin\n${fixHint}`,
    );
    expect(result.code).toBe(3);
  });

  it('refuses a server whose certificate is for another name, even with --trust-remote', async () => {
    const url = `https://127.0.0.1:${wrongName.port}/team/base.yaml`;
    writeLocal(`extends: ${url}\n`);
    const result = await devbox(['manifest', 'validate', '--trust-remote', '-m', 'devbox.yaml']);
    expect(result.code).toBe(3);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('Error: The manifest has 1 problem:');
    expect(lines[1]).toBe(
      `devbox.yaml:1:10  extends  cannot download manifest ${url}: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list${tlsHint}`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(wrongName.requests).toEqual([]);
  });

  it('refuses a certificate from a CA the machine does not trust', async () => {
    const base = served['team/base.yaml']!;
    writeLocal(`extends: ${server.origin}/team/base.yaml#sha256=${sha256(base)}\n`);
    const result = await devbox(['manifest', 'validate', '-m', 'devbox.yaml'], { NODE_EXTRA_CA_CERTS: undefined });
    expect(result.code).toBe(3);
    expect(result.stderr.split('\n')[1]).toBe(
      `devbox.yaml:1:10  extends  cannot download manifest ${server.origin}/team/base.yaml: unable to verify the first certificate${tlsHint}`,
    );
    expect(server.requests).toEqual([]);
  });

  it('follows a redirect to another https URL, checking the pin on what arrives', async () => {
    writeLocal(`extends: ${server.origin}/moved/common.yaml#sha256=${sha256(common)}\n`);
    const result = await devbox(['manifest', 'show', '--json', '-m', 'devbox.yaml']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { cluster: { cni: string } }).cluster.cni).toBe('none');
    expect(server.requests.map((r) => r.path)).toEqual(['/moved/common.yaml', '/team/common.yaml']);

    writeLocal(`extends: ${server.origin}/moved/common.yaml#sha256=${sha256(teamBase(''))}\n`);
    const mismatch = await devbox(['manifest', 'validate', '-m', 'devbox.yaml']);
    expect(mismatch.stderr.split('\n')[1]).toBe(
      `devbox.yaml:1:10  extends  remote manifest ${server.origin}/moved/common.yaml does not match its pin: expected sha256 ${sha256(teamBase(''))}, got ${sha256(common)}. The file changed; review it and update the pin`,
    );
    expect(mismatch.code).toBe(3);
  });

  it('refuses an https URL that redirects to plain http, even with --trust-remote', async () => {
    writeLocal(`extends: ${server.origin}/redirect-to-http\n`);
    const result = await devbox(['manifest', 'validate', '--trust-remote', '-m', 'devbox.yaml']);
    expect(result.code).toBe(3);
    expect(result.stderr.split('\n')[1]).toBe(
      `devbox.yaml:1:10  extends  cannot download manifest ${server.origin}/redirect-to-http: redirected to ${plainHttpOrigin}/team/base.yaml, which is not https://; only https is allowed`,
    );
    expect(server.requests.map((r) => r.path)).toEqual(['/redirect-to-http']);
  });

  it('names the HTTP status of a missing remote file', async () => {
    writeLocal(`extends: ${server.origin}/team/missing.yaml#sha256=${'0'.repeat(64)}\n`);
    const result = await devbox(['manifest', 'validate', '-m', 'devbox.yaml']);
    expect(result.stderr).toBe(
      `Error: The manifest has 1 problem:\ndevbox.yaml:1:10  extends  cannot download manifest ${server.origin}/team/missing.yaml: answered HTTP 404\n${fixHint}`,
    );
    expect(result.code).toBe(3);
  });
});
