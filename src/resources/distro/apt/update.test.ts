import { describe, expect, it } from 'vitest';
import { judgeUpdate } from './update.js';

const written = ['http://10.0.0.1:8080/debian', 'http://10.0.0.1:8080/debian-security'];
const files = ['/etc/apt/sources.list'];

describe('judgeUpdate', () => {
  it('passes a clean update, and ignores legacy-keyring warnings', () => {
    const stdout = 'Hit:1 http://10.0.0.1:8080/debian bookworm InRelease\nReading package lists...\n';
    const stderr =
      'W: http://10.0.0.1:8080/debian/dists/bookworm/InRelease: Key is stored in legacy trusted.gpg keyring (/etc/apt/trusted.gpg), see the DEPRECATION section in apt-key(8) for details.\n';
    expect(judgeUpdate(0, stdout, stderr, written, files)).toEqual({ ok: true, ours: [], others: [] });
  });

  it('fails when the new mirror cannot be fetched, even when apt exits 0 (apt < 2.3)', () => {
    const stdout =
      'Err:1 http://10.0.0.1:8080/debian bookworm InRelease\n  Could not connect to 10.0.0.1:8080 (10.0.0.1). - connect (111: Connection refused)\nReading package lists...\n';
    const stderr =
      'W: Failed to fetch http://10.0.0.1:8080/debian/dists/bookworm/InRelease  Could not connect to 10.0.0.1:8080 (10.0.0.1). - connect (111: Connection refused)\nW: Some index files failed to download. They have been ignored, or old ones used instead.\n';
    const verdict = judgeUpdate(0, stdout, stderr, written, files);
    expect(verdict.ok).toBe(false);
    expect(verdict.ours).toEqual([
      'Err:1 http://10.0.0.1:8080/debian bookworm InRelease —  Could not connect to 10.0.0.1:8080 (10.0.0.1). - connect (111: Connection refused)',
      'W: Failed to fetch http://10.0.0.1:8080/debian/dists/bookworm/InRelease  Could not connect to 10.0.0.1:8080 (10.0.0.1). - connect (111: Connection refused)',
    ]);
  });

  it('does not blame the mirror for a third-party repository, but does for an unparsable file it wrote', () => {
    const others = judgeUpdate(
      100,
      'Err:3 https://download.example.com/linux/debian bookworm InRelease\n  Temporary failure resolving\n',
      'E: Failed to fetch https://download.example.com/linux/debian/dists/bookworm/InRelease  Temporary failure resolving\n',
      written,
      files,
    );
    expect(others.ok).toBe(true);
    expect(others.others).toHaveLength(2);
    expect(
      judgeUpdate(
        100,
        '',
        'E: Malformed entry 2 in list file /etc/apt/sources.list.d/other.list (Component)\nE: The list of sources could not be read.\n',
        written,
        files,
      ).ours,
    ).toEqual(['E: The list of sources could not be read.']);
    expect(
      judgeUpdate(100, '', 'E: Malformed entry 2 in list file /etc/apt/sources.list (Component)\n', written, files).ok,
    ).toBe(false);
  });

  it('fails on signature problems of the new mirror and on an exit code without explanation', () => {
    expect(
      judgeUpdate(
        100,
        '',
        "E: The repository 'http://10.0.0.1:8080/debian bookworm InRelease' is not signed.\n",
        written,
        files,
      ).ok,
    ).toBe(false);
    expect(judgeUpdate(137, '', '', written, files).ours).toEqual(['apt-get update exited with code 137']);
  });
});
