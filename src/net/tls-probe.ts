/**
 * The TLS probe: is `address` really a server for `name`? It connects to address:443 with SNI set
 * to the name and verifies the certificate chain and the name the normal way (Node's trust store,
 * plus a CA bundle the user added). A poisoned DNS answer points at a host that cannot present a
 * valid certificate for the name, so it fails here and is never written to the hosts file.
 */
import { isIP } from 'node:net';
import { connect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { t } from '../i18n/catalogue.js';
import { describeTlsCode } from './errors.js';
import { trustedCas } from './proxy.js';

/** The outcome for one address. */
export interface TlsVerdict {
  address: string;
  name: string;
  port: number;
  ok: boolean;
  /** TCP connect time, ms. */
  connectMs?: number;
  /** From TCP connected to TLS verified, ms. */
  handshakeMs?: number;
  protocol?: string;
  /** The certificate's subject CN, SANs, issuer and expiry, when the server sent one. */
  certificate?: { subject?: string; altNames?: string; issuer?: string; validTo?: string };
  /** Why it failed (for the user). */
  error?: string;
  /** The underlying error code, e.g. ERR_TLS_CERT_ALTNAME_INVALID, ECONNREFUSED. */
  code?: string;
}

export interface TlsProbeOptions {
  port?: number;
  timeoutMs?: number;
  /** PEM certificates trusted in addition to the normal store. */
  extraCaPem?: string;
}

function describeCertificate(cert: PeerCertificate | undefined): TlsVerdict['certificate'] {
  if (!cert || Object.keys(cert).length === 0) return undefined;
  const pick = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);
  const out: NonNullable<TlsVerdict['certificate']> = {};
  const subject = pick(cert.subject?.CN);
  const issuer = pick(cert.issuer?.CN) ?? pick(cert.issuer?.O);
  if (subject) out.subject = subject;
  if (cert.subjectaltname) out.altNames = cert.subjectaltname;
  if (issuer) out.issuer = issuer;
  if (cert.valid_to) out.validTo = cert.valid_to;
  return out;
}

function reason(code: string | undefined, message: string, name: string, timeoutMs: number): string {
  switch (code) {
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return t('tlsProbe.altName', { name });
    case 'ECONNREFUSED':
      return t('tlsProbe.refused');
    case 'ECONNRESET':
      return t('tlsProbe.reset');
    case 'ETIMEDOUT':
      return t('tlsProbe.timeout', { ms: timeoutMs });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return t('tlsProbe.unreachable');
    default:
      return describeTlsCode(code) ?? message;
  }
}

/** Connects to address:port with SNI `name` and reports whether the server proved it is `name`. */
export function probeTls(address: string, name: string, options: TlsProbeOptions = {}): Promise<TlsVerdict> {
  const port = options.port ?? 443;
  const timeoutMs = options.timeoutMs ?? 5000;
  const ca = trustedCas(options.extraCaPem);
  const base = { address, name, port };
  return new Promise((resolve) => {
    const started = performance.now();
    let connectedAt: number | undefined;
    let settled = false;
    let socket: TLSSocket | undefined;
    const finish = (verdict: TlsVerdict) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(verdict);
    };
    const timer = setTimeout(() => {
      finish({
        ...base,
        ok: false,
        code: 'ETIMEDOUT',
        error: reason('ETIMEDOUT', '', name, timeoutMs),
        ...(connectedAt ? { connectMs: Math.round(connectedAt - started) } : {}),
      });
    }, timeoutMs);
    if (!isIP(address)) {
      finish({ ...base, ok: false, code: 'EINVAL', error: `${address} is not an IP address` });
      return;
    }
    // rejectUnauthorized stays true: an unverified server is a failed probe, never a weaker pass.
    socket = connect({
      host: address,
      port,
      servername: name,
      rejectUnauthorized: true,
      ALPNProtocols: ['http/1.1'],
      ...(ca ? { ca } : {}),
    });
    socket.once('connect', () => {
      connectedAt = performance.now();
    });
    socket.once('secureConnect', () => {
      const now = performance.now();
      const cert = describeCertificate(socket!.getPeerCertificate());
      finish({
        ...base,
        ok: true,
        connectMs: Math.round((connectedAt ?? started) - started),
        handshakeMs: Math.round((now - (connectedAt ?? started)) * 10) / 10,
        protocol: socket!.getProtocol() ?? undefined,
        ...(cert ? { certificate: cert } : {}),
      } as TlsVerdict);
    });
    socket.once('error', (error: NodeJS.ErrnoException & { cert?: PeerCertificate }) => {
      const code = error.code;
      let peer: PeerCertificate | undefined = error.cert;
      try {
        peer ??= socket?.getPeerCertificate();
      } catch {
        // no certificate was received
      }
      const cert = describeCertificate(peer);
      finish({
        ...(cert ? { certificate: cert } : {}),
        ...base,
        ok: false,
        code: code ?? 'ERROR',
        error: reason(code, error.message, name, timeoutMs),
        ...(connectedAt ? { connectMs: Math.round(connectedAt - started) } : {}),
      });
    });
  });
}
