/**
 * `devbox manifest validate|show|schema` through the built CLI: output, --json shapes, exit codes,
 * and never a stack trace for a manifest mistake.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runDevbox } from '../rig/cli.js';

const fixHint = '  → Fix each line above, then run `devbox manifest validate` again.\n';
const builtin = 'builtin:default (manifests/default.yaml)';
const examples = join(repoRoot, 'manifests', 'examples');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'devbox-mt-commands-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs devbox in the scratch folder, with the example mirror variable unset. */
const devbox = (args: string[], env: Record<string, string | undefined> = {}) =>
  runDevbox(args, { cwd: work, env: { DEVBOX_APT_MIRROR: undefined, ...env } });

describe('devbox manifest validate', () => {
  it('validates the built-in default when no -m is given', () => {
    const result = devbox(['manifest', 'validate']);
    expect(result).toMatchObject({ code: 0, stdout: `Valid: ${builtin}\n`, stderr: '' });
  });

  it('lists the whole extends chain of the examples', () => {
    const result = devbox(['manifest', 'validate', '-m', join(examples, 'personal.yaml')]);
    expect(result.stdout).toBe(
      `Valid: ${join(examples, 'personal.yaml')} ← ${join(examples, 'team-base.yaml')} ← ${builtin}\n`,
    );
    expect(result.code).toBe(0);
  });

  it('answers --json with the files, the hash of the resolved manifest and the warnings', () => {
    const result = devbox(['manifest', 'validate', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const body = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(body).toEqual({
      valid: true,
      files: [builtin],
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      warnings: [],
    });
    // The hash identifies the resolved manifest: stable across runs.
    expect((JSON.parse(devbox(['manifest', 'validate', '--json']).stdout) as { hash: string }).hash).toBe(body.hash);
  });

  it('prints warnings on stderr and still exits 0', () => {
    writeFileSync(
      join(work, 'tunnel.yaml'),
      'extends: builtin:default\nwsl:\n  config:\n    wsl2:\n      dnsTunneling: true\n',
    );
    const result = devbox(['manifest', 'validate', '-m', 'tunnel.yaml']);
    expect(result.stderr).toBe(
      'tunnel.yaml:5:21  wsl.config.wsl2.dnsTunneling  warning: is true while distro.dns sets fixed nameservers: WSL then answers DNS itself and a fixed resolv.conf bypasses it; set dnsTunneling: false to use distro.dns, or remove distro.dns\n',
    );
    expect(result.stdout).toBe(`Valid: tunnel.yaml ← ${builtin}\n`);
    expect(result.code).toBe(0);
    const json = JSON.parse(devbox(['manifest', 'validate', '--json', '-m', 'tunnel.yaml']).stdout) as {
      warnings: unknown[];
    };
    expect(json.warnings).toEqual([
      {
        path: 'wsl.config.wsl2.dnsTunneling',
        message: expect.stringMatching(/^is true while distro\.dns/),
        severity: 'warning',
        position: { file: 'tunnel.yaml', line: 5, col: 21 },
      },
    ]);
  });

  it('reports every problem of a bad manifest, sorted by position, with exit 3 and no stack trace', () => {
    writeFileSync(
      join(work, 'bad.yaml'),
      'cluster:\n  workers: 9\n  nmae: dev\ndistro:\n  name: "Ubuntu; touch /tmp/pwned"\n',
    );
    const result = devbox(['manifest', 'validate', '-m', 'bad.yaml']);
    expect(result.stderr).toBe(
      [
        'Error: The manifest has 3 problems:',
        'bad.yaml:2:12  cluster.workers  must be at most 8 (got 9)',
        'bad.yaml:3:3  cluster.nmae  unknown key "nmae": did you mean "name"?',
        'bad.yaml:5:9  distro.name  must be a distribution name of letters, digits, ".", "_" and "-" only (no spaces or shell characters), not starting with "-", such as Ubuntu-24.04 (got "Ubuntu; touch /tmp/pwned")',
        fixHint,
      ].join('\n'),
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(3);
  });

  it('answers --json for a bad manifest with every issue as data on stdout', () => {
    writeFileSync(join(work, 'bad.yaml'), 'cluster:\n  workers: 9\n');
    const result = devbox(['manifest', 'validate', '--json', '-m', 'bad.yaml']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'manifest.invalid',
        exitCode: 3,
        message: 'The manifest has 1 problem:\nbad.yaml:2:12  cluster.workers  must be at most 8 (got 9)',
        suggestions: ['Fix each line above, then run `devbox manifest validate` again.'],
        issues: [
          {
            path: 'cluster.workers',
            message: 'must be at most 8 (got 9)',
            severity: 'error',
            position: { file: 'bad.yaml', line: 2, col: 12 },
          },
        ],
      },
    });
  });

  it('names a manifest that does not exist', () => {
    const result = devbox(['manifest', 'validate', '-m', 'nope.yaml']);
    expect(result.stderr).toBe('Error: file not found: nope.yaml\n  → Check the path given with -m/--manifest.\n');
    expect(result.code).toBe(2);
  });

  it('refuses a plain http manifest URL', () => {
    const result = devbox(['manifest', 'validate', '-m', 'http://example.invalid/devbox.yaml']);
    expect(result.stderr).toBe(
      `Error: The manifest has 1 problem:\n(manifest)  (root)  "http://example.invalid/devbox.yaml" must use https:// (manifests are fetched over verified TLS only)\n${fixHint}`,
    );
    expect(result.code).toBe(3);
  });

  it('treats an unknown flag as a usage error (exit 2)', () => {
    const result = devbox(['manifest', 'validate', '--manifset', 'x.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: Unknown flag: --manifset\. Did you mean --manifest\?/);
  });

  it('suggests the flags every command takes (--no-color, --lang) for a typo of them', () => {
    const noColor = devbox(['manifest', 'validate', '--nocolor']);
    expect([noColor.code, noColor.stderr]).toEqual([2, expect.stringMatching(/Did you mean --no-color\?/)]);
    const lang = devbox(['manifest', 'validate', '--lan', 'en']);
    expect([lang.code, lang.stderr]).toEqual([2, expect.stringMatching(/Did you mean --lang\?/)]);
  });

  it('suggests the closest command for an unknown one, and --version --json answers JSON', () => {
    const typo = devbox(['manifest', 'valdate']);
    expect([typo.code, typo.stderr]).toEqual([
      2,
      'Error: Unknown command "manifest valdate". Did you mean "manifest validate"?\n  → devbox manifest validate --help\n',
    ]);
    const version = devbox(['--version', '--json']);
    expect(version.code).toBe(0);
    expect(JSON.parse(version.stdout)).toMatchObject({
      name: 'devbox',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('net fetch of something that is not a URL says so', () => {
    const result = devbox(['net', 'fetch', 'notaurl']);
    expect([result.code, result.stderr.split('\n')[0]]).toEqual([
      2,
      'Error: notaurl is not a URL: give an http:// or https:// address.',
    ]);
  });

  it('lists the exit codes in --help', () => {
    const result = devbox(['manifest', 'validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/EXIT CODES\n {2}0 {3}success\n[\s\S]* {2}3 {3}the manifest is invalid\n/);
  });
});

describe('devbox manifest show', () => {
  it('prints the resolved default manifest as YAML, the same data as --json', () => {
    const text = devbox(['manifest', 'show']);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout.startsWith(`# Resolved from: ${builtin}\n`)).toBe(true);
    const json = devbox(['manifest', 'show', '--json']);
    expect(json.code).toBe(0);
    const resolved = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(parse(text.stdout)).toEqual(resolved);
    // Defaults are filled in.
    expect(resolved).toMatchObject({
      version: 1,
      cluster: { docker: { registryMirrors: [] }, cni: 'kindnet' },
      scoop: { aria2: { maxConnectionPerServer: 16, split: 16, minSplitSize: '1M' } },
    });
  });

  it('merges the whole extends chain of the examples, and drops extends', () => {
    const result = devbox(['manifest', 'show', '--json', '-m', join(examples, 'personal.yaml')]);
    expect(result.code).toBe(0);
    const m = JSON.parse(result.stdout) as {
      extends?: unknown;
      distro: {
        apt: { mirror: string; packages: string[] };
        defaultUser: string;
        network: { fixedIp: { address: string } };
      };
      scoop: { root: string; apps: { name: string; ensure: string }[] };
      cluster: { workers: number };
    };
    expect(m.extends).toBeUndefined();
    expect(m.distro.apt).toMatchObject({ mirror: 'ustc', packages: ['ca-certificates', 'curl', 'git', 'make', 'jq'] });
    expect(m.distro.defaultUser).toBe('dev');
    expect(m.distro.network.fixedIp.address).toBe('192.168.60.2/24');
    expect(m.scoop.root).toBe('E:\\Scoop\\Apps');
    expect(m.scoop.apps.filter((a) => ['idea', 'neovim', 'vscode'].includes(a.name))).toEqual([
      expect.objectContaining({ name: 'idea', ensure: 'absent' }),
      expect.objectContaining({ name: 'vscode', ensure: 'present' }),
      expect.objectContaining({ name: 'neovim', ensure: 'present' }),
    ]);
    expect(m.cluster.workers).toBe(0);
  });

  it('reads ${env:...} from the environment of the run', () => {
    const team = join(examples, 'team-base.yaml');
    const mirror = (env: Record<string, string | undefined>) =>
      (
        JSON.parse(devbox(['manifest', 'show', '--json', '-m', team], env).stdout) as {
          distro: { apt: { mirror: string } };
        }
      ).distro.apt.mirror;
    expect(mirror({})).toBe('tuna');
    expect(mirror({ DEVBOX_APT_MIRROR: 'aliyun' })).toBe('aliyun');
  });

  it('prints a manifest that is itself valid and resolves to the same thing', () => {
    const shown = devbox(['manifest', 'show', '-m', join(examples, 'personal.yaml')]);
    writeFileSync(join(work, 'resolved.yaml'), shown.stdout);
    const again = devbox(['manifest', 'show', '-m', 'resolved.yaml']);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n').slice(1)).toEqual(shown.stdout.split('\n').slice(1));
  });

  it('exits 3 on a bad manifest, like validate', () => {
    writeFileSync(join(work, 'bad.yaml'), 'distro:\n  name: $(reboot)\n');
    const result = devbox(['manifest', 'show', '-m', 'bad.yaml']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Error: The manifest has 1 problem:\nbad.yaml:2:9  distro.name  must be a distribution name of letters, digits, ".", "_" and "-" only (no spaces or shell characters), not starting with "-", such as Ubuntu-24.04 (got "$(reboot)")\n${fixHint}`,
    );
    expect(result.code).toBe(3);
  });
});

describe('devbox manifest schema', () => {
  it('prints exactly the committed manifests/schema.json', () => {
    const result = devbox(['manifest', 'schema']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    // Regenerate with: npm run docs (it writes docs/manifest.md too)
    expect(result.stdout).toBe(readFileSync(join(repoRoot, 'manifests', 'schema.json'), 'utf8'));
  });

  it('returns the same schema under --json', () => {
    const result = devbox(['manifest', 'schema', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(
      JSON.parse(readFileSync(join(repoRoot, 'manifests', 'schema.json'), 'utf8')),
    );
  });
});
