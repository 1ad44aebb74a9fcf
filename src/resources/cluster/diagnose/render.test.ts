import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { diagnoseHang } from './hang.js';
import { renderClusterEvidence, renderEnded } from './render.js';
import { parseClusterOutput, parseScan } from './scan.js';
import { setLocale } from '../../../i18n/catalogue.js';
import { enClusterViews } from '../../../i18n/en-cluster-views.js';
import { englishPhrasesOf, leaksIn } from '../../../../test/rig/english-phrases.js';

const captured = parseScan(readFileSync(new URL('./fixtures/scan-stuck-fifo-shim.json', import.meta.url), 'utf8'))!;
const scan = { ...captured, procs: captured.procs.map((p) => ({ ...p, ageSec: 400 })) };
const cluster = parseClusterOutput(
  [
    '@@node devbox-control-plane 4242 control-plane',
    '@@runc-path /opt/devbox/runc/runc',
    '@@runc-version',
    'runc version 1.0.0-rc93',
    '@@kubelet-log',
    'PLEG is not healthy: pleg was last seen active 11m54s ago; threshold is 3m0s',
    '@@nodes',
    'devbox-control-plane\tFalse\tKubeletNotReady\tPLEG is not healthy',
    '@@done',
    '@@end',
  ].join('\n'),
);
const report = diagnoseHang(scan, 8192, cluster, { stuckAfterSec: 60 });
const cost = { guestCalls: 1, dockerExecs: 1, ms: 42 };
const phrases = englishPhrasesOf(enClusterViews, { minLength: 8, words: 2 });

afterEach(() => setLocale('en'));

describe("doctor's cluster block", () => {
  it('reads as before in English', () => {
    setLocale('en');
    const text = renderClusterEvidence(report, { cluster: 'devbox', cost });
    expect(text.split('\n')).toEqual([
      'Cluster devbox:',
      expect.stringMatching(
        /^ {2}pipes: fs\.pipe-user-pages-soft=\S+ fs\.pipe-user-pages-hard=\S+; canary \(uid 0, no CAP_SYS_RESOURCE\): 8 KiB$/,
      ),
      expect.stringMatching(
        /^ {2}runc inits: 1 stuck on a pipe write, \d+ waiting on exec\.fifo, \d+ other long sleeps$/,
      ),
      '  node devbox-control-plane: Ready=False (KubeletNotReady); runc 1.0.0-rc93 at /opt/devbox/runc/runc: ' +
        'hang signature, floor below',
      '    kubelet: PLEG is not healthy: pleg was last seen active 11m54s ago; threshold is 3m0s',
      '  cost: 1 guest-agent call, 1 docker exec(s), 42 ms',
    ]);
    expect(leaksIn(phrases, text).length).toBeGreaterThan(5);
    const unread = renderClusterEvidence(
      { ...report, nodes: [], canaryBytes: undefined },
      { cluster: 'dev', cost, dockerError: 'Cannot connect to the Docker daemon\nmore', canaryError: 'EPERM' },
    );
    expect(unread).toContain('canary (uid 0, no CAP_SYS_RESOURCE): not measured (EPERM)');
    expect(unread).toContain('  nodes: not read (docker: Cannot connect to the Docker daemon)');
    expect(renderClusterEvidence({ ...report, nodes: [] }, { cluster: 'dev', cost })).toContain(
      '  nodes: none found for kind cluster dev',
    );
  });

  it('is Chinese in zh-CN, keeping ids, sysctls, versions and what kubelet logged', () => {
    setLocale('zh-CN');
    const text = renderClusterEvidence(report, { cluster: 'devbox', cost });
    expect(leaksIn(phrases, text)).toEqual([]);
    expect(text).toMatch(/^集群 devbox：\n {2}管道：fs\.pipe-user-pages-soft=/);
    expect(text).toContain('runc 1.0.0-rc93，位于 /opt/devbox/runc/runc：管道卡死问题：有此特征，安全下限：未满足');
    expect(text).toContain('    kubelet: PLEG is not healthy: pleg was last seen active 11m54s ago');
    expect(text).toContain('  开销：1 次 guest agent 调用，1 次 docker exec，42 毫秒');
    const unread = renderClusterEvidence(
      { ...report, nodes: [], canaryBytes: undefined },
      { cluster: 'dev', cost, dockerError: 'Cannot connect to the Docker daemon', canaryError: 'EPERM' },
    );
    expect(leaksIn(phrases, unread)).toEqual([]);
    expect(unread).toContain('未测得（EPERM）');
    expect(unread).toContain('节点：未读取（docker：Cannot connect to the Docker daemon）');
  });
});

describe('what --fix runc-hang did', () => {
  const ended = [
    { pid: 11, outcome: 'killed' as const },
    { pid: 12, outcome: 'gone' as const },
    { pid: 13, outcome: 'changed' as const },
    { pid: 14, outcome: 'failed' as const, detail: 'Operation not permitted' },
  ];

  it('says it per init, in English as before and in Chinese', () => {
    setLocale('en');
    expect(renderEnded([])).toBe('No stuck runc init to end.');
    expect(renderEnded(ended).split('\n')).toEqual([
      'runc init pid 11 ended (SIGKILL)',
      'runc init pid 12 had already exited',
      'runc init pid 13 is no longer the same stuck init: left alone',
      'runc init pid 14 could not be ended: Operation not permitted',
    ]);
    setLocale('zh-CN');
    const zh = renderEnded(ended);
    expect(leaksIn(phrases, zh + renderEnded([]))).toEqual([]);
    expect(zh.split('\n')).toHaveLength(4);
    expect(zh).toContain('runc init 进程 pid 11 已结束（SIGKILL）');
    expect(zh).toContain('Operation not permitted');
  });
});
