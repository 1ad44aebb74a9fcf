import { describe, expect, it } from 'vitest';
import { isAptStatus, lineSplitter, parseAptStatus } from './apt-status.js';

// The examples are apt's own, from its doc/progress-reporting.md.
describe("apt's Status-Fd lines", () => {
  it('dlstatus: downloaded count, total percentage, description', () => {
    expect(parseAptStatus('dlstatus:1:9.05654:Downloading file 1 of 3 (4m40s remaining)')).toEqual({
      kind: 'apt',
      phase: 'download',
      percent: 9.05654,
      text: 'Downloading file 1 of 3 (4m40s remaining)',
    });
  });
  it('pmstatus: package, total percentage, description; a multi-arch name and colons in the text are kept apart', () => {
    expect(parseAptStatus('pmstatus:3dchess:40:Unpacking 3dchess')).toMatchObject({
      phase: 'install',
      percent: 40,
      text: 'Unpacking 3dchess',
    });
    expect(parseAptStatus('pmstatus:libc6:amd64:62.5000:Configuring libc6:amd64 (amd64)')).toMatchObject({
      percent: 62.5,
      text: 'Configuring libc6:amd64 (amd64)',
    });
    expect(parseAptStatus('pmstatus:dpkg-exec:0.0000:Running dpkg')).toMatchObject({ percent: 0 });
  });
  it('pmerror with padded fields and a % sign', () => {
    expect(
      parseAptStatus(
        "pmerror: /var/cache/apt/archives/krecipes_0.8.1-0ubuntu1_i386.deb : 75% : trying to overwrite `/usr/share/x.png'",
      ),
    ).toMatchObject({ phase: 'install', percent: 75, text: "trying to overwrite `/usr/share/x.png'" });
  });
  it('lines that carry no progress give none, but are still recognised as status lines', () => {
    expect(parseAptStatus("media-change: Ubuntu 5.10:/cdrom/:Please insert the disc labeled: 'x'")).toBeUndefined();
    expect(isAptStatus('media-change: Ubuntu 5.10:/cdrom/:Please insert')).toBe(true);
    expect(parseAptStatus('E: Unable to locate package nope')).toBeUndefined();
    expect(isAptStatus('E: Unable to locate package nope')).toBe(false);
  });
  it('lines split across chunks (and a UTF-8 character cut in two) are whole again', () => {
    const seen: string[] = [];
    const feed = lineSplitter((l) => seen.push(l));
    const bytes = Buffer.from('pmstatus:a:1:Unpacking ä\r\ndlstatus:1:2:x\npartial');
    feed(bytes.subarray(0, 24));
    feed(bytes.subarray(24));
    expect(seen).toEqual(['pmstatus:a:1:Unpacking ä', 'dlstatus:1:2:x']);
  });
});
