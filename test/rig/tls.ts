/**
 * Real TLS for tests: a certificate authority generated at test time with openssl (from Debian's
 * packages), certificates it issues for chosen names, and HTTPS servers on loopback using them.
 * Clients trust the CA only where a test says so (NODE_EXTRA_CA_CERTS for the devbox process), so TLS
 * verification is real and never switched off.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key and certificate in PEM. */
export interface Pem {
  key: string;
  cert: string;
}

export interface TestCa {
  /** Folder holding the CA's files; removed by dispose(). */
  dir: string;
  /** Path of the CA certificate, for NODE_EXTRA_CA_CERTS. */
  certPath: string;
  /** Issues a server certificate for DNS names and IP addresses. */
  issue(names: { dns?: string[]; ip?: string[] }): Pem;
  dispose(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Creates a fresh CA (P-256, valid 2 days) in a temp folder whose name starts with `prefix`. */
export function createTestCa(prefix = 'devbox-test-ca-'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=devbox test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  let serial = 0;
  return {
    dir,
    certPath: join(dir, 'ca.crt'),
    issue(names) {
      serial += 1;
      const base = `leaf${serial}`;
      const san = [...(names.dns ?? []).map((n) => `DNS:${n}`), ...(names.ip ?? []).map((n) => `IP:${n}`)].join(',');
      writeFileSync(
        join(dir, `${base}.ext`),
        `subjectAltName=${san}\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`,
      );
      openssl(
        [
          'req',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          `${base}.key`,
          '-out',
          `${base}.csr`,
          '-subj',
          `/CN=${names.dns?.[0] ?? names.ip?.[0] ?? 'test'}`,
        ],
        dir,
      );
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `${base}.csr`,
          '-CA',
          'ca.crt',
          '-CAkey',
          'ca.key',
          '-set_serial',
          String(1000 + serial),
          '-days',
          '2',
          '-extfile',
          `${base}.ext`,
          '-out',
          `${base}.crt`,
        ],
        dir,
      );
      return {
        key: readFileSync(join(dir, `${base}.key`), 'utf8'),
        cert: readFileSync(join(dir, `${base}.crt`), 'utf8'),
      };
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
}

export interface TestHttpsServer {
  /** e.g. https://127.0.0.1:40123 */
  origin: string;
  port: number;
  /** Every request received, in order. */
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Starts an HTTPS server on 127.0.0.1 at an ephemeral port. */
export async function startHttpsServer(pem: Pem, handler: Handler): Promise<TestHttpsServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer({ key: pem.key, cert: pem.cert }, (request, response) => {
    requests.push({ method: request.method ?? '', path: request.url ?? '' });
    handler(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler serving `files` (path without leading slash → body) and 404 for anything else. */
export function serveFiles(files: () => Record<string, string>): Handler {
  return (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'https://x').pathname.slice(1));
    const body = files()[path];
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
  };
}
