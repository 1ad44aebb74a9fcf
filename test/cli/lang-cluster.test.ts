/**
 * The cluster side in Chinese (--lang zh-CN), on this machine's real /proc with the test rig's Docker
 * Engine: doctor's cluster findings and the block closing it (pipes, runc inits, nodes, cost), with
 * a process shaped like a runc init stuck writing a pipe; the same with Docker down; `cluster ps`;
 * `cluster debug kubelet`'s errors. No English phrase of the cluster's catalogue parts may show
 * through, while the same runs in English do show them (so the check can fail). Real processes of
 * the built CLI. `--fix runc-hang --yes` is not run here: it would end other tests' stuck inits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';
import { missingPrerequisites } from '../rig/privileges.js';
import { englishPhrasesOf, leaksIn } from '../rig/english-phrases.js';
import { ensureDocker } from '../cluster/rig/index.js';
import { enClusterViews } from '../../src/i18n/en-cluster-views.js';
import { enDoctor } from '../../src/i18n/en-doctor.js';
import { enErrorsCluster } from '../../src/i18n/en-errors-cluster.js';

const unavailable = missingPrerequisites('the cluster side in zh-CN', ['perl', 'dockerd']);
// A plan's change values are data and stay as they are (README, Limits): with Docker down the
// cluster's steps show `image: unknown (Docker is not running) → …`.
const asData = new Set(['Docker is not running']);
const phrases = englishPhrasesOf({ ...enClusterViews, ...enDoctor, ...enErrorsCluster }).filter((p) => !asData.has(p));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(!unavailable)('the cluster side, in Chinese', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devbox-lang-cluster-'));
  const manifest = join(dir, 'devbox.yaml');
  const name = `zh-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  let writer: ChildProcess | undefined;
  let env: Record<string, string | undefined> = {};
  const lang = (args: string[], language: 'zh-CN' | 'en', extra: Record<string, string> = {}) =>
    runDevbox([...args, '--lang', language], { env: { ...env, ...extra } });

  beforeAll(async () => {
    env = { DOCKER_HOST: ensureDocker().host, LC_ALL: undefined, LANG: 'C', DEVBOX_STATE_DIR: join(dir, 'state') };
    writeFileSync(manifest, `version: 1\ncluster:\n  name: ${name}\n`);
    // A runc init's shape: named as runc names its stage, blocked writing a full pipe it made itself.
    writer = spawn('perl', ['-e', '$0="runc:[2:INIT]"; pipe R,W; syswrite W, "x" x 200000'], { stdio: 'ignore' });
    await sleep(1500);
  });

  afterAll(() => {
    if (writer && writer.exitCode === null && writer.signalCode === null) writer.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('knows enough English phrases to look for', () => {
    expect(phrases.length).toBeGreaterThan(150);
    expect(phrases).toEqual(expect.arrayContaining(['none found for kind cluster', 'other long sleeps']));
  });

  const doctorArgs = () => ['doctor', '-m', manifest, '--plane', 'guest', '--only', 'cluster.*', '--stuck-after', '1'];

  it("doctor's findings and its closing cluster block", () => {
    const zh = lang(doctorArgs(), 'zh-CN');
    expect(zh.code, zh.stderr).toBe(5);
    expect(leaksIn(phrases, zh.stdout + zh.stderr)).toEqual([]);
    expect(zh.stdout).toContain(`pid ${writer!.pid} runc:[2:INIT]`);
    expect(zh.stdout).toMatch(new RegExp(`^集群 ${name}：$`, 'm'));
    expect(zh.stdout).toMatch(/^ {2}管道：fs\.pipe-user-pages-soft=\d+ fs\.pipe-user-pages-hard=\d+；/m);
    expect(zh.stdout).toMatch(/^ {2}runc init 进程：[1-9]\d* 个卡在写管道上，/m);
    expect(zh.stdout).toContain(`  节点：未找到 kind 集群 ${name} 的节点`);
    expect(zh.stdout).toMatch(/^ {2}开销：1 次 guest agent 调用，0 次 docker exec，\d+ 毫秒$/m);
    const en = lang(doctorArgs(), 'en');
    expect(en.code, en.stderr).toBe(5);
    expect(en.stdout).toContain(`  nodes: none found for kind cluster ${name}`);
    expect(leaksIn(phrases, en.stdout).length).toBeGreaterThan(3);
  });

  it("doctor's JSON: ids and codes as they are, the findings' text in Chinese", () => {
    const zh = JSON.parse(lang([...doctorArgs(), '--json'], 'zh-CN').stdout) as {
      findings: { id: string; severity: string; message: string; fix?: string }[];
    };
    const en = JSON.parse(lang([...doctorArgs(), '--json'], 'en').stdout) as typeof zh;
    expect(zh.findings.map((f) => [f.id, f.severity])).toEqual(en.findings.map((f) => [f.id, f.severity]));
    expect(zh.findings.map((f) => f.id)).toContain('cluster.runc-hang');
    expect(leaksIn(phrases, JSON.stringify(zh.findings))).toEqual([]);
  });

  it('doctor with Docker down: the nodes not read, exit 7', () => {
    const down = { DOCKER_HOST: `unix://${join(dir, 'no-docker.sock')}` };
    const zh = lang(doctorArgs(), 'zh-CN', down);
    expect(zh.code, zh.stderr).toBe(7);
    expect(leaksIn(phrases, zh.stdout + zh.stderr)).toEqual([]);
    expect(zh.stdout).toMatch(/^ {2}节点：未读取（docker：.+）$/m);
    const en = lang(doctorArgs(), 'en', down);
    expect(en.stdout).toMatch(/^ {2}nodes: not read \(docker: .+\)$/m);
  });

  it('--fix runc-hang without --yes changes nothing, and says so in Chinese', () => {
    const zh = lang([...doctorArgs(), '--fix', 'runc-hang'], 'zh-CN');
    expect(zh.code, zh.stderr).toBe(6);
    expect(leaksIn(phrases, zh.stdout + zh.stderr)).toEqual([]);
    expect(zh.stderr).toContain('未做任何更改');
    expect(writer!.exitCode).toBeNull();
  });

  it('cluster ps', () => {
    const zh = lang(['cluster', 'ps', '-m', manifest], 'zh-CN');
    expect(zh.code, zh.stderr).toBe(0);
    expect(leaksIn(phrases, zh.stdout + zh.stderr)).toEqual([]);
    expect(zh.stdout).toContain(`runc:[2:INIT]  pid ${writer!.pid}`);
  });

  it("cluster debug kubelet's errors", () => {
    const badNode = lang(['cluster', 'debug', 'kubelet', '-m', manifest, '--node', 'no such node'], 'zh-CN');
    expect(badNode.code, badNode.stderr).toBe(2);
    expect(badNode.stderr).toContain('"no such node" 不是有效的容器名');
    const missing = `${name}-nowhere`;
    const zh = lang(['cluster', 'debug', 'kubelet', '-m', manifest, '--node', missing], 'zh-CN');
    expect(zh.code, zh.stderr).toBe(4);
    expect(leaksIn(phrases, zh.stdout + zh.stderr)).toEqual([]);
    expect(zh.stderr).toContain(`无法读取节点 ${missing} 中 kubelet 的 unit`);
    expect(zh.stderr).toContain(`docker ps --filter label=io.x-k8s.kind.cluster=${name}`);
    const en = lang(['cluster', 'debug', 'kubelet', '-m', manifest, '--node', missing], 'en');
    expect(en.stderr).toContain(`Could not read kubelet's unit in node ${missing}`);
  });
});
