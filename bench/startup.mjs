// Start-up budget (DESIGN.md): `devbox --version` and `devbox plan --help` under 2x the time of
// `node -e 0`, measured here in the same run, interleaved so machine load affects all three alike.
// The standalone executable (npm run dist), when built with this same Node, joins them: its
// `--version` against `node -e 0` of the Node it embeds.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const exe = fileURLToPath(new URL('../dist-bin/devbox-linux-x64', import.meta.url));
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const subjects = {
  'node -e 0': [process.execPath, '-e', '0'],
  'devbox --version': [process.execPath, bin, '--version'],
  'devbox plan --help': [process.execPath, bin, 'plan', '--help'],
};
if (existsSync(exe)) {
  const embedded = spawnSync(exe, ['--version'], { encoding: 'utf8' }).stdout.trim().split(' node-')[1];
  if (embedded === process.version) {
    subjects['exe --version'] = [exe, '--version'];
    subjects['exe plan --help'] = [exe, 'plan', '--help'];
    console.log(`dist-bin/devbox-linux-x64: ${(statSync(exe).size / 2 ** 20).toFixed(1)} MiB, embeds node ${embedded}`);
  } else {
    console.log(`dist-bin/devbox-linux-x64 embeds node ${embedded}, not this ${process.version}: not measured`);
  }
}

const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (let round = 0; round < rounds + 3; round++) {
  for (const [name, [file, ...args]] of Object.entries(subjects)) {
    const started = process.hrtime.bigint();
    const result = spawnSync(file, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${name} exited with ${result.status}`);
    if (round >= 3) times[name].push(ms); // the first rounds warm the file cache
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times['node -e 0']);
console.log(`start-up, median of ${rounds} runs each`);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(`  ${name.padEnd(20)} ${m.toFixed(1).padStart(7)} ms   ${(m / base).toFixed(2)}x node -e 0`);
}
const worst =
  Math.max(
    ...Object.keys(subjects)
      .filter((k) => k !== 'node -e 0')
      .map((k) => median(times[k])),
  ) / base;
console.log(`budget: under 2.00x; worst ${worst.toFixed(2)}x: ${worst < 2 ? 'OK' : 'OVER BUDGET'}`);
process.exitCode = worst < 2 ? 0 : 1;
