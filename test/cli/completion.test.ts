/**
 * Shell completion for real: the script `devbox completion bash` prints is sourced by bash and its
 * function run with COMP_WORDS as bash's completion sets them; the PowerShell one is loaded into
 * pwsh and asked through TabExpansion2, which is what pressing Tab calls.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';
import { runPwsh } from '../pwsh/pwsh.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-completion-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function script(shell: string): string {
  const result = runDevbox(['completion', shell]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe('devbox completion bash', () => {
  const file = join(work, 'devbox.bash');
  writeFileSync(file, script('bash'));

  /** COMPREPLY for the words typed so far (the last one is the word under the cursor). */
  function complete(...words: string[]): string[] {
    const result = spawnSync(
      'bash',
      [
        '-c',
        'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _devbox; printf "%s\\n" "${COMPREPLY[@]}"',
        'bash',
        file,
        'devbox',
        ...words,
      ],
      { encoding: 'utf8', cwd: work },
    );
    expect(result.stderr).toBe('');
    return result.stdout.split('\n').filter(Boolean).sort();
  }

  it('completes commands, topics and subcommands', () => {
    expect(complete('')).toEqual(
      expect.arrayContaining(['backup', 'completion', 'config', 'doctor', 'manifest', 'net', 'plan', 'status', 'up']),
    );
    expect(complete('')).not.toContain('internal');
    expect(complete('pl')).toEqual(['plan']);
    expect(complete('manifest', '')).toEqual(['schema', 'show', 'validate']);
    expect(complete('cluster', 'debug', '')).toEqual(['kubelet']);
    expect(complete('backup', 'v')).toEqual(['verify']);
  });

  it('completes flags and their values, also after other flags', () => {
    expect(complete('plan', '--pl')).toEqual(['--plane']);
    expect(complete('up', '--y')).toEqual(['--yes']);
    expect(complete('plan', '--plane', '')).toEqual(['guest', 'host']);
    expect(complete('plan', '--plane', '=', 'g')).toEqual(['guest']);
    expect(complete('up', '-m', 'x.yaml', '--plane', 'guest', '--dr')).toEqual(['--dry-run']);
    expect(complete('doctor', '--fix', '')).toEqual(['runc-hang']);
    writeFileSync(join(work, 'team.yaml'), '');
    expect(complete('plan', '-m', 'te')).toEqual(['team.yaml']);
  });

  it('completes arguments with fixed values, and the value of a setting by its key', () => {
    expect(complete('config', 'set', '')).toEqual(['color', 'language', 'manifest']);
    expect(complete('config', 'set', 'language', '')).toEqual(['en', 'zh-CN']);
    expect(complete('config', 'set', 'color', 'n')).toEqual(['never']);
    expect(complete('completion', '')).toEqual(['bash', 'powershell']);
  });
});

describe('devbox completion powershell', () => {
  const file = join(work, 'devbox.ps1');
  writeFileSync(file, script('powershell'));

  /** What TabExpansion2 offers for each line, the cursor at its end. */
  function complete(lines: string[]): string[][] {
    const test = join(work, 'complete.ps1');
    writeFileSync(
      test,
      [
        'param([string]$Script, [string]$Lines)',
        '$ErrorActionPreference = "Stop"',
        '. ([scriptblock]::Create((Get-Content -Raw -LiteralPath $Script)))',
        'foreach ($line in ($Lines | ConvertFrom-Json)) {',
        '  $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length',
        '  ,@($r.CompletionMatches | ForEach-Object CompletionText) | ConvertTo-Json -Compress',
        '}',
      ].join('\n'),
    );
    const result = runPwsh(['-File', test, '-Script', file, '-Lines', JSON.stringify(lines)], { cwd: work });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    return result.stdout
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as string[] | string | null) ?? [])
      .map((v) => (Array.isArray(v) ? v : [v]).sort());
  }

  it('completes commands, flags, values and arguments through TabExpansion2', () => {
    const [top, pl, manifest, plane, planeValue, planeEquals, setKey, setValue, exe, doctorFix] = complete([
      'devbox ',
      'devbox pl',
      'devbox manifest ',
      'devbox plan --pl',
      'devbox plan -m x.yaml --plane ',
      'devbox plan --plane=g',
      'devbox config set ',
      'devbox config set language ',
      'devbox.exe cluster debug ',
      'devbox doctor --fix ',
    ]);
    expect(top).toEqual(expect.arrayContaining(['backup', 'config', 'doctor', 'manifest', 'plan', 'up']));
    expect(top).not.toContain('internal');
    expect(pl).toEqual(['plan']);
    expect(manifest).toEqual(['schema', 'show', 'validate']);
    expect(plane).toEqual(['--plane']);
    expect(planeValue).toEqual(['guest', 'host']);
    expect(planeEquals).toEqual(['--plane=guest']);
    expect(setKey).toEqual(['color', 'language', 'manifest']);
    expect(setValue).toEqual(['en', 'zh-CN']);
    expect(exe).toEqual(['kubelet']);
    expect(doctorFix).toEqual(['runc-hang']);
  });
});
