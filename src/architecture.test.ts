/**
 * The seams of the architecture, checked on the source: side effects only in their own folders, a
 * core that never imports oclif. Breaking one of these makes dry-run or testing unsound.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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
  const specifiers = (text: string) => [...text.matchAll(/^\s*import\s[^;]*?from\s+'([^']+)'/gms), ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
  return files.filter((f) => specifiers(f.text).some((s) => pattern.test(s))).map((f) => f.path);
}

const outside = (paths: string[], ...allowed: string[]) => paths.filter((p) => !allowed.some((a) => p.startsWith(a)));

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
    const offenders = files.filter((f) => (f.path.startsWith('resources/') || f.path.startsWith('engine/')) && /dryRun/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
