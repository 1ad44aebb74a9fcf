/**
 * The cluster's checks and reasons in Chinese: the runc floor's verdicts, the manifest checks built on
 * them, the CNI's mirror and kernel checks, a kubelet that is not a debug build. The English text is
 * asserted where it is made (runc-floor.test.ts, cni/*.test.ts, debug/kubelet.test.ts); here no
 * English phrase of the catalogue part may show through, while the same calls in English do show it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkCluster } from './checks.js';
import { judgeRuncBuild, judgeRuncVersion } from './runc-floor.js';
import { rewriteImage } from './cni/images.js';
import { readPrecheck } from './cni/prechecks.js';
import { readBuild } from './debug/ops.js';
import { setLocale } from '../../i18n/catalogue.js';
import { enClusterViews } from '../../i18n/en-cluster-views.js';
import { englishPhrasesOf, leaksIn } from '../../../test/rig/english-phrases.js';
import type { OpResult } from '../../engine/ports/guest.js';

const phrases = englishPhrasesOf(enClusterViews, { minLength: 8, words: 2 });
afterEach(() => setLocale('en'));

type ClusterSection = Parameters<typeof checkCluster>[0];
const section = (over: Record<string, unknown>): ClusterSection =>
  ({
    enabled: true,
    name: 'devbox',
    kind: { version: 'v0.99.0' },
    runc: {},
    ...over,
  }) as unknown as ClusterSection;

/** Every text the calls below make, in the locale set. */
function texts(): string[] {
  const out: string[] = [];
  for (const v of ['1.0.0-rc93', '1.1.15', '1.2.8', '1.2.9', '1.3.5', '1.4.1', '1.5.0', '1.7.0', '0.9.0', 'nope'])
    out.push(JSON.stringify(judgeRuncVersion(v)));
  for (const b of ['1.0.0~rc93+ds1-5+deb11u5', '1.0.0~rc93+ds1', '1.1.5+ds1-1+deb12u1', 'runc version 1.3.6+ds1'])
    out.push(judgeRuncBuild(b).reason);
  const findings = [
    section({ kind: { version: 'v0.99.0', url: 'https://example.invalid/kind' } }),
    section({ nodeImage: 'kindest/node:latest', runc: { version: '1.2.8' } }),
    section({ nodeImage: 'kindest/node:v1.33.1', runc: { version: '1.0.0-rc93', allowUnsafe: true } }),
    section({ nodeImageArchive: { path: '/x.tar', sha256: 'a'.repeat(64) }, runc: { version: '1.1.15' } }),
    section({ runc: { version: '1.4.3', url: 'https://example.invalid/runc', path: '/opt/runc/runc' } }),
  ].flatMap((s) => checkCluster(s).map((f) => f.message));
  expect(findings.length).toBeGreaterThanOrEqual(9);
  out.push(...findings);
  try {
    rewriteImage('quay.io/calico/node:v3.32.1', { 'quay.io': ['https://MIRROR.example/Upper'] });
  } catch (error) {
    out.push((error as Error).message, ...((error as { suggestions?: string[] }).suggestions ?? []));
  }
  const result = (stdout: string) => ({ code: 0, stdout: Buffer.from(stdout), stderr: Buffer.alloc(0) }) as OpResult;
  out.push(readPrecheck('kube-ovn', result('- kernel 5.10.16\n- modules no\n')).fix ?? '');
  out.push(...readBuild('path=/k/kubelet\n\tbuild\t-compiler=gc\n\tbuild\t-ldflags="-s -w"\n').problems);
  return out;
}

describe('the cluster checks and reasons', () => {
  it('show their English phrases in English (so the Chinese check below can fail)', () => {
    setLocale('en');
    const text = texts().join('\n');
    expect(leaksIn(phrases, text).length).toBeGreaterThan(30);
    expect(text).toContain('runc 1.2.8 is below the 1.2 floor 1.2.9');
  });

  it('are Chinese in zh-CN, keeping versions, keys and commands', () => {
    setLocale('zh-CN');
    const all = texts();
    expect(leaksIn(phrases, all.join('\n'))).toEqual([]);
    expect(all.join('\n')).toContain('runc 1.2.8 低于 1.2 版本线的安全下限 1.2.9');
    expect(all.join('\n')).toContain('allowUnsafe: true');
    expect(all.join('\n')).toContain('`wsl --update`');
    for (const text of all) expect(text, text).toMatch(/[\u4e00-\u9fff]/);
  });
});
