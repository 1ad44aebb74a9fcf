/**
 * Every devbox .ps1 parsed by PowerShell's own parser and checked for what Windows PowerShell 5.1
 * lacks (test/pwsh/check-ps51.ps1 with rules-ps51.json); the check itself is proven on fixtures,
 * one per construct it must catch.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPwsh } from './pwsh.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');

interface Report {
  file: string;
  parseErrors: { line: number; column: number; message: string }[];
  findings: { rule: string; line: number; column: number; text: string; detail: string }[];
}

/** Every .ps1 devbox ships or distributes: src/ and any installer, never tests or dependencies. */
function devboxScripts(dir = repo): string[] {
  const skip = new Set(['node_modules', 'dist', '.git', 'test', 'bench', 'coverage']);
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skip.has(name) ? [] : devboxScripts(path);
    return name.endsWith('.ps1') ? [path] : [];
  });
}

function check(files: string[]): Report[] {
  const r = runPwsh(['-File', join(here, 'check-ps51.ps1'), '-Rules', join(here, 'rules-ps51.json'), ...files]);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout.toString('utf8')) as Report[];
}

/** What each fixture must be reported for. */
const expected: Record<string, string[]> = {
  'background-operator.ps1': ['background-operator'],
  'clean-block.ps1': ['clean-block'],
  'cmdlet-get-error.ps1': ['cmdlet'],
  'cmdlet-missing.ps1': ['cmdlet'],
  'dotnet-member.ps1': ['dotnet-member'],
  'dotnet-move-overwrite.ps1': ['dotnet-member'],
  'encoding-utf8nobom.ps1': ['parameter'],
  'non-ascii-without-bom.ps1': ['file-encoding'],
  'foreach-parallel-alias.ps1': ['parameter', 'parameter'],
  'foreach-parallel.ps1': ['parameter'],
  'null-coalescing-assignment.ps1': ['null-coalescing-assignment'],
  'null-coalescing.ps1': ['null-coalescing'],
  'null-conditional-index.ps1': ['null-conditional'],
  'null-conditional.ps1': ['null-conditional'],
  'parameter-missing.ps1': ['parameter'],
  'parameter-prefix.ps1': ['parameter'],
  'parameter-skip-cert.ps1': ['parameter'],
  'pipeline-chain-or.ps1': ['pipeline-chain'],
  'pipeline-chain.ps1': ['pipeline-chain'],
  'replace-scriptblock.ps1': ['replace-scriptblock'],
  'ternary.ps1': ['ternary'],
  'unicode-escape.ps1': ['unicode-escape'],
  'variable-iswindows.ps1': ['variable'],
};

const fixtures = join(here, 'fixtures');
const fixtureFiles = () => [
  ...readdirSync(fixtures)
    .sort()
    .map((f) => join(fixtures, f)),
  join(here, 'ok-51.ps1'),
  join(here, 'parse-error.ps1'),
];

// One pwsh start for everything (start-up and loading the parser cost seconds on a busy machine).
let cached: Report[] | undefined;
const reports = () => (cached ??= check([...devboxScripts(), ...fixtureFiles()]));

describe('devbox PowerShell scripts', () => {
  it('parse without errors and use nothing Windows PowerShell 5.1 lacks', () => {
    const files = devboxScripts();
    expect(files.map((f) => relative(repo, f))).toEqual(
      expect.arrayContaining(['src/platform/windows/scripts/probe.ps1']),
    );
    const checked = reports().filter((r) => files.includes(r.file));
    expect(checked).toHaveLength(files.length);
    for (const report of checked) {
      expect({ file: relative(repo, report.file), parseErrors: report.parseErrors, findings: report.findings }).toEqual(
        { file: relative(repo, report.file), parseErrors: [], findings: [] },
      );
    }
  });
});

describe('the 5.1 check', () => {
  it('catches each 7-only construct, with its line, and nothing in 5.1 code; parse errors are reported', () => {
    const all = reports().filter((r) => fixtureFiles().includes(r.file));
    const byName = new Map(all.map((r) => [basename(r.file), r]));
    expect([...byName.keys()].filter((n) => !['ok-51.ps1', 'parse-error.ps1'].includes(n)).sort()).toEqual(
      Object.keys(expected).sort(),
    );
    for (const [name, rules] of Object.entries(expected)) {
      const report = byName.get(name)!;
      expect({ name, parseErrors: report.parseErrors, rules: report.findings.map((f) => f.rule) }).toEqual({
        name,
        parseErrors: [],
        rules,
      });
    }
    expect(byName.get('clean-block.ps1')!.findings[0]!.line).toBe(3);
    expect(
      byName
        .get('foreach-parallel-alias.ps1')!
        .findings.map((f) => f.detail)
        .join(' '),
    ).toMatch(/ForEach-Object -Parallel is 7\.0\+.*ForEach-Object -ThrottleLimit/);
    expect(byName.get('ok-51.ps1')!.findings).toEqual([]);
    expect(byName.get('ok-51.ps1')!.parseErrors).toEqual([]);
    expect(byName.get('parse-error.ps1')!.parseErrors.length).toBeGreaterThan(0);
    expect(byName.get('parse-error.ps1')!.parseErrors[0]).toMatchObject({ line: 2 });
  });
});
