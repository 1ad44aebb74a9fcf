/**
 * Issue 15 kind 6: no `scoop export` file may end in "Internal error". A generated matrix over the forms
 * Scoop writes (Scoop:libexec/scoop-export.ps1, old text form and JSON since v0.2.3; Windows PowerShell 5.1
 * UTF-16LE with \/Date()\/ dates, PowerShell 7 UTF-8 with ISO dates; local-folder Sources of buckets without
 * .git from Scoop:lib/buckets.ps1) asserts a valid manifest or a user error, never anything else.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UserError } from '../errors.js';
import { initFromScoopExport } from './init.js';

const dir = mkdtempSync(join(tmpdir(), 'devbox-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dates = {
  ps51: '\\/Date(1700000000000)\\/',
  wrapped: { value: '\\/Date(1700000000000)\\/', DisplayHint: 2, DateTime: 'Tuesday, 14 November 2023 22:13:20' },
  iso: '2023-11-14T22:13:20.0000000+00:00',
  missing: undefined,
};
const bucketSources: Record<string, unknown> = {
  git: 'https://github.com/ScoopInstaller/Extras',
  localHome: '~\\scoop\\buckets\\main',
  localAbsolute: 'D:\\Scoop\\buckets\\mine',
  empty: '',
  missing: undefined,
  number: 7,
};
const infos = [
  '',
  'Global install',
  'Held package',
  'Install failed',
  '64bit',
  'Global install, Held package, arm64',
  'Deprecated package',
];

type Encoding = 'utf16le' | 'utf8' | 'utf8bom';
function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf16le')
    return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]);
  return Buffer.from(`${encoding === 'utf8bom' ? '\uFEFF' : ''}${text}`, 'utf8');
}

interface Variant {
  name: string;
  text: string;
}
const variants: Variant[] = [];
for (const [dateName, date] of Object.entries(dates)) {
  for (const [sourceName, source] of Object.entries(bucketSources)) {
    for (const bucketName of ['main', 'extras', 'mine']) {
      const apps = infos.map((info, i) => ({
        Name: `app${i}`,
        Version: '1.0',
        Source: i % 2 ? bucketName : 'main',
        Updated: date,
        Info: info,
      }));
      apps.push({ Name: 'app0', Version: '1.0', Source: 'main', Updated: date, Info: 'Global install' });
      apps.push({
        Name: 'fromurl',
        Version: '2',
        Source: 'https://example.test/fromurl.json',
        Updated: date,
        Info: '',
      });
      const json = {
        buckets: [{ Name: bucketName, Source: source, Updated: date, Manifests: 3 }],
        apps,
        config: { SCOOP_REPO: 'D:\\Scoop\\apps\\scoop\\current', proxy: 'none', last_update: date },
      };
      variants.push({
        name: `json ${dateName} ${sourceName} ${bucketName}`,
        text: `WARN  Scoop was updated\n${JSON.stringify(json, null, 4)}`,
      });
    }
  }
}
variants.push({
  name: 'one bucket as an object, one app as an object',
  text: JSON.stringify({
    buckets: { Name: 'main', Source: '~\\scoop\\buckets\\main' },
    apps: { Name: 'git', Source: 'main' },
  }),
});
variants.push({
  name: 'missing fields',
  text: JSON.stringify({
    buckets: [{ Name: 'extras' }],
    apps: [{ Name: 'git' }, { Name: 'x', Source: null, Info: null }],
  }),
});
variants.push({ name: 'no Name', text: JSON.stringify({ buckets: [], apps: [{ Version: '1' }] }) });
variants.push({
  name: 'a name Scoop would not use',
  text: JSON.stringify({
    buckets: [{ Name: 'my bucket', Source: 'https://x.test/b' }],
    apps: [{ Name: '../evil', Source: 'main' }],
  }),
});
variants.push({
  name: 'old text form',
  text: '7zip (v:19.00) [main]\ngit (v:2.30.0) *global* [main]\nfoo (v:1.0) [https://example.test/foo.json] {32bit}\nbar (v:2)\n',
});
variants.push({ name: 'empty export', text: '{"buckets": [], "apps": []}' });
variants.push({ name: 'not an export', text: 'hello' });
variants.push({ name: 'broken JSON', text: '{"apps": [' });
variants.push({ name: 'JSON array', text: '[1, 2]' });

describe('devbox init --from-scoop-export over export variants', () => {
  const cases = variants.flatMap((v) =>
    (['utf16le', 'utf8', 'utf8bom'] as const).map((e) => [`${v.name} (${e})`, v.text, e] as const),
  );
  it.each(cases)('%s: a valid manifest or a user error', async (name, text, encoding) => {
    const file = join(dir, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.json`);
    writeFileSync(file, encode(text, encoding));
    const outcome: Awaited<ReturnType<typeof initFromScoopExport>> | Error = await initFromScoopExport(file, {
      cwd: dir,
    }).catch((e: Error) => e);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(UserError);
      return;
    }
    expect(outcome.format).toBe('manifest');
    expect(parse(outcome.text).scoop).toBeDefined();
  });

  it('turns a PowerShell 5.1 export with local-folder Sources into a manifest: known buckets by name, others as notes', async () => {
    const json = {
      buckets: [
        { Name: 'main', Source: '~\\scoop\\buckets\\main', Updated: dates.ps51, Manifests: 1300 },
        { Name: 'extras', Source: '~\\scoop\\buckets\\extras', Updated: dates.ps51, Manifests: 2000 },
        { Name: 'mine', Source: 'D:\\Scoop\\buckets\\mine', Updated: dates.ps51, Manifests: 4 },
      ],
      apps: [
        { Name: 'git', Version: '2.44', Source: 'main', Updated: dates.ps51, Info: '' },
        { Name: 'tool', Version: '1', Source: 'mine', Updated: dates.ps51, Info: 'Global install' },
      ],
    };
    const file = join(dir, 'ps51.json');
    writeFileSync(file, encode(JSON.stringify(json, null, 4), 'utf16le'));
    const result = await initFromScoopExport(file, { cwd: dir });
    const scoop = parse(result.text).scoop;
    expect(scoop.buckets).toEqual([{ name: 'extras' }]);
    expect(scoop.apps).toEqual([{ name: 'git' }, { name: 'tool', global: true }]);
    expect(result.notes).toEqual([
      'bucket "mine" has no git remote in the export (D:\\Scoop\\buckets\\mine): left out; add it under scoop.buckets with its git URL',
      'tool was installed from bucket mine, which the manifest does not add: listed without a bucket',
    ]);
  });
});
