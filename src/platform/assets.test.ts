import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetFile, assetNames, readAsset, runningStandalone } from './assets.js';
import { selfCommand } from './runtime.js';

const repo = new URL('../..', import.meta.url).pathname;

describe('assets', () => {
  it('lists every PowerShell script and the guest agent (scripts/dist.mjs embeds the same set)', () => {
    const scripts = readdirSync(join(repo, 'src', 'platform', 'windows', 'scripts')).filter((n) => n.endsWith('.ps1'));
    for (const name of scripts) expect(assetNames).toContain(`platform/windows/scripts/${name}`);
    expect(assetNames).toContain('platform/guest/agent.sh');
    expect(assetNames).toContain('manifests/default.yaml');
  });

  it('reads them from the package when not running as an executable', () => {
    expect(runningStandalone()).toBe(false);
    expect(readAsset('manifests/default.yaml').equals(readFileSync(join(repo, 'manifests', 'default.yaml')))).toBe(
      true,
    );
    expect(
      readAsset('platform/windows/scripts/probe.ps1').equals(
        readFileSync(join(repo, 'src', 'platform', 'windows', 'scripts', 'probe.ps1')),
      ),
    ).toBe(true);
    expect(assetFile('platform/windows/scripts/elevate.ps1')).toBe(
      join(repo, 'src', 'platform', 'windows', 'scripts', 'elevate.ps1'),
    );
  });
});

describe('selfCommand', () => {
  it('starts the executable itself when standalone, node and bin/run.js otherwise', () => {
    expect(selfCommand(true)).toEqual({ file: process.execPath, args: [] });
    expect(selfCommand(false)).toEqual({ file: process.execPath, args: [join(repo, 'bin', 'run.js')] });
  });
});
