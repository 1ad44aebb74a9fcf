/**
 * Every case of the bad-manifest corpus through the built CLI, the way a user meets it: exact
 * stderr (each `file:line:col  path  message` line, no stack trace), exit code 3 (0 when only
 * warnings). Remote files are served by a real HTTPS server with a CA made for this run.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badCorpus, instantiate, isWarningLine, mainFile, type BadCase } from '../fixtures/manifests/bad-corpus.js';
import { runDevboxAsync, type CliResult } from '../rig/cli.js';
import { missingPrerequisites } from '../rig/privileges.js';
import { createTestCa, serveFiles, startHttpsServer, type TestCa, type TestHttpsServer } from '../rig/tls.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const skip = missingPrerequisites('manifest corpus through the CLI', ['openssl'], { needsRoot: false });

/** The environment of every run: no stray DEVBOX_TEST_* variables from the caller. */
function caseEnv(testCase: BadCase, caPath: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const key of Object.keys(process.env)) if (key.startsWith('DEVBOX_TEST_')) env[key] = undefined;
  return { ...env, NODE_EXTRA_CA_CERTS: caPath, ...testCase.env };
}

/** Runs `jobs` with at most `limit` at a time (the machine has 2 cores). */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await jobs[index]!();
      }
    }),
  );
  return results;
}

describe.skipIf(skip)('bad manifest corpus through `devbox manifest validate`', () => {
  let ca: TestCa;
  let server: TestHttpsServer;
  let work: string;
  const remoteFiles: Record<string, string> = {};
  const runs = new Map<string, { result: CliResult; expect: string[] }>();

  beforeAll(async () => {
    ca = createTestCa('devbox-mt-corpus-ca-');
    server = await startHttpsServer(
      ca.issue({ ip: ['127.0.0.1'] }),
      serveFiles(() => remoteFiles),
    );
    work = mkdtempSync(join(tmpdir(), 'devbox-mt-corpus-'));
    const jobs = badCorpus.map((testCase) => {
      // Each case's remote files live under its own folder on the one server.
      const origin = `${server.origin}/${testCase.name}`;
      const { files, remote, expect: expected } = instantiate(testCase, origin, sha256);
      for (const [path, body] of Object.entries(remote)) remoteFiles[`${testCase.name}/${path}`] = body;
      const folder = join(work, testCase.name);
      for (const [path, body] of Object.entries(files)) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), body);
      }
      return async () => {
        const result = await runDevboxAsync(['manifest', 'validate', '-m', mainFile], {
          cwd: folder,
          env: caseEnv(testCase, ca.certPath),
        });
        runs.set(testCase.name, { result, expect: expected });
      };
    });
    await pool(jobs, 2);
  });

  afterAll(async () => {
    await server?.close();
    ca?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each(badCorpus.map((c) => [c.name] as const))('%s', (name) => {
    const { result, expect: expected } = runs.get(name)!;
    const errors = expected.filter((line) => !isWarningLine(line));
    if (errors.length === 0) {
      expect(result.stderr).toBe(expected.map((line) => `${line}\n`).join(''));
      expect(result.stdout).toMatch(/^Valid: devbox\.yaml/);
      expect(result.code).toBe(0);
      return;
    }
    const noun = errors.length === 1 ? 'problem' : 'problems';
    expect(result.stderr).toBe(
      `Error: The manifest has ${errors.length} ${noun}:\n${expected.join('\n')}\n  → Fix each line above, then run \`devbox manifest validate\` again.\n`,
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(3);
  });
});
