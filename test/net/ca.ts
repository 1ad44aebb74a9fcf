/**
 * A certificate authority made at test time with openssl: a root CA, and leaf certificates for
 * whatever names and IP addresses a test server must prove it is. Nothing here is trusted by the
 * system; tests hand the CA to devbox with --ca-bundle / DEVBOX_CA_BUNDLE.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIP } from 'node:net';

export interface LeafCertificate {
  key: string;
  cert: string;
}

export interface TestCa {
  /** The CA certificate (PEM): what a client must trust. */
  caPem: string;
  /** Path of a file holding caPem. */
  caFile: string;
  /** Issues a certificate for these DNS names and IP addresses, signed by this CA. */
  issue(names: readonly string[]): LeafCertificate;
  /** A self-signed certificate for the names: valid names, untrusted chain. */
  selfSigned(names: readonly string[]): LeafCertificate;
  dispose(): void;
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function san(names: readonly string[]): string {
  return names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
}

/** Makes a fresh CA in a temp directory (EC P-256: fast to generate). */
export function makeTestCa(label = 'devbox-net-test'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'devbox-net-ca-'));
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'ca.key',
      '-sha256',
      '-days',
      '2',
      '-subj',
      `/CN=${label} CA`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-out',
      'ca.pem',
    ],
    dir,
  );
  let serial = 0;
  const leaf = (names: readonly string[], selfSigned: boolean): LeafCertificate => {
    const id = `leaf${++serial}`;
    writeFileSync(
      join(dir, `${id}.ext`),
      `subjectAltName=${san(names)}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`,
    );
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${id}.key`], dir);
    if (selfSigned) {
      openssl(
        [
          'req',
          '-x509',
          '-new',
          '-key',
          `${id}.key`,
          '-sha256',
          '-days',
          '2',
          '-subj',
          `/CN=${names[0]}`,
          '-addext',
          `subjectAltName=${san(names)}`,
          '-out',
          `${id}.pem`,
        ],
        dir,
      );
    } else {
      openssl(['req', '-new', '-key', `${id}.key`, '-subj', `/CN=${names[0]}`, '-out', `${id}.csr`], dir);
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `${id}.csr`,
          '-CA',
          'ca.pem',
          '-CAkey',
          'ca.key',
          '-set_serial',
          String(1000 + serial),
          '-days',
          '2',
          '-sha256',
          '-extfile',
          `${id}.ext`,
          '-out',
          `${id}.pem`,
        ],
        dir,
      );
    }
    return { key: readFileSync(join(dir, `${id}.key`), 'utf8'), cert: readFileSync(join(dir, `${id}.pem`), 'utf8') };
  };
  return {
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    caFile: join(dir, 'ca.pem'),
    issue: (names) => leaf(names, false),
    selfSigned: (names) => leaf(names, true),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
