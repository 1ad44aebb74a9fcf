import { describe, expect, it } from 'vitest';
import { fakeScoop } from '../../../test/fakes/scoop-probe.js';
import { formatScoopExport, parsePowerShellDate, parseScoopExport } from './export.js';
import { scoopFromMachine, scoopSectionFromExport } from './from-machine.js';

/** `scoop export -c` under Windows PowerShell 5.1 (the shape of Scoop#5208 / #6607, dates as ConvertTo-Json writes them). */
const ps51 = `WARN  Scoop uses 'aria2c' for multi-connection downloads.
{
    "buckets": [
        {
            "Name": "main",
            "Source": "https://github.com/ScoopInstaller/Main",
            "Updated": {
                "value": "\\/Date(1772846659000)\\/",
                "DisplayHint": 2,
                "DateTime": "Saturday, March 7, 2026 1:24:19 AM"
            },
            "Manifests": 1385
        },
        {
            "Name": "dorado",
            "Source": "https://github.com/chawyehsu/dorado",
            "Updated": "\\/Date(1772846659000+0800)\\/",
            "Manifests": 12
        }
    ],
    "apps": [
        {
            "Name": "7zip",
            "Version": "26.00",
            "Source": "main",
            "Updated": "\\/Date(1772846659510)\\/",
            "Info": ""
        },
        {
            "Name": "aria2",
            "Version": "1.37.0-1",
            "Source": "main",
            "Updated": "\\/Date(1772846659510)\\/",
            "Info": "Global install, 32bit"
        },
        {
            "Name": "idea",
            "Version": "2025.2.1",
            "Source": "extras",
            "Updated": "\\/Date(1772846659510)\\/",
            "Info": ""
        },
        {
            "Name": "broken",
            "Version": "",
            "Source": "",
            "Updated": "\\/Date(1772846659510)\\/",
            "Info": "Install failed"
        }
    ],
    "config": {
        "aria2-enabled": true,
        "aria2-split": "16",
        "scoop_repo": "https://github.com/ScoopInstaller/Scoop",
        "use_lessmsi": true
    }
}`;

/** The same from PowerShell 7: ISO dates, a one-element list written as itself. */
const ps7 = `{
  "buckets": { "Name": "main", "Source": "https://github.com/ScoopInstaller/Main", "Updated": "2026-03-07T01:24:19+00:00", "Manifests": 1385 },
  "apps": [
    { "Name": "7zip", "Version": "26.00", "Source": "main", "Updated": "2026-03-07T01:24:19.5107562-03:00", "Info": "" },
    { "Name": "fromurl", "Version": "1.0", "Source": "https://example.com/fromurl.json", "Updated": "2026-03-07T01:24:19Z", "Info": "" }
  ]
}`;

describe("Scoop's export JSON", () => {
  it('reads dates in every form PowerShell writes them', () => {
    expect(parsePowerShellDate('/Date(1772846659000)/')).toBe('2026-03-07T01:24:19.000Z');
    expect(parsePowerShellDate('/Date(1772846659000+0800)/')).toBe('2026-03-07T01:24:19.000Z');
    expect(parsePowerShellDate({ value: '/Date(1772846659000)/', DisplayHint: 2 })).toBe('2026-03-07T01:24:19.000Z');
    expect(parsePowerShellDate('2026-03-07T01:24:19.5107562-03:00')).toBe('2026-03-07T04:24:19.510Z');
    expect(parsePowerShellDate('')).toBeUndefined();
  });

  it("reads Windows PowerShell 5.1's form (after a WARN line) into manifest form", () => {
    const data = parseScoopExport(ps51);
    expect(data.apps.map((a) => [a.name, a.global, a.failed, a.architecture ?? null, a.updated])).toEqual([
      ['7zip', false, false, null, '2026-03-07T01:24:19.510Z'],
      ['aria2', true, false, '32bit', '2026-03-07T01:24:19.510Z'],
      ['idea', false, false, null, '2026-03-07T01:24:19.510Z'],
      ['broken', false, true, null, '2026-03-07T01:24:19.510Z'],
    ]);
    expect(data.buckets.map((b) => b.updated)).toEqual(['2026-03-07T01:24:19.000Z', '2026-03-07T01:24:19.000Z']);
    const { section, notes } = scoopSectionFromExport(data);
    expect(section).toEqual({
      aria2: { enabled: true, maxConnectionPerServer: 5, split: 16, minSplitSize: '5M', warning: true },
      config: { use_lessmsi: true },
      buckets: [{ name: 'dorado', url: 'https://github.com/chawyehsu/dorado' }, { name: 'extras' }],
      apps: [{ name: '7zip' }, { name: 'aria2', global: true }, { name: 'idea', bucket: 'extras' }],
    });
    expect(notes).toEqual(['broken is a failed install in the export: left out']);
  });

  it("reads PowerShell 7's form, and an app installed from a URL", () => {
    const data = parseScoopExport(ps7);
    expect(data.buckets).toEqual([
      {
        name: 'main',
        source: 'https://github.com/ScoopInstaller/Main',
        updated: '2026-03-07T01:24:19.000Z',
        manifests: 1385,
      },
    ]);
    expect(scoopSectionFromExport(data)).toEqual({
      section: { buckets: [], apps: [{ name: '7zip' }, { name: 'fromurl' }] },
      notes: ['fromurl was installed from https://example.com/fromurl.json, not a bucket: listed without a bucket'],
    });
  });

  it('refuses what is not an export, and writes one Scoop can import', () => {
    expect(() => parseScoopExport('Scoop is not installed', 'x.json')).toThrow("x.json is not Scoop's export JSON");
    expect(() => parseScoopExport('{"apps": [{"Version": "1"}]}')).toThrow('without a Name');
    const text = formatScoopExport({
      buckets: [{ name: 'extras', source: 'https://github.com/ScoopInstaller/Extras' }],
      apps: [{ name: 'aria2', version: '1.37.0-1', source: 'main', global: true, failed: false, held: true }],
    });
    expect(text).toContain('\r\n');
    expect(JSON.parse(text)).toEqual({
      buckets: [{ Name: 'extras', Source: 'https://github.com/ScoopInstaller/Extras', Updated: '', Manifests: 0 }],
      apps: [{ Name: 'aria2', Version: '1.37.0-1', Source: 'main', Updated: '', Info: 'Global install, Held package' }],
    });
    expect(parseScoopExport(text).apps[0]).toMatchObject({ global: true, held: true });
  });

  it('exports the machine from disk: the Scoop whose folders resolve, apps per scope, failed installs left out', () => {
    const probe = fakeScoop({
      config: {
        root_path: 'D:\\S',
        global_path: 'D:\\G',
        proxy: '127.0.0.1:7890',
        'aria2-enabled': 'false',
        last_update: 'x',
        use_lessmsi: true,
      },
      roots: [
        {
          path: 'D:\\S',
          core: true,
          apps: [{ name: '7zip' }, { name: 'idea', bucket: 'extras' }, { name: 'dark', failed: true }],
          buckets: [
            { name: 'main', git: false },
            { name: 'extras', url: 'https://github.com/ScoopInstaller/Extras' },
            { name: 'team', url: 'https://gitee.com/team/bucket' },
          ],
        },
        { path: 'D:\\G', apps: [{ name: 'aria2' }] },
      ],
    });
    const machine = scoopFromMachine(probe)!;
    expect(machine.section).toEqual({
      root: 'D:\\S',
      globalRoot: 'D:\\G',
      proxy: '127.0.0.1:7890',
      aria2: { enabled: false, maxConnectionPerServer: 5, split: 5, minSplitSize: '5M', warning: true },
      config: { use_lessmsi: true },
      buckets: [{ name: 'extras' }, { name: 'team', url: 'https://gitee.com/team/bucket' }],
      apps: [{ name: '7zip' }, { name: 'idea', bucket: 'extras' }, { name: 'aria2', global: true }],
    });
    expect(machine.notes).toEqual(['dark (user) is a failed install (apps\\dark has no "current"): left out']);
    expect(machine.export.config).toEqual({ proxy: '127.0.0.1:7890', 'aria2-enabled': 'false', use_lessmsi: true });
    expect(scoopFromMachine(fakeScoop({ roots: [{ path: 'C:\\Users\\dev\\scoop' }] }))).toBeUndefined();
  });
});
