import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { checkNetSettings, httpSettings } from './net-settings.js';

const dir = mkdtempSync(join(tmpdir(), 'devbox-netset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pem = join(dir, 'ca.pem');
writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const notPem = join(dir, 'ca.txt');
writeFileSync(notPem, 'hello');

describe('checkNetSettings: --proxy and --ca-bundle are checked before a run does anything', () => {
  it.each([
    [{ proxy: 'notaurl' }, 'is not a URL'],
    [{ proxy: 'ftp://proxy:21' }, 'unsupported scheme ftp:'],
    [{ caBundle: join(dir, 'missing.pem') }, 'Cannot read the CA bundle'],
    [{ caBundle: notPem }, 'holds no PEM certificate'],
    [{ env: { DEVBOX_CA_BUNDLE: notPem } }, 'holds no PEM certificate'],
  ])('%j → exit 2 naming the value', async (settings, words) => {
    const failure = checkNetSettings(settings);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(words);
  });

  it('accepts none, http/socks proxies and a PEM bundle, relative to cwd', async () => {
    await checkNetSettings({ proxy: 'none' });
    await checkNetSettings({ proxy: 'socks5://127.0.0.1:1080' });
    const settings = await httpSettings({ proxy: 'http://127.0.0.1:3128', caBundle: 'ca.pem', cwd: dir, env: {} });
    expect(settings.proxy).toBe('http://127.0.0.1:3128');
    expect(settings.extraCaPem).toContain('BEGIN CERTIFICATE');
  });
});
