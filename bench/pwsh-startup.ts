// What real PowerShell costs the tests (issue 17): each devbox script the simulator's
// powershell.exe runs starts one pwsh. Measured here, interleaved so load affects all alike:
// node -e 0 (the floor of any simulated tool), a bare pwsh start, and the simulator running
// probe.ps1 (empty batch, and a typical batch) through pwsh over the simulated primitives.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WindowsMachine } from '../test/winsim/machine.js';
import { findPwsh } from '../test/winsim/pwsh.js';

const pwsh = findPwsh();
if (!pwsh) throw new Error('pwsh not found: dotnet tool install --global PowerShell --version 7.6.9');
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const probe = fileURLToPath(new URL('../src/platform/windows/scripts/probe.ps1', import.meta.url));
const m = WindowsMachine.create({ preset: 'win11' });
const flags = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', probe];
const typical = JSON.stringify({
  ops: [
    { op: 'os' },
    { op: 'feature', name: 'VirtualMachinePlatform' },
    { op: 'registry', key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss', depth: 1 },
    { op: 'file', path: '%USERPROFILE%\\.wslconfig' },
    { op: 'scoop', roots: [] },
  ],
});
const subjects: Record<string, () => number | null> = {
  'node -e 0': () => spawnSync(process.execPath, ['-e', '0']).status,
  'pwsh -Command exit': () => spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', 'exit']).status,
  'sim probe, no ops': () => m.run('powershell.exe', flags, { input: '{"ops":[]}' }).status,
  'sim probe, 5 ops': () => m.run('powershell.exe', flags, { input: typical }).status,
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
try {
  for (let round = 0; round < rounds + 1; round++) {
    for (const [name, run] of Object.entries(subjects)) {
      const started = process.hrtime.bigint();
      const status = run();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (status !== 0) throw new Error(`${name} exited with ${status}`);
      if (round >= 1) times[name]!.push(ms); // the first round stages the scripts and warms caches
    }
  }
} finally {
  m.dispose();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(times['node -e 0']!);
console.log(`pwsh start-up, median of ${rounds} runs each`);
for (const [name, xs] of Object.entries(times)) {
  const t = median(xs);
  console.log(`  ${name.padEnd(22)} ${t.toFixed(0).padStart(6)} ms   ${(t / base).toFixed(1)}x node -e 0`);
}
