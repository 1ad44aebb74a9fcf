// Compiles src/ to dist/, copies the non-TypeScript assets (guest shell scripts, PowerShell files) next
// to the modules that read them, and renders every command's help once, so `devbox <cmd> --help`
// answers without loading oclif (bin/run.js serves these files; the text is oclif's own output).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, extname, relative } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

const assetExtensions = new Set(['.sh', '.ps1', '.json', '.yaml']);
function copyAssets(dir) {
  for (const name of readdirSync(join(root, 'src', dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, 'src', rel)).isDirectory()) copyAssets(rel);
    else if (assetExtensions.has(extname(name))) cpSync(join(root, 'src', rel), join(root, 'dist', rel));
  }
}
copyAssets('');

// Each command becomes one file with the code it uses (oclif stays shared, and the libraries loaded
// only on demand stay separate): loading a few large modules is much faster than hundreds of small
// ones, and start-up is most of a converged `devbox status`.
const commandFiles = [];
(function collect(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path);
    else if (name.endsWith('.js')) commandFiles.push(path);
  }
})(join(root, 'dist', 'commands'));
const esbuild = await import('esbuild');

// oclif itself is a tree of about 150 CommonJS files; resolving and reading them took as long as
// everything else a converged `devbox status` does. One vendored bundle of it, shared by bin/run.js,
// every command and the help class through the import map's `#oclif-core`, is one file to read, and
// still one copy of oclif (its classes are compared with instanceof). TypeScript and ts-node are
// only for running uncompiled sources (bin/dev.js, which uses node_modules directly).
await esbuild.build({
  entryPoints: [require.resolve('@oclif/core')],
  outfile: join(root, 'dist', 'vendor', 'oclif-core.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  logLevel: 'warning',
  external: ['typescript', 'ts-node'],
});
// Imported from ESM, a CommonJS file is first scanned whole for its export names (0.1 s for this
// one); `require` skips that, so the import map points at an ESM shim that requires the bundle and
// re-exports the names it has.
const oclifExports = Object.keys(require(join(root, 'dist', 'vendor', 'oclif-core.cjs'))).filter(
  (name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default',
);
writeFileSync(
  join(root, 'dist', 'vendor', 'oclif-core.mjs'),
  [
    "import { createRequire } from 'node:module';",
    "const oclif = createRequire(import.meta.url)('./oclif-core.cjs');",
    'export default oclif;',
    ...oclifExports.map((name) => `export const ${name} = oclif.${name};`),
    '',
  ].join('\n'),
);

await esbuild.build({
  entryPoints: [...commandFiles, join(root, 'dist', 'cli', 'help.js'), join(root, 'dist', 'cli', 'not-found.js')],
  outbase: join(root, 'dist'),
  outdir: join(root, 'dist'),
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: false,
  logLevel: 'warning',
  external: ['undici', '@inquirer/prompts', 'dns-packet', 'esbuild', 'conf'],
  plugins: [
    {
      // Through the package's own import map (package.json "imports"): oclif is the vendored bundle,
      // and a module imported on demand stays a separate file under `#dist/*` (bundled, its imports
      // would become static ones).
      name: 'import-map',
      setup(build) {
        build.onResolve({ filter: /^@oclif\/core$/ }, () => ({ path: '#oclif-core', external: true }));
        build.onResolve({ filter: /^\./ }, (args) => {
          if (args.kind !== 'dynamic-import') return undefined;
          // The settings (read for -m's default) stay in the bundle, initialised on first use: as a file
          // of their own they would load a second copy of zod beside the one the manifest commands have.
          if (args.path.endsWith('/app/settings.js')) return undefined;
          const target = join(args.resolveDir, args.path);
          return { path: `#dist/${relative(join(root, 'dist'), target).split('\\').join('/')}`, external: true };
        });
      },
    },
  ],
  banner: {
    js: "import { createRequire as __devboxCreateRequire } from 'node:module'; const require = __devboxCreateRequire(import.meta.url);",
  },
});

// oclif.manifest.json lists every command's flags and help, so a run loads only the command it
// runs (without it oclif imports every command module at start: slower, and more memory).
const { Plugin } = await import('@oclif/core');
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();
writeFileSync(join(root, 'oclif.manifest.json'), `${JSON.stringify(plugin.manifest, null, 2)}\n`);

function commandIds(dir) {
  const ids = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) ids.push(...commandIds(path));
    else if (name.endsWith('.js'))
      ids.push(
        relative(join(root, 'dist', 'commands'), path)
          .replace(/\.js$/, '')
          .split('/')
          .join(' '),
      );
  }
  return ids;
}
// English in dist/help, every other language of src/i18n in dist/help/<locale>; the locale is
// chosen the way a user's would be (LC_ALL), so the builder's own locale does not leak in.
const ids = commandIds(join(root, 'dist', 'commands'));
for (const [locale, lcAll] of [
  ['en', 'C'],
  ['zh-CN', 'zh_CN.UTF-8'],
]) {
  const helpDir = join(root, 'dist', 'help', ...(locale === 'en' ? [] : [locale]));
  mkdirSync(helpDir, { recursive: true });
  // No settings folder either: the builder's own `language` setting would win over LC_ALL.
  const noSettings = join(root, 'dist', '.no-settings');
  const env = {
    ...process.env,
    // The width bin/run.js serves the cached help for (it renders live for any other COLUMNS).
    COLUMNS: '80',
    NO_COLOR: '1',
    DEVBOX_NO_HELP_CACHE: '1',
    LC_ALL: lcAll,
    DEVBOX_CONFIG_DIR: noSettings,
  };
  const render = (args) =>
    execFileSync(process.execPath, [join(root, 'bin', 'run.js'), ...args], { env, encoding: 'utf8' });
  writeFileSync(join(helpDir, '_root.txt'), render(['--help']));
  for (const id of ids) {
    writeFileSync(join(helpDir, `${id.replace(/ /g, '_')}.txt`), render([...id.split(' '), '--help']));
  }
}
