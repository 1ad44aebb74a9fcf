#!/usr/bin/env node
// `devbox --version` and `devbox <command> --help` answer without loading oclif: scripts call them in
// loops and they must be cheap. The help text is oclif's own, rendered at build time (scripts/build.mjs).
const args = process.argv.slice(2);

// First of all, before any bundle loads: V8's young generation stays small (src/net/v8-flags.ts).
const { keepYoungGenerationSmall } = await import('#dist/net/v8-flags.js');
keepYoungGenerationSmall();

// The language of messages and help (src/i18n/locale.ts; src/cli/locale.ts asks Windows when only
// Windows can tell). Kept on globalThis, where every bundle's copy of src/i18n finds it.
async function language() {
  // The common case without loading anything: no --lang and a POSIX locale that is not Chinese is
  // English (src/i18n/locale.ts maps only zh* to a catalogue other than en).
  // The `language` setting (devbox config) sits between --lang and the environment.
  const { readOutputSettings } = await import('#dist/platform/settings-file.js');
  const setting = readOutputSettings().language;
  const posix = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG;
  const flagged = args.some((a) => a === '--lang' || a.startsWith('--lang='));
  if (posix && !/^zh/i.test(posix) && !flagged && setting === undefined) {
    globalThis[Symbol.for('devbox.locale')] = 'en';
    return 'en';
  }
  const { environmentDecides, langFromArgv, resolveLocale } = await import('#dist/i18n/locale.js');
  const sources = { flag: langFromArgv(args), setting, env: process.env };
  const locale = environmentDecides(sources)
    ? resolveLocale(sources)
    : await (await import('#dist/cli/locale.js')).chooseLocale(args, process.env, setting);
  globalThis[Symbol.for('devbox.locale')] = locale;
  return locale;
}

async function cached() {
  const { versionRequest, versionOutput } = await import('#dist/cli/version.js');
  const asked = versionRequest(args);
  if (asked) {
    const { readFileSync } = await import('node:fs');
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    return versionOutput(version, asked.json);
  }
  // --lang chooses which rendering of the help to serve; it is not part of the command's words.
  const rest = args.filter((a, i) => a !== '--lang' && args[i - 1] !== '--lang' && !a.startsWith('--lang='));
  const help = rest.length > 0 && (rest[rest.length - 1] === '--help' || rest[rest.length - 1] === '-h');
  const words = rest.slice(0, -1);
  if (!help || process.env.DEVBOX_NO_HELP_CACHE || !words.every((w) => /^[a-z][a-z-]*$/.test(w))) return undefined;
  // The cached help is 80 columns wide (scripts/build.mjs): another asked-for width is rendered live.
  const width = process.env.OCLIF_COLUMNS || process.env.COLUMNS;
  if (width && width !== '80') return undefined;
  const { readFileSync } = await import('node:fs');
  const locale = await language();
  try {
    return readFileSync(
      new URL(
        `../dist/help/${locale === 'en' ? '' : `${locale}/`}${words.length ? words.join('_') : '_root'}.txt`,
        import.meta.url,
      ),
      'utf8',
    );
  } catch {
    return undefined;
  }
}

const text = await cached();
if (text !== undefined) {
  process.stdout.write(text);
} else {
  // V8's compiled code for the bundles, kept on disk between runs (Node >= 22.1): evaluating the
  // command bundle and oclif is most of a converged run's start-up (measured: 298 → 246 ms for a
  // converged `status`). It lives in devbox's cache folder, keyed by Node version and file contents,
  // so a rebuild or another Node never gets stale code; NODE_COMPILE_CACHE, when set, wins.
  const { enableCompileCache } = await import('node:module');
  if (enableCompileCache && !process.env.NODE_DISABLE_COMPILE_CACHE) {
    const [{ join }, { cacheDirectory }, { makeDirectorySync }] = await Promise.all([
      import('node:path'),
      import('#dist/platform/files.js'),
      import('#dist/platform/make-directory.js'),
    ]);
    const folder = process.env.NODE_COMPILE_CACHE ?? join(cacheDirectory(), 'v8-compile');
    // Node's own folder creation never returns under /proc (src/platform/make-directory.ts): create it
    // ourselves, and run without the cache when that fails.
    try {
      makeDirectorySync(folder);
      enableCompileCache(folder);
    } catch {
      // An unusable cache folder only costs start-up time.
    }
  }
  // oclif as one vendored file (scripts/build.mjs), the copy the bundled commands use.
  const [{ execute }] = await Promise.all([import('#oclif-core'), language()]);
  await execute({ dir: import.meta.url });
}
