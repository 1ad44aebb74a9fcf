/**
 * install.ps1 run by real PowerShell 7 against a local HTTPS server with a test CA: the Windows-only
 * parts are reached through their documented stand-ins (LOCALAPPDATA from the environment, the user
 * PATH in the file named by DEVBOX_INSTALL_USER_PATH_FILE), everything else runs as on Windows.
 * .NET on Linux verifies TLS with OpenSSL, which trusts exactly the test CA through SSL_CERT_FILE.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../rig/cli.js';
import { runAsync } from '../rig/guest.js';
import { missingPrerequisites, systemTestsRequired } from '../rig/privileges.js';
import { createTestCa, startHttpsServer, type TestCa, type TestHttpsServer } from '../rig/tls.js';
// @ts-expect-error a plain .mjs module shared with scripts/dist.mjs
import { pinInstaller } from '../../scripts/release-files.mjs';

function findPwsh(): string | undefined {
  const candidates = [join(homedir(), '.dotnet', 'tools', 'pwsh'), ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'pwsh'))];
  return candidates.find((c) => existsSync(c));
}
const pwsh = findPwsh();
const missing = pwsh ? missingPrerequisites('install.ps1', ['openssl'], { needsRoot: false }) : 'pwsh not found';
if (!pwsh) {
  if (systemTestsRequired) throw new Error('[install.ps1] PowerShell 7 (pwsh) not found in ~/.dotnet/tools or on PATH (.ci/run installs it)');
  process.stderr.write('\n*** [install.ps1] pwsh not found: these tests are NOT running. ***\n\n');
}

const version = '0.1.0';
const payload = randomBytes(256 * 1024);
const payloadSha = createHash('sha256').update(payload).digest('hex');
const assetPath = `/download/v${version}/devbox-win-x64.exe`;

describe.skipIf(missing)('install.ps1 (PowerShell 7)', () => {
  let ca: TestCa;
  let server: TestHttpsServer;
  let work: string;
  let script: string;

  beforeAll(async () => {
    ca = createTestCa('devbox-install-ca-');
    // /good serves the release, /bad other bytes, /down fails: the three kinds of source.
    server = await startHttpsServer(ca.issue({ ip: ['127.0.0.1'], dns: ['localhost'] }), (request, response) => {
      const path = request.url ?? '';
      if (path === `/good${assetPath}`) response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(payload);
      else if (path === `/bad${assetPath}`) response.writeHead(200).end(randomBytes(1024));
      else if (path.startsWith('/down/')) response.writeHead(503).end('unavailable\n');
      else response.writeHead(404).end('not found\n');
    });
    work = mkdtempSync(join(tmpdir(), 'devbox-install-'));
    script = join(work, 'install.ps1');
    writeFileSync(script, pinInstaller(readFileSync(join(repoRoot, 'install.ps1'), 'utf8'), version, payloadSha));
  });
  afterAll(async () => {
    await server?.close();
    ca?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  // Asynchronous: the servers answer from this process's event loop.
  async function install(home: string, args: string[], file = script) {
    const r = await runAsync(pwsh!, ['-NoProfile', '-NonInteractive', '-File', file, ...args], {
      timeoutMs: 120_000,
      env: {
        HOME: home,
        DOTNET_CLI_TELEMETRY_OPTOUT: '1',
        POWERSHELL_TELEMETRY_OPTOUT: '1',
        SSL_CERT_FILE: ca.certPath,
        LOCALAPPDATA: join(home, 'AppData', 'Local'),
        DEVBOX_INSTALL_USER_PATH_FILE: join(home, 'user-path.txt'),
      },
    });
    return { code: r.code, out: `${r.stdout}\n${r.stderr}` };
  }
  const fresh = () => {
    const home = mkdtempSync(join(work, 'home-'));
    writeFileSync(join(home, 'user-path.txt'), 'C:\\Windows\\System32;C:\\Tools');
    return home;
  };
  const installDir = (home: string) => join(home, 'AppData', 'Local', 'Programs', 'devbox');

  it('installs the verified exe, adds the folder to the user PATH once, and a second run is a no-op', async () => {
    const home = fresh();
    const first = await install(home, ['-BaseUrl', `${server.origin}/good`]);
    expect(first.code, first.out).toBe(0);
    expect(readFileSync(join(installDir(home), 'devbox.exe')).equals(payload)).toBe(true);
    expect(readdirSync(installDir(home))).toEqual(['devbox.exe']);
    expect(readFileSync(join(home, 'user-path.txt'), 'utf8')).toBe(`C:\\Windows\\System32;C:\\Tools;${installDir(home)}`);
    expect(first.out).toContain('Next: devbox up');

    const requests = server.requests.length;
    const second = await install(home, ['-BaseUrl', `${server.origin}/good`]);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toContain('already installed');
    expect(server.requests.length).toBe(requests);
    expect(readFileSync(join(home, 'user-path.txt'), 'utf8')).toBe(`C:\\Windows\\System32;C:\\Tools;${installDir(home)}`);
  });

  it('refuses a file whose sha256 is not the pinned one and leaves nothing behind', async () => {
    const home = fresh();
    const r = await install(home, ['-BaseUrl', `${server.origin}/bad`]);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(`is not the pinned ${payloadSha}`);
    expect(r.out).toContain('devbox was not installed');
    expect(existsSync(installDir(home))).toBe(false);
    expect(readFileSync(join(home, 'user-path.txt'), 'utf8')).toBe('C:\\Windows\\System32;C:\\Tools');
  });

  it('falls back to the next source (the mirror) when the first fails or serves other bytes', async () => {
    const home = fresh();
    const before = server.requests.length;
    const r = await install(home, ['-BaseUrl', [`${server.origin}/down`, `${server.origin}/bad`, `${server.origin}/good`].join(',')]);
    expect(r.code, r.out).toBe(0);
    expect(server.requests.slice(before).map((q) => q.path)).toEqual([`/down${assetPath}`, `/bad${assetPath}`, `/good${assetPath}`]);
    expect(readFileSync(join(installDir(home), 'devbox.exe')).equals(payload)).toBe(true);
  });

  it('refuses to run from the repository copy, which has no pin', async () => {
    const home = fresh();
    const r = await install(home, ['-BaseUrl', `${server.origin}/good`], join(repoRoot, 'install.ps1'));
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('carries no pinned sha256');
    expect(existsSync(installDir(home))).toBe(false);
  });
});
