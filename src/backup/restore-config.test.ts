import { describe, expect, it } from 'vitest';
import type { ReplaceFileRequest, ReplaceFileResult } from '../engine/ports/host.js';
import type { BackupDeps } from './deps.js';
import { mappedManifest, restoreWslconfig } from './restore-config.js';

describe('mappedManifest', () => {
  const backedUp = {
    distro: { name: 'Ubuntu-24.04' },
    scoop: { root: 'D:\\Scoop', globalRoot: 'D:\\Global', apps: [{ name: 'git' }] },
    wsl: { config: { path: 'C:\\Users\\bob\\.wslconfig' } },
  };
  const source = { SCOOP: 'D:\\Scoop', SCOOP_GLOBAL: 'C:\\ProgramData\\scoop', USERPROFILE: 'C:\\Users\\bob' };

  it('moves paths under a recorded root onto its root here, and names the distro as restored', () => {
    const plan = {
      roots: { SCOOP: 'E:\\Apps', SCOOP_GLOBAL: 'C:\\ProgramData\\scoop', USERPROFILE: 'C:\\Users\\ann' },
      distro: { name: 'Copy' } as never,
    };
    expect(mappedManifest(backedUp, source, plan, { SCOOP: 'E:\\Apps' })).toEqual({
      distro: { name: 'Copy' },
      // globalRoot was not under a recorded root: set to where the restore puts global persist.
      scoop: { root: 'E:\\Apps', globalRoot: 'C:\\ProgramData\\scoop', apps: [{ name: 'git' }] },
      wsl: { config: { path: 'C:\\Users\\ann\\.wslconfig' } },
    });
  });

  it("sets Scoop's folders to where the restore puts them, --map's included; cacheDir only when named", () => {
    const plan = { roots: { ...source, SCOOP_GLOBAL: 'E:\\Global', SCOOP_CACHE: 'F:\\cache' } };
    const mapped = mappedManifest(backedUp, source, plan, { SCOOP_GLOBAL: 'E:\\Global', SCOOP_CACHE: 'F:\\cache' });
    expect(mapped.scoop).toEqual({
      root: 'D:\\Scoop',
      globalRoot: 'E:\\Global',
      cacheDir: 'F:\\cache',
      apps: [{ name: 'git' }],
    });
    // The cache where Scoop's default puts it (the manifest names none, nor --map): not spelled out.
    expect(mappedManifest(backedUp, source, plan, {}).scoop).not.toHaveProperty('cacheDir');
    // A manifest without a scoop section gets none.
    expect(mappedManifest({ distro: {} }, source, plan, { SCOOP: 'E:\\Apps' })).toEqual({ distro: {} });
  });
});

describe('restoreWslconfig', () => {
  const path = 'C:\\Users\\ann\\.wslconfig';
  const backedUp = '[wsl2]\r\nmemory = 8GB\r\n';
  const keepDir = 'C:\\Users\\ann\\AppData\\Local\\devbox\\backups\\restore-1';
  /** A machine whose file reads and replace answers are scripted in order; anything else throws. */
  const machine = (reads: (string | undefined)[], answers: ReplaceFileResult[]) => {
    const requests: ReplaceFileRequest[] = [];
    const copies: [string, string][] = [];
    const deps = {
      machine: {
        local: (p: string) => p,
        mkdir: async (p: string) => {
          if (p !== keepDir) throw new Error(`unscripted mkdir ${p}`);
        },
        writeFileAtomic: async (p: string, bytes: Buffer) => void copies.push([p, bytes.toString()]),
        readFile: async (p: string) => {
          if (p !== path || reads.length === 0) throw new Error(`unscripted read of ${p}`);
          const next = reads.shift();
          return next === undefined ? undefined : Buffer.from(next);
        },
      },
      host: {
        replaceFile: async (request: ReplaceFileRequest) => {
          const answer = answers.shift();
          if (!answer) throw new Error('unscripted replaceFile');
          requests.push(request);
          return answer;
        },
      },
    } as unknown as BackupDeps;
    return { deps, requests, copies };
  };

  it('writes where there is none, and says where the one it replaced is kept', async () => {
    const none = machine([undefined], [{ ok: true, backup: null, dnsFlushed: false }]);
    expect(await restoreWslconfig(none.deps, path, backedUp, keepDir)).toEqual({ written: true, original: null });
    expect(none.requests[0]).toMatchObject({ path, expectedSha256: null });
    expect(none.copies).toEqual([]);
    // The host keeps a file's first original only: the one replaced now is copied first, every time.
    const first = 'C:\\Users\\ann\\AppData\\Local\\devbox\\backups\\C\\Users\\ann\\.wslconfig';
    const other = machine(['[wsl2]\r\nmemory = 4GB\r\n'], [{ ok: true, backup: first, dnsFlushed: false }]);
    const kept = `${keepDir}\\.wslconfig`;
    expect(await restoreWslconfig(other.deps, path, backedUp, keepDir)).toEqual({ written: true, original: kept });
    expect(other.copies).toEqual([[kept, '[wsl2]\r\nmemory = 4GB\r\n']]);
    expect(other.requests[0]!.expectedSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves one that already holds the backed-up bytes; reads again when another program wrote it meanwhile', async () => {
    expect(await restoreWslconfig(machine([backedUp], []).deps, path, backedUp, keepDir)).toEqual({
      written: false,
      original: null,
    });
    const raced = machine(
      ['a', 'b'],
      [
        { ok: false, reason: 'changed', actualSha256: null },
        { ok: true, backup: null, dnsFlushed: false },
      ],
    );
    expect(await restoreWslconfig(raced.deps, path, backedUp, keepDir)).toEqual({
      written: true,
      original: `${keepDir}\\.wslconfig`,
    });
    expect(raced.requests.map((r) => r.expectedSha256)).toHaveLength(2);
    // What was there when the replace landed is the copy kept.
    expect(raced.copies.at(-1)).toEqual([`${keepDir}\\.wslconfig`, 'b']);
  });

  it('a file held open by another program is a user error naming it (exit 4), nothing written', async () => {
    const busy = machine(['a'], [{ ok: false, reason: 'busy', message: 'in use by notepad.' }]);
    await expect(restoreWslconfig(busy.deps, path, backedUp, keepDir)).rejects.toMatchObject({
      exitCode: 4,
      message: `${path} is held open by another program: in use by notepad. Close it and run the restore again.`,
    });
  });
});
