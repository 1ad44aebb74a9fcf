/**
 * Builds the simulator's executables: the TypeScript sources of test/winsim are transpiled once
 * (by content hash) to plain JavaScript that node runs directly; each machine gets small shell
 * shims named wsl.exe, dism.exe, ... that start it.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { findPwsh } from './pwsh.js';

const sourceDir = dirname(fileURLToPath(import.meta.url));
/** Files the executables need (the test-side API and the build itself stay out). */
const excluded = new Set(['build.ts', 'machine.ts']);

export const simTools = [
  'wsl.exe',
  'dism.exe',
  'reg.exe',
  'netsh.exe',
  'schtasks.exe',
  'msiexec.exe',
  'shutdown.exe',
  'powershell.exe',
] as const;

let built: string | undefined;

/** The directory holding main.js, built if needed. */
export function buildSimulator(): string {
  if (built) return built;
  const files = readdirSync(sourceDir)
    .filter(
      (f) =>
        (f.endsWith('.ts') || f.endsWith('.ps1') || f.endsWith('.psm1')) && !f.endsWith('.test.ts') && !excluded.has(f),
    )
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(join(sourceDir, f)));
  const root = '/var/tmp/dbx4-winsim-build';
  const target = join(root, hash.digest('hex').slice(0, 16));
  if (!existsSync(join(target, 'main.js'))) {
    mkdirSync(root, { recursive: true });
    const work = mkdtempSync(join(root, 'tmp-'));
    for (const f of files) {
      if (!f.endsWith('.ts')) {
        writeFileSync(join(work, f), readFileSync(join(sourceDir, f)));
        continue;
      }
      const output = ts.transpileModule(readFileSync(join(sourceDir, f), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, sourceMap: false },
        fileName: f,
      });
      writeFileSync(join(work, f.replace(/\.ts$/, '.js')), output.outputText);
    }
    writeFileSync(join(work, 'package.json'), '{"type":"module"}\n');
    try {
      renameSync(work, target);
    } catch {
      // Another test process built the same sources first.
      rmSync(work, { recursive: true, force: true });
    }
  }
  built = target;
  return target;
}

const shellQuote = (s: string) => {
  if (s.includes("'")) throw new Error(`cannot quote ${s}`);
  return `'${s}'`;
};

/** The shim that runs one tool of one machine (powershell.exe hands devbox's scripts to this machine's pwsh). */
export function shim(buildDir: string, machineDir: string, tool: string): string {
  return `#!/bin/sh\nWINSIM_PWSH=${shellQuote(findPwsh() ?? '')} exec ${shellQuote(process.execPath)} ${shellQuote(join(buildDir, 'main.js'))} ${shellQuote(machineDir)} ${shellQuote(tool)} "$@"\n`;
}
