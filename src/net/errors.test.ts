import { describe, expect, it } from 'vitest';
import { AllSourcesFailedError, NetError, classifyRequestError } from './errors.js';

function codeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyRequestError', () => {
  it('names TLS failures and does not retry them', () => {
    const e = classifyRequestError(
      'https://x/f',
      codeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
    );
    expect(e).toMatchObject({ kind: 'tls', retryable: false, code: 'net.tls' });
    expect(e.message).toBe(
      "https://x/f: TLS verification failed: the certificate is not valid for this host name (ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate's altnames)",
    );
  });

  it('retries resets and timeouts, not unknown hosts', () => {
    expect(classifyRequestError('u', codeError('ECONNRESET'))).toMatchObject({ kind: 'network', retryable: true });
    expect(classifyRequestError('u', codeError('UND_ERR_BODY_TIMEOUT'))).toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
    expect(classifyRequestError('u', codeError('ENOTFOUND', 'getaddrinfo ENOTFOUND x'))).toMatchObject({
      kind: 'network',
      retryable: false,
    });
  });

  it('lists every source when all fail', () => {
    const all = new AllSourcesFailedError('kind', [
      new NetError('http', 'https://a/k', 'answered HTTP 404'),
      new NetError('checksum', 'https://b/k', 'checksum mismatch'),
    ]);
    expect(all.message).toBe(
      'could not download kind from any of its 2 sources:\n  - https://a/k: answered HTTP 404\n  - https://b/k: checksum mismatch',
    );
    expect(all.exitCode).toBe(4);
  });
});
