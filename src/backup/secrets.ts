/**
 * Secrets (Scoop's `gh_token`, proxy credentials, API keys) go into their own part, encrypted with
 * a passphrase: scrypt (N=2^15, r=8, p=1, 32-byte key) and AES-256-GCM from node:crypto. The GCM
 * tag authenticates the whole envelope, so a wrong passphrase and a damaged file both fail to open
 * before anything is written.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { ExitCode, UserError } from '../errors.js';
import { t } from '../i18n/catalogue.js';

const params = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

interface Envelope {
  format: 'devbox-secrets-1';
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

function key(passphrase: string, salt: Buffer, N: number, r: number, p: number): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: params.maxmem });
}

/** Encrypts a JSON value; returns the envelope's bytes. */
export function encryptSecrets(value: unknown, passphrase: string): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(passphrase, salt, params.N, params.r, params.p), iv);
  cipher.setAAD(Buffer.from('devbox-secrets-1'));
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  const envelope: Envelope = {
    format: 'devbox-secrets-1',
    kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`);
}

/** The passphrase did not open the secrets (or they were altered). */
export class WrongPassphraseError extends UserError {
  constructor() {
    super(t('restore.wrongPassphrase'), ExitCode.usage, {
      code: 'backup.passphrase',
      suggestions: [t('restore.wrongPassphraseFix'), t('restore.wrongPassphraseSkip')],
    });
  }
}

/** Decrypts an envelope; throws WrongPassphraseError when the tag does not match. */
export function decryptSecrets(bytes: Buffer, passphrase: string): unknown {
  let envelope: Envelope;
  try {
    envelope = JSON.parse(bytes.toString('utf8')) as Envelope;
  } catch {
    throw new WrongPassphraseError();
  }
  if (envelope.format !== 'devbox-secrets-1' || envelope.kdf?.name !== 'scrypt') throw new WrongPassphraseError();
  const { N, r, p, salt } = envelope.kdf;
  if (N > 1 << 20 || r > 16 || p > 4) throw new WrongPassphraseError();
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key(passphrase, Buffer.from(salt, 'base64'), N, r, p),
      Buffer.from(envelope.iv, 'base64'),
    );
    decipher.setAAD(Buffer.from('devbox-secrets-1'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    throw new WrongPassphraseError();
  }
}

/** Scoop config.json keys that hold secrets (research/backup.md: `scoop export -c` keeps them). */
export const secretKeys = ['gh_token', 'virustotal_api_key', 'proxy', 'private_hosts'] as const;

/** Splits a Scoop config into what may be stored in clear and what is secret. */
export function splitSecrets(config: Record<string, unknown>): {
  clear: Record<string, unknown>;
  secret: Record<string, unknown>;
} {
  const clear: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    const isSecret =
      (secretKeys as readonly string[]).includes(k.toLowerCase()) &&
      !(k.toLowerCase() === 'proxy' && typeof v === 'string' && !v.includes('@'));
    (isSecret ? secret : clear)[k] = v;
  }
  return { clear, secret };
}
