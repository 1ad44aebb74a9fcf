import { describe, expect, it } from 'vitest';
import { judgeRuncBuild, judgeRuncVersion, parseRuncBuild, runcLinePolicies } from './runc-floor.js';
import { compareDebianVersions, parseDebianVersion } from './debian-version.js';

describe('Debian versions', () => {
  it('splits epoch, upstream and revision', () => {
    expect(parseDebianVersion('1.0.0~rc93+ds1-5+deb11u5')).toEqual({
      epoch: 0,
      upstream: '1.0.0~rc93+ds1',
      revision: '5+deb11u5',
    });
    expect(parseDebianVersion('5:27.3.1-1~ubuntu.24.04~noble')).toEqual({
      epoch: 5,
      upstream: '27.3.1',
      revision: '1~ubuntu.24.04~noble',
    });
    expect(parseDebianVersion('1.3.6+ds1')).toEqual({ epoch: 0, upstream: '1.3.6+ds1' });
    expect(parseDebianVersion('not a version')).toBeUndefined();
  });

  it('orders as dpkg does, tilde first', () => {
    expect(compareDebianVersions('1.0.0~rc93+ds1-3', '1.0.0~rc93+ds1-2')).toBeGreaterThan(0);
    expect(compareDebianVersions('1.0.0~rc93', '1.0.0')).toBeLessThan(0);
    expect(compareDebianVersions('5+deb11u5', '3')).toBeGreaterThan(0);
    expect(compareDebianVersions('1+deb12u1', '1')).toBeGreaterThan(0);
    expect(compareDebianVersions('2+b4', '2')).toBeGreaterThan(0);
    expect(compareDebianVersions('1.1.15', '1.1.5')).toBeGreaterThan(0);
    expect(compareDebianVersions('1:0.1', '2.0')).toBeGreaterThan(0);
    expect(compareDebianVersions('1.0', '1.0')).toBe(0);
  });
});

describe('the floor table', () => {
  it('has a source and a supported flag on every line', () => {
    for (const p of runcLinePolicies) {
      expect(p.source).not.toBe('');
      expect(typeof p.supported).toBe('boolean');
    }
    expect(runcLinePolicies.filter((p) => p.supported).map((p) => p.line)).toEqual(['1.3', '1.4', '1.5']);
  });

  it.each([
    ['1.4.3', true],
    ['v1.4.3', true],
    ['1.4.2', false],
    ['1.3.6', true],
    ['1.3.5', false],
    ['1.5.0', true],
    ['1.2.9', true],
    ['1.2.8', false],
    ['1.1.15', false],
    ['1.0.0-rc93', false],
    ['1.4.0-rc.3', false],
    ['1.6.0', true],
    ['1.6.0-rc.1', false],
    ['0.1.1', false],
  ])('judges upstream %s', (version, safe) => {
    expect(judgeRuncVersion(version).safe).toBe(safe);
  });

  it('says when a safe line is no longer supported', () => {
    const v = judgeRuncVersion('1.2.9');
    expect(v.safe && v.note).toMatch(/no longer supported/);
  });
});

describe('runc builds as found on machines', () => {
  it('reads runc --version output of an upstream build', () => {
    expect(parseRuncBuild('runc version 1.4.3\ncommit: v1.4.3-0-g1234\nspec: 1.2.1\n')).toEqual({
      upstream: '1.4.3',
      origin: 'upstream',
    });
  });

  it("reads Debian's output, taking the package version from the commit line", () => {
    expect(parseRuncBuild('runc version 1.3.6+ds1\ncommit: 1.3.6+ds1-1\nspec: 1.2.1\n')).toEqual({
      upstream: '1.3.6',
      origin: 'debian',
      packageVersion: '1.3.6+ds1-1',
    });
    expect(parseRuncBuild('runc version 1.0.0~rc93+ds1\ncommit: 1.0.0~rc93+ds1-5+deb11u5\n')).toEqual({
      upstream: '1.0.0-rc93',
      origin: 'debian',
      packageVersion: '1.0.0~rc93+ds1-5+deb11u5',
    });
  });

  it('reads package versions and Ubuntu builds', () => {
    expect(parseRuncBuild('1.1.15+ds1-2+b4')).toEqual({
      upstream: '1.1.15',
      origin: 'debian',
      packageVersion: '1.1.15+ds1-2+b4',
    });
    expect(parseRuncBuild('1.1.12-0ubuntu3.1')).toEqual({
      upstream: '1.1.12',
      origin: 'ubuntu',
      packageVersion: '1.1.12-0ubuntu3.1',
    });
    expect(parseRuncBuild('1.2.5-0ubuntu1~24.04.1')?.origin).toBe('ubuntu');
  });

  it('ignores a commit line that is a git description', () => {
    expect(parseRuncBuild('runc version 1.0.0~rc93+ds1\ncommit: v1.0.0-rc93-0-g1234\n')).toEqual({
      upstream: '1.0.0-rc93',
      origin: 'debian',
    });
  });

  it('does not take a package version from a commit line that says more (a rebuild of that source)', () => {
    const text = 'runc version 1.0.0~rc93+ds1\ncommit: 1.0.0~rc93+ds1-5+deb11u5 with patch 0010 reversed\n';
    expect(parseRuncBuild(text)).toEqual({ upstream: '1.0.0-rc93', origin: 'debian' });
    expect(judgeRuncBuild(text).pipeHang).toBe('unknown');
  });

  it('calls upstream rc93 hanging and unsafe', () => {
    const v = judgeRuncBuild('runc version 1.0.0-rc93\n');
    expect(v).toMatchObject({ safe: false, pipeHang: 'yes' });
    expect(v.reason).toMatch(/pipe hang/);
  });

  it("rules the hang out for Debian's rc93 from revision 3 on, still rejecting the line", () => {
    expect(judgeRuncBuild('1.0.0~rc93+ds1-3')).toMatchObject({ safe: false, pipeHang: 'no', backports: ['pipe-hang'] });
    expect(judgeRuncBuild('1.0.0~rc93+ds1-5+deb11u5')).toMatchObject({ safe: false, pipeHang: 'no' });
    expect(judgeRuncBuild('1.0.0~rc93+ds1-2')).toMatchObject({ safe: false, pipeHang: 'yes', backports: [] });
    expect(judgeRuncBuild('runc version 1.0.0~rc93+ds1\n')).toMatchObject({ safe: false, pipeHang: 'unknown' });
  });

  it("names Debian 12's backport yet keeps it below the floor", () => {
    const v = judgeRuncBuild('runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\n');
    expect(v).toMatchObject({ safe: false, pipeHang: 'no', backports: ['CVE-2024-21626'] });
    expect(v.reason).toMatch(/debian build 1\.1\.5\+ds1-1\+deb12u1 .*CVE-2024-21626.*no known backport/);
    expect(judgeRuncBuild('1.1.5+ds1-1').backports).toEqual([]);
  });

  it('accepts distro builds at or above the floor', () => {
    expect(judgeRuncBuild('runc version 1.3.6+ds1\ncommit: 1.3.6+ds1-1\n')).toMatchObject({
      safe: true,
      pipeHang: 'no',
    });
    expect(judgeRuncBuild('1.4.3+ds1-1')).toMatchObject({ safe: true });
    expect(judgeRuncBuild('1.1.15+ds1-2+b4').safe).toBe(false);
    expect(judgeRuncBuild('1.3.5-0ubuntu1')).toMatchObject({ safe: false, floor: '1.3.6' });
  });

  it('refuses what is not a version', () => {
    expect(judgeRuncBuild('bash: runc: command not found')).toMatchObject({ safe: false, pipeHang: 'unknown' });
  });
});
