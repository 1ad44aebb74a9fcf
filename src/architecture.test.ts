/**
 * The seams of the architecture, checked on the source: side effects only in their own folders, a
 * core that never imports oclif. Breaking one of these makes dry-run or testing unsound.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const srcDir = new URL('.', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sourceFiles(srcDir).map((path) => ({ path: relative(srcDir, path), text: readFileSync(path, 'utf8') }));

function importers(pattern: RegExp): string[] {
  const specifiers = (text: string) =>
    [...text.matchAll(/^\s*import\s[^;]*?from\s+'([^']+)'/gms), ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map(
      (m) => m[1]!,
    );
  return files.filter((f) => specifiers(f.text).some((s) => pattern.test(s))).map((f) => f.path);
}

const outside = (paths: string[], ...allowed: string[]) => paths.filter((p) => !allowed.some((a) => p.startsWith(a)));

/** `from → to` for every relative import of a source file, both as paths under src/. */
const edges = files.flatMap((f) =>
  [
    ...f.text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms),
    ...f.text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g),
  ].map((m) => ({
    from: f.path,
    to: normalize(join(dirname(f.path), m[1]!)),
  })),
);

/** Imports from files under `from` into files under any of `to`, as `from → to` lines. */
function crossing(from: string, ...to: string[]): string[] {
  return edges
    .filter((e) => e.from.startsWith(from) && to.some((t) => e.to.startsWith(t)))
    .map((e) => `${e.from} → ${e.to}`);
}

describe('architecture', () => {
  it('runs processes only in src/platform', () => {
    expect(outside(importers(/^(node:)?child_process$|^execa$/), 'platform/')).toEqual([]);
  });

  it('touches the file system only in src/platform', () => {
    expect(outside(importers(/^(node:)?fs(\/promises)?$/), 'platform/')).toEqual([]);
  });

  it('speaks HTTP only in src/net', () => {
    expect(outside(importers(/^undici$|^(node:)?https?$/), 'net/')).toEqual([]);
  });

  it('prompts only in src/ui', () => {
    expect(outside(importers(/^@inquirer\//), 'ui/')).toEqual([]);
  });

  it('keeps oclif to the command layer', () => {
    expect(outside(importers(/^@oclif\//), 'commands/', 'cli/')).toEqual([]);
  });

  it('never branches on a dry-run flag in resources or the engine', () => {
    const offenders = files
      .filter((f) => (f.path.startsWith('resources/') || f.path.startsWith('engine/')) && /dryRun/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps dry-run out of resources: no recorded results, no dry-run flag, no verify switch', () => {
    // A resource learns nothing about the run it is in: recording ports and ReadBack decide.
    const offenders = files
      .filter((f) => f.path.startsWith('resources/') && /recorded|dryRun|\bverify\b/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('layers: the engine owns the ports and imports no implementation, area or app', () => {
    expect(crossing('engine/', 'platform/', 'resources/', 'app/', 'commands/', 'cli/', 'ui/', 'manifest/')).toEqual([]);
  });

  it('layers: platform implements the ports and knows no area, app or UI', () => {
    expect(crossing('platform/', 'resources/', 'app/', 'commands/', 'cli/', 'ui/')).toEqual([]);
  });

  it('layers: the manifest layer is below the areas', () => {
    expect(crossing('manifest/', 'resources/', 'engine/', 'platform/', 'app/', 'commands/', 'cli/', 'ui/')).toEqual([]);
  });

  it('layers: areas reach the machine only through the ports and the generic Windows operations', () => {
    const genericWindows = ['dism', 'netsh', 'powershell', 'reg', 'schtasks', 'text', 'wsl'].map(
      (n) => `platform/windows/${n}.js`,
    );
    const platformImports = crossing('resources/', 'platform/').filter(
      (line) => !genericWindows.some((g) => line.endsWith(g)),
    );
    expect(platformImports).toEqual([]);
    expect(crossing('resources/', 'app/', 'commands/', 'cli/', 'ui/')).toEqual([]);
  });

  it('areas depend on each other only through their index.ts (handles) or pure models', () => {
    // One area may import another's index (types of its handles) or its pure model files.
    const areaOf = (path: string) => path.split('/')[1];
    const crossArea = edges.filter(
      (e) => e.from.startsWith('resources/') && e.to.startsWith('resources/') && areaOf(e.from) !== areaOf(e.to),
    );
    // distro/ini.js is the INI parser three areas share; it moves to a shared module of its own.
    const allowed =
      /^resources\/[^/]+\/index\.js$|^resources\/(area|declared)\.js$|^resources\/network\/fixed-ip\.js$|^resources\/distro\/ini\.js$/;
    expect(
      crossArea.filter((e) => e.to.split('/').length > 2 && !allowed.test(e.to)).map((e) => `${e.from} → ${e.to}`),
    ).toEqual([]);
  });

  it('changes V8 flags in one documented place', () => {
    expect(outside(importers(/^(node:)?v8$/), 'net/v8-flags.ts')).toEqual([]);
  });
});
