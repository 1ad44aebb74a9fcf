#!/usr/bin/env node
// Download benchmark: one file from a local server that throttles every connection, fetched by
// `devbox net fetch`, by aria2c with the same number of connections, and by curl (one connection),
// in the same run. Prints each throughput, the ratios, and each tool's peak RSS.
//
//   npm run bench -- download          (builds first)   or   node bench/download.mjs (after npm run build)
//
// Settings (environment): BENCH_SIZE_MIB (256), BENCH_RATE_MIB (4: MiB/s per connection),
// BENCH_CONNECTIONS (4), BENCH_ROUNDS (1: devbox and aria2c alternate who goes first, the median
// run of each is compared), BENCH_SKIP_CURL=1, BENCH_SKIP_FLOOR=1 (no bare Node downloader),
// BENCH_ENFORCE=1 (exit 1 when a target is missed).
// Targets (DESIGN.md, issues 5 and 15): devbox ≥ aria2c, devbox peak RSS < 100 MiB and at most 2× aria2c's,
// devbox within 10% of the throttle's limit (connections × rate).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '../test/net/http-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const MiB = 1024 * 1024;
const sizeMiB = Number(process.env.BENCH_SIZE_MIB ?? 256);
const rateMiB = Number(process.env.BENCH_RATE_MIB ?? 4);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const size = sizeMiB * MiB;
const rate = rateMiB * MiB;

function haveCommand(name) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0;
}

for (const tool of ['aria2c', 'curl']) {
  if (!haveCommand(tool)) {
    console.error(
      `bench/download needs ${tool} (Debian package ${tool === 'aria2c' ? 'aria2' : tool}); .ci/run installs it.`,
    );
    process.exit(2);
  }
}
if (!existsSync(join(root, 'dist', 'commands', 'net', 'fetch.js'))) {
  console.error('Build first: npm run build (or run via npm run bench).');
  process.exit(2);
}
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

async function sha256File(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

async function makeFile(path) {
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  for (let i = 0; i < sizeMiB; i++) {
    const block = randomBytes(MiB);
    hash.update(block);
    if (!out.write(block)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return hash.digest('hex');
}

/** Runs argv, returns wall seconds and peak RSS (KiB) as measured by GNU time (wait4 rusage). */
function measure(argv, env = {}) {
  const timeFile = join(work, `time-${Math.random().toString(36).slice(2)}`);
  const full = gnuTime ? [gnuTime, '-f', '%e %M', '-o', timeFile, ...argv] : argv;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(full[0], full.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        reject(new Error(`${argv.join(' ')} exited with ${code}\n${stderr}${stdout}`));
        return;
      }
      let rssKiB;
      if (gnuTime && existsSync(timeFile)) rssKiB = Number(readFileSync(timeFile, 'utf8').trim().split(/\s+/).pop());
      resolve({ seconds, rssKiB, stdout });
    });
  });
}

const work = mkdtempSync(join(tmpdir(), 'devbox-bench-net-'));
const server = await startTestServer({ throttle: rate });
try {
  console.log(
    `bench/download: ${sizeMiB} MiB, throttled to ${rateMiB} MiB/s per connection, ${connections} connections, ${rounds} round(s)`,
  );
  const source = join(work, 'source.bin');
  const sha256 = await makeFile(source);
  server.file('/file.bin', { path: source, size });
  const url = server.url('/file.bin');

  const runs = [];
  const run = async (tool, conns, argv, output, env) => {
    rmSync(output, { force: true });
    server.resetStats();
    const result = await measure(argv, env);
    const got = await sha256File(output);
    if (got !== sha256) throw new Error(`${tool} produced a file with sha256 ${got}, expected ${sha256}`);
    const limit = size / (conns * rate);
    runs.push({
      tool,
      connections: conns,
      seconds: result.seconds,
      mibPerSecond: sizeMiB / result.seconds,
      peakRssMiB: result.rssKiB ? result.rssKiB / 1024 : undefined,
      ofLimit: limit / result.seconds,
      serverConnections: server.stats.connections,
      requests: server.stats.requests.length,
    });
    const last = runs[runs.length - 1];
    console.log(
      `  ${tool.padEnd(7)} ${last.seconds.toFixed(2)} s  ${last.mibPerSecond.toFixed(2)} MiB/s  ${(last.ofLimit * 100).toFixed(1)}% of its limit  peak RSS ${last.peakRssMiB?.toFixed(1) ?? '?'} MiB  (${last.requests} requests on ${last.serverConnections} connections)`,
    );
  };

  const devboxOut = join(work, 'devbox.bin');
  const ariaOut = join(work, 'aria2.bin');
  const runDevbox = () =>
    run(
      'devbox',
      connections,
      [
        process.execPath,
        join(root, 'bin', 'run.js'),
        'net',
        'fetch',
        url,
        '--sha256',
        sha256,
        '--connections',
        String(connections),
        '-o',
        devboxOut,
        '--json',
      ],
      devboxOut,
      { DEVBOX_CACHE_DIR: join(work, `cache-${runs.length}`) },
    );
  const runAria = () =>
    run(
      'aria2c',
      connections,
      [
        'aria2c',
        '-x',
        String(connections),
        '-s',
        String(connections),
        '-k',
        '1M',
        '--file-allocation=none',
        '--allow-overwrite=true',
        '--auto-file-renaming=false',
        '--console-log-level=warn',
        '--summary-interval=0',
        '--download-result=hide',
        `--checksum=sha-256=${sha256}`,
        '-d',
        work,
        '-o',
        'aria2.bin',
        url,
      ],
      ariaOut,
    );
  const floorOut = join(work, 'floor.bin');
  const runFloor = () =>
    run(
      'node',
      connections,
      [
        process.execPath,
        join(root, 'bench', 'download-floor.mjs'),
        url,
        String(size),
        String(connections),
        floorOut,
        sha256,
      ],
      floorOut,
    );
  for (let round = 0; round < rounds; round++) {
    // Alternate who goes first, so a change in machine load does not always favour the same tool.
    for (const go of round % 2 === 0 ? [runDevbox, runAria] : [runAria, runDevbox]) await go();
  }
  // The floor: the least a Node program does for the same download (bench/download-floor.mjs).
  if (process.env.BENCH_SKIP_FLOOR !== '1') for (let round = 0; round < rounds; round++) await runFloor();
  if (process.env.BENCH_SKIP_CURL !== '1') {
    const curlOut = join(work, 'curl.bin');
    await run('curl', 1, ['curl', '-sS', '--fail', '-o', curlOut, url], curlOut);
  }

  /** The median run of a tool (by time). */
  const median = (tool) => {
    const mine = runs.filter((r) => r.tool === tool).sort((a, b) => a.seconds - b.seconds);
    return mine[Math.floor((mine.length - 1) / 2)];
  };
  const devbox = median('devbox');
  const aria = median('aria2c');
  const curl = median('curl');
  const peakRss = Math.max(...runs.filter((r) => r.tool === 'devbox').map((r) => r.peakRssMiB ?? Infinity));
  const ariaPeakRss = Math.max(...runs.filter((r) => r.tool === 'aria2c').map((r) => r.peakRssMiB ?? 0));
  const floorRuns = runs.filter((r) => r.tool === 'node');
  const floorPeakRss = floorRuns.length ? Math.max(...floorRuns.map((r) => r.peakRssMiB ?? 0)) : undefined;
  const limitMiB = connections * rateMiB;
  console.log('');
  console.log(
    `  throttle limit with ${connections} connections: ${limitMiB} MiB/s${rounds > 1 ? ` (medians of ${rounds} rounds below)` : ''}`,
  );
  console.log(
    `  devbox ${devbox.mibPerSecond.toFixed(2)} MiB/s, aria2c ${aria.mibPerSecond.toFixed(2)} MiB/s${curl ? `, curl ${curl.mibPerSecond.toFixed(2)} MiB/s` : ''}; peak RSS devbox ${peakRss.toFixed(1)} MiB, aria2c ${ariaPeakRss.toFixed(1)} MiB (${(peakRss / ariaPeakRss).toFixed(2)}×)`,
  );
  if (floorPeakRss)
    console.log(
      `  a bare Node downloader (bench/download-floor.mjs): peak RSS ${floorPeakRss.toFixed(1)} MiB = ${(floorPeakRss / ariaPeakRss).toFixed(2)}× aria2c's; devbox ${(peakRss / floorPeakRss).toFixed(2)}× of it`,
    );
  console.log(`  devbox / aria2c throughput: ${(devbox.mibPerSecond / aria.mibPerSecond).toFixed(3)}`);
  if (curl) console.log(`  devbox / curl throughput:   ${(devbox.mibPerSecond / curl.mibPerSecond).toFixed(3)}`);
  const targets = [
    ['devbox at least as fast as aria2c', devbox.mibPerSecond >= aria.mibPerSecond],
    ['devbox within 10% of the throttle limit', devbox.mibPerSecond >= 0.9 * limitMiB],
    ['devbox peak RSS under 100 MiB', peakRss < 100],
    ["devbox peak RSS at most 2× aria2c's", peakRss <= 2 * ariaPeakRss],
  ];
  for (const [what, ok] of targets) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${what}`);
  mkdirSync(join(root, '.bench-results'), { recursive: true });
  writeFileSync(
    join(root, '.bench-results', 'download.json'),
    `${JSON.stringify({ sizeMiB, rateMiB, connections, rounds, runs, targets: Object.fromEntries(targets) }, null, 2)}\n`,
  );
  if (process.env.BENCH_ENFORCE === '1' && targets.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
