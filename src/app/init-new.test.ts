import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { answersFromFlags, answersGiven } from './init-new.js';

// Off Windows there is no host to ask for adapters: the subnet check sees none.
const env = { PATH: process.env.PATH ?? '' };

describe('answers from flags', () => {
  it('fills what the flags give over the defaults', async () => {
    const answers = await answersFromFlags(
      { mirror: 'tuna', apps: 'git,extras/vscode', fixedIp: '172.30.1.5/24', hostIp: '172.30.1.9', cni: 'calico' },
      env,
    );
    expect(answers).toMatchObject({
      mirror: 'tuna',
      resolvers: [],
      scoop: { root: 'D:\\Scoop\\Apps', globalRoot: 'D:\\Scoop\\GlobalApps', apps: ['git', 'extras/vscode'] },
      fixedIp: { address: '172.30.1.5/24', hostAddress: '172.30.1.9' },
      cluster: { name: 'devbox', cni: 'calico' },
    });
  });

  it('drops what is declined and refuses what does not fit', async () => {
    const answers = await answersFromFlags({ fixedIp: 'none', cluster: false, yes: true }, env);
    expect(answers.fixedIp).toBeUndefined();
    expect(answers.cluster).toBeUndefined();
    await expect(answersFromFlags({ hostIp: '10.0.0.1' }, env)).rejects.toThrow(/--host-ip goes with --fixed-ip/);
    await expect(answersFromFlags({ resolver: ['http://plain.example/dns-query'] }, env)).rejects.toBeInstanceOf(
      UsageError,
    );
    await expect(answersFromFlags({ mirror: 'nowhere' }, env)).rejects.toThrow(/--mirror nowhere/);
  });

  it('counts --resolver as an answer only where nothing can be asked', () => {
    expect(answersGiven({}, { resolver: true })).toBe(false);
    expect(answersGiven({ resolver: ['https://r.example/dns-query'] }, { resolver: false })).toBe(false);
    expect(answersGiven({ resolver: ['https://r.example/dns-query'] }, { resolver: true })).toBe(true);
    expect(answersGiven({ cluster: false }, { resolver: false })).toBe(true);
    expect(answersGiven({ yes: true }, { resolver: false })).toBe(true);
  });
});

describe('writing the manifest file', () => {
  it('names a folder or an unwritable path given with -o as a usage error, never an internal one', async () => {
    const { mkdtempSync, writeFileSync, rmSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { writeManifestFile } = await import('./init-new.js');
    const dir = mkdtempSync(join(tmpdir(), 'devbox-init-write-'));
    try {
      writeFileSync(join(dir, 'file'), 'kept');
      for (const [output, force, message] of [
        [dir, false, /is a folder; -o takes the manifest file/],
        [dir, true, /is a folder; -o takes the manifest file/],
        ['file/x.yaml', false, /file\/x\.yaml cannot be written \(ENOTDIR\)/],
        ['file', false, /file exists; devbox does not replace it/],
      ] as const)
        await expect(writeManifestFile(output, 'version: 1\n', force, dir)).rejects.toMatchObject({
          exitCode: 2,
          message: expect.stringMatching(message),
        });
      expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('kept');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never replaces a device, pipe or socket, even with --force (-o /dev/null as root)', async () => {
    const { mkdtempSync, rmSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { createServer } = await import('node:net');
    const { writeManifestFile } = await import('./init-new.js');
    const dir = mkdtempSync(join(tmpdir(), 'devbox-init-write-'));
    // A unix socket stands for /dev/null: a file that is not a regular file, made without root.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'sock'), resolve));
    try {
      for (const force of [false, true])
        await expect(writeManifestFile('sock', 'version: 1\n', force, dir)).rejects.toMatchObject({
          exitCode: 2,
          message: expect.stringMatching(/sock is not a regular file \(a device, pipe or socket\)/),
        });
      expect(statSync(join(dir, 'sock')).isSocket()).toBe(true);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
