import { describe, expect, it } from 'vitest';
import { judgeNodeRunc, upstreamOf } from './runc-build.js';

describe('judgeNodeRunc', () => {
  it('marks upstream rc93 with the hang signature and below the floor', () => {
    const b = judgeNodeRunc(
      'runc version 1.0.0-rc93\ncommit: 12644e614e25b05da6fd08a38ffa0cfe1903fdec\nspec: 1.0.2-dev\n',
    )!;
    expect(b).toMatchObject({
      version: '1.0.0-rc93',
      upstream: '1.0.0-rc93',
      hang: 'signature',
      floor: { safe: false },
    });
    expect(b.distro).toBeUndefined();
  });

  it("judges Debian's rc93 by its revision: -5+deb11u5 carries the fix, -2 does not", () => {
    const fixed = judgeNodeRunc('runc version 1.0.0~rc93+ds1\ncommit: 1.0.0~rc93+ds1-5+deb11u5\nspec: 1.0.2-dev\n')!;
    expect(fixed).toMatchObject({
      upstream: '1.0.0-rc93',
      hang: 'fixed',
      distro: { packageVersion: '1.0.0~rc93+ds1-5+deb11u5' },
    });
    expect(fixed.floor.safe).toBe(false);
    expect(judgeNodeRunc('runc version 1.0.0~rc93+ds1\n', '1.0.0~rc93+ds1-2')!.hang).toBe('signature');
    expect(judgeNodeRunc('runc version 1.0.0~rc93+ds1\n', '1.0.0~rc93+ds1-3')!.hang).toBe('fixed');
  });

  it('says unknown for a distro rc93 without a revision, or rebuilt from its source', () => {
    expect(judgeNodeRunc('runc version 1.0.0~rc93+ds1\ncommit: v1.0.0-rc93\n')!.hang).toBe('unknown');
    const rebuilt = judgeNodeRunc(
      'runc version 1.0.0~rc93+ds1\ncommit: 1.0.0~rc93+ds1-5+deb11u5 with patch 0010 reversed (upstream-equivalent rc93)\n',
    )!;
    expect(rebuilt).toMatchObject({
      hang: 'unknown',
      commit: '1.0.0~rc93+ds1-5+deb11u5 with patch 0010 reversed (upstream-equivalent rc93)',
    });
  });

  it('passes safe releases and leaves other versions out of the hang', () => {
    expect(judgeNodeRunc('runc version 1.4.3\ncommit: v1.4.3-0-g1234\n')).toMatchObject({
      hang: 'unaffected',
      floor: { safe: true },
    });
    expect(judgeNodeRunc('runc version 1.3.6+ds1\ncommit: 1.3.6+ds1-1\n')).toMatchObject({
      upstream: '1.3.6',
      hang: 'unaffected',
      floor: { safe: true },
    });
    expect(judgeNodeRunc('runc version 1.1.15+ds1\n')).toMatchObject({ hang: 'unaffected', floor: { safe: false } });
  });

  it('returns undefined for text that is not runc --version', () => {
    expect(judgeNodeRunc('bash: runc: command not found')).toBeUndefined();
  });

  it('maps distro version strings to upstream ones', () => {
    expect(upstreamOf('1.0.0~rc93+ds1')).toBe('1.0.0-rc93');
    expect(upstreamOf('v1.2.9')).toBe('1.2.9');
  });
});
