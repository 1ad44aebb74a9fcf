/**
 * The last English corners in Simplified Chinese, as users run them (the built CLI against real
 * local servers and files): `net fetch`'s progress line and a server's wrong Content-Length, a
 * manifest with a YAML syntax error, a backup whose manifest.json does not match its schema.
 * English stays as it was under LANG=C.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageEnvs, runDevbox } from '../rig/cli.js';
import { devbox, randomFile } from '../net/helpers.js';
import { startTestServer, type TestServer } from '../net/http-server.mjs';

const work = mkdtempSync(join(tmpdir(), 'devbox-lang-net-misc-'));
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});
const { zh, en } = languageEnvs(work);
const KiB = 1024;

describe('net fetch in zh-CN', () => {
  it('prints its progress line in Chinese: connections and time left', async () => {
    // Slow enough that a line is printed while it runs (a pipe gets one every 5 s, then the last).
    const file = randomFile(2800 * KiB);
    server.file('/slow.bin', file.data, { ratePerConnection: 400 * KiB });
    const out = join(work, 'slow.bin');
    const r = await devbox(['net', 'fetch', server.url('/slow.bin'), '--connections', '1', '-o', out], zh);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^ {2}\d+\.\d [KM]iB \/ 2\.7 MiB \(\d+%\) {2}\d+(\.\d)? (B|KiB|MiB)\/s {2}1 个连接 {2}剩余 \d+s$/m,
    );
    expect(r.stderr).toMatch(/^ {2}2\.7 MiB \/ 2\.7 MiB \(100%\) {2}\S+ \S+\/s$/m);
    expect(r.stderr).not.toMatch(/connection|ETA|resumed/);
    expect(r.stdout).toContain(`已保存 ${out}`);
  }, 60_000);

  it("words a server's wrong Content-Length in Chinese, exit 4", async () => {
    server.file('/lie.bin', randomFile(64 * KiB).data, { lengthLie: 'range-mismatch' });
    const url = server.url('/lie.bin');
    const out = join(work, 'lie.bin');
    const args = ['net', 'fetch', url, '--connections', '1', '-o', out];
    const r = await devbox(args, zh);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(
      new RegExp(
        `^错误：${url}: Content-Length 错误：为 \\d+，而 Content-Range bytes 0-65535/65536 是 65536 字节$`,
        'm',
      ),
    );
    const english = await devbox(args, en);
    expect(english.stderr).toMatch(
      new RegExp(
        `^Error: ${url}: wrong Content-Length: \\d+ for Content-Range bytes 0-65535/65536 \\(65536 bytes\\)$`,
        'm',
      ),
    );
  });
});

describe('a YAML syntax error in zh-CN', () => {
  it('is worded by its code, with its line and column, exit 3', () => {
    const manifest = join(work, 'syntax.yaml');
    writeFileSync(manifest, 'version: 1\ndistro: {name: a\n');
    const r = runDevbox(['manifest', 'validate', '-m', manifest], { env: zh });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${manifest}:3:1  （根）  YAML 语法错误：`);
    expect(r.stderr).not.toMatch(/YAML syntax|must be|indent with|Flow map/);
    const english = runDevbox(['manifest', 'validate', '-m', manifest], { env: en });
    expect(english.stderr).toContain(`${manifest}:3:1  (root)  YAML syntax: `);
  });
});

describe("a schema rule's own message in zh-CN", () => {
  it('is read in Chinese, the example kept as it is, exit 3', () => {
    const manifest = join(work, 'rule.yaml');
    writeFileSync(manifest, 'version: 1\nhosts:\n  entries:\n    - name: github.com\n      address: nowhere\n');
    const r = runDevbox(['manifest', 'validate', '-m', manifest], { env: zh });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `${manifest}:5:16  hosts.entries[0].address  必须是 "auto" 或 IP 地址，例如 185.199.108.133（实际为 "nowhere"）`,
    );
    const english = runDevbox(['manifest', 'validate', '-m', manifest], { env: en });
    expect(english.stderr).toContain(
      `${manifest}:5:16  hosts.entries[0].address  must be "auto" or an IP address such as 185.199.108.133 (got "nowhere")`,
    );
  });
});

describe('backup verify in zh-CN', () => {
  it("words zod's own problem with manifest.json in Chinese, exit 4", () => {
    const backup = join(work, 'backup');
    mkdirSync(backup, { recursive: true });
    writeFileSync(join(backup, 'manifest.json'), JSON.stringify({ schema: 1, devboxVersion: 3 }));
    const r = runDevbox(['backup', 'verify', backup], { env: zh });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain('manifest.json 不符合格式 1：devboxVersion：无效输入：期望 string，实际接收 数字');
    const english = runDevbox(['backup', 'verify', backup], { env: en });
    expect(english.stderr).toContain(
      'manifest.json does not match schema 1: devboxVersion: Invalid input: expected string, received number',
    );
  });
});
