import { describe, expect, it } from 'vitest';
import { checkEntryName, linkStaysInside, parseMaps, parseOnly, partSchema } from './format.js';
import { decryptSecrets, encryptSecrets, splitSecrets, WrongPassphraseError } from './secrets.js';
import { mapPaths } from './restore-config.js';
import { setLocale } from '../i18n/catalogue.js';
import { fakePart } from '../../test/fakes/backup-part.js';

describe('backup format', () => {
  it('accepts entry names under a root token and refuses the rest', () => {
    expect(checkEntryName('SCOOP/persist/git/config')).toEqual({ token: 'SCOOP', rest: ['persist', 'git', 'config'] });
    expect(checkEntryName('/etc/passwd')).toEqual({ refused: 'absolute or Windows-style path' });
    expect(checkEntryName('C:/Windows/x')).toEqual({ refused: 'absolute or Windows-style path' });
    expect(checkEntryName('SCOOP\\..\\x')).toEqual({ refused: 'absolute or Windows-style path' });
    expect(checkEntryName('SCOOP/persist/../../x')).toEqual({ refused: 'path with . or .. segments' });
    expect('refused' in checkEntryName('OTHER/x')).toBe(true);
  });

  it('lets links point only inside their root', () => {
    expect(linkStaysInside(['apps', 'git', 'current'], '2.51.0')).toBe(true);
    expect(linkStaysInside(['apps', 'git', 'current'], '../../persist/git')).toBe(true);
    expect(linkStaysInside(['apps', 'git', 'current'], '../../../outside')).toBe(false);
    expect(linkStaysInside(['a'], '/etc')).toBe(false);
    expect(linkStaysInside(['a'], 'D:\\Apps')).toBe(false);
  });

  it('parses --map and --only, refusing unknown tokens and parts', () => {
    expect(parseMaps(['SCOOP=E:\\Apps', 'USERPROFILE=C:\\Users\\me'])).toEqual({
      SCOOP: 'E:\\Apps',
      USERPROFILE: 'C:\\Users\\me',
    });
    expect(() => parseMaps(['HOME=/x'])).toThrow(/TOKEN=PATH/);
    // One folder per root: the same one twice is harmless, two different ones a usage error.
    expect(parseMaps(['SCOOP=E:\\Apps', 'SCOOP=e:\\apps\\'])).toEqual({ SCOOP: 'e:\\apps' });
    // A folder, not how it was typed; a drive's root keeps its backslash.
    expect(parseMaps(['SCOOP=E:\\Apps\\\\', 'SCOOP_GLOBAL=F:\\'])).toEqual({ SCOOP: 'E:\\Apps', SCOOP_GLOBAL: 'F:\\' });
    // As Windows reads a path: / is \, doubled separators and . segments name the same folder.
    expect(parseMaps(['SCOOP=E:/.'])).toEqual({ SCOOP: 'E:\\' });
    expect(parseMaps(['SCOOP=e:/a//b/', 'SCOOP_GLOBAL=E:\\x/.\\y\\.'])).toEqual({
      SCOOP: 'e:\\a\\b',
      SCOOP_GLOBAL: 'E:\\x\\y',
    });
    // Forward slashes, as Windows itself takes them.
    expect(parseMaps(['SCOOP=E:/Apps/Scoop/', 'SCOOP_GLOBAL=F:/'])).toEqual({
      SCOOP: 'E:\\Apps\\Scoop',
      SCOOP_GLOBAL: 'F:\\',
    });
    expect(() => parseMaps(['SCOOP=E:\\Apps', 'USERPROFILE=C:\\Users\\me', 'SCOOP=F:\\Apps'])).toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: '--map SCOOP is given twice, as E:\\Apps and as F:\\Apps: give each root once.',
      }),
    );
    expect(parseOnly(['distro', 'scoop'])).toEqual(['distro', 'scoop']);
    expect(() => parseOnly(['everything'])).toThrow(/--only everything/);
  });

  it('--map PATH must be an absolute Windows folder on a drive, without ".." (exit 2, naming the value)', () => {
    const bad = [
      'relative\\path',
      '/tmp/x',
      '\\\\server\\share\\x',
      'E:\\a\\..\\..\\Windows',
      'E:\\x:y',
      'E:\\a/../b',
      'E:/a\\..',
    ];
    for (const path of bad)
      expect(() => parseMaps([`SCOOP=${path}`]), path).toThrow(
        expect.objectContaining({ exitCode: 2, message: expect.stringContaining(`--map SCOOP=${path}: PATH must `) }),
      );
  });

  it('names a bad --map or --only in the current language', () => {
    setLocale('zh-CN');
    try {
      expect(() => parseOnly(['foo'])).toThrow('--only foo：取值必须是 distro, scoop, config, cluster 之一。');
      expect(() => parseMaps(['HOME=/x'])).toThrow(/^--map HOME=\/x：格式应为 TOKEN=PATH/);
    } finally {
      setLocale('en');
    }
  });

  it('maps Windows paths under a root onto the new root, case-insensitively, longest root first', () => {
    const from = { SCOOP: 'D:\\Scoop\\Local', SCOOP_GLOBAL: 'D:\\Scoop\\Local\\Global' };
    const to = { SCOOP: 'E:\\S', SCOOP_GLOBAL: 'F:\\G' };
    expect(
      mapPaths(
        { a: 'd:\\scoop\\local\\apps', b: ['D:\\Scoop\\Local\\Global\\x', 'D:\\Scoop\\Localx'], n: 1 },
        from,
        to,
      ),
    ).toEqual({ a: 'E:\\S\\apps', b: ['F:\\G\\x', 'D:\\Scoop\\Localx'], n: 1 });
  });
});

describe('secrets', () => {
  it('round-trips with the passphrase and refuses a wrong one or an altered envelope', () => {
    const sealed = encryptSecrets({ gh_token: 'ghp_x' }, 'correct horse');
    expect(sealed.includes(Buffer.from('ghp_x'))).toBe(false);
    expect(decryptSecrets(sealed, 'correct horse')).toEqual({ gh_token: 'ghp_x' });
    expect(() => decryptSecrets(sealed, 'battery staple')).toThrow(WrongPassphraseError);
    // Its way out is one devbox has: no passphrase (it once named a --skip-secrets flag that never existed).
    expect(new WrongPassphraseError().suggestions.join('\n')).toMatch(/give no passphrase/);
    expect(new WrongPassphraseError().suggestions.join('\n')).not.toContain('--skip-secrets');
    const envelope = JSON.parse(sealed.toString());
    envelope.data = Buffer.from('tampered').toString('base64');
    expect(() => decryptSecrets(Buffer.from(JSON.stringify(envelope)), 'correct horse')).toThrow(WrongPassphraseError);
  }, 20_000);

  it('moves tokens and proxy credentials out of the clear config', () => {
    const { clear, secret } = splitSecrets({
      gh_token: 't',
      proxy: 'user:pass@proxy:8080',
      aria2_enabled: true,
      virustotal_api_key: 'k',
    });
    expect(clear).toEqual({ aria2_enabled: true });
    expect(Object.keys(secret).sort()).toEqual(['gh_token', 'proxy', 'virustotal_api_key']);
    expect(splitSecrets({ proxy: 'proxy:8080' }).clear).toEqual({ proxy: 'proxy:8080' });
  });
});

describe('a part in manifest.json', () => {
  const part = fakePart({ kind: 'scoop', role: 'persist', file: 'scoop-persist.tar.zst' });

  it('has a role its kind knows; another would be skipped by every restore step, so it is refused', () => {
    expect(partSchema.safeParse(part).success).toBe(true);
    expect(partSchema.safeParse({ ...part, kind: 'cluster', role: 'images' }).success).toBe(true);
    const refused = partSchema.safeParse({ ...part, role: 'images' });
    expect(refused.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['role', '"images" is not a role of a scoop part (export, buckets, persist, cache, secrets)'],
    ]);
  });
});

describe('the parts of manifest.json', () => {
  it('has each file once and each kind/role once', async () => {
    const { backupManifestSchema } = await import('./format.js');
    const manifest = (parts: unknown[]) => ({
      schema: 1,
      devboxVersion: '0',
      createdAt: '',
      source: { windowsBuild: null, wslVersion: null, user: null, roots: {} },
      parts,
    });
    const distro = fakePart();
    expect(backupManifestSchema.safeParse(manifest([distro])).success).toBe(true);
    const twice = backupManifestSchema.safeParse(manifest([distro, { ...distro, file: 'second.tar.zst' }]));
    expect(twice.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['parts.1', 'a second part of distro'],
    ]);
    const vhd = backupManifestSchema.safeParse(manifest([distro, { ...distro, role: 'vhd', file: 'd.vhdx.zst' }]));
    expect(vhd.error?.issues.map((i) => i.message)).toEqual(['a second part of distro']);
    const sameFile = fakePart({ kind: 'config', role: 'config', file: 'DISTRO.tar.zst' });
    expect(backupManifestSchema.safeParse(manifest([distro, sameFile])).error?.issues.map((i) => i.message)).toEqual([
      'a second part of file distro.tar.zst',
    ]);
  });
});
