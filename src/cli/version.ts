/**
 * `devbox --version` and `devbox --version --json`: made in one place for both ways devbox starts,
 * the npm build's fast path (bin/run.js, before oclif loads) and the executables (standalone.ts).
 */

/** Whether `args` ask only for the version (with or without `--json`). */
export function versionRequest(args: readonly string[]): { json: boolean } | undefined {
  const rest = args.filter((a) => a !== '--json');
  if (args.length > 2 || rest.length !== 1 || (rest[0] !== '--version' && rest[0] !== '-v')) return undefined;
  return { json: args.includes('--json') };
}

/** What `--version` prints: oclif's one line, or the same facts as JSON like every command's `--json`. */
export function versionOutput(version: string, json: boolean): string {
  const facts = { name: 'devbox', version, platform: process.platform, arch: process.arch, node: process.version };
  return json
    ? `${JSON.stringify(facts, null, 2)}\n`
    : `devbox/${version} ${process.platform}-${process.arch} node-${process.version}\n`;
}
