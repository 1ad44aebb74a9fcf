/**
 * The composition root: the only place that looks at the real machine (process.platform, uid) and
 * builds the ports a run uses. A dry run gets recording ports here, and nowhere else.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { ApplyContext, NetReadPort, PlatformFacts, ReadContext } from '../engine/resource.js';
import type { ManifestSources } from '../manifest/load.js';
import { ExecaRunner, type ProcessRunner } from './process.js';
import { CoalescingGuest, GuestRunner } from './guest/runner.js';
import { RecordingGuest, type RecordedChange } from './guest/recording.js';
import { chrootTransport, localTransport, wslTransport, type GuestTransport } from './guest/transports.js';

/** Where devbox's packaged files are (manifests/, dist/). */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/** How the manifest loader reads files and URLs on this machine. */
export function manifestSources(cwd = process.cwd()): ManifestSources {
  return {
    readFile: (path) => readFile(path, 'utf8'),
    // Loaded on first use: most manifests extend nothing remote, and undici is slow to load.
    fetch: async (url) => (await import('../net/fetch-small.js')).fetchSmall(url, { maxBytes: 1024 * 1024 }),
    builtinDefaultPath: join(packageRoot, 'manifests', 'default.yaml'),
    cwd,
  };
}

export interface RuntimeOptions {
  /** `--root DIR`: apply the guest plane to another root filesystem (Linux only). */
  root?: string;
  /** The distro guest resources live in, when devbox drives WSL from Windows. */
  distroName?: string;
  dryRun: boolean;
}

/** The ports of one run. */
export interface Runtime {
  platform: PlatformFacts;
  processes: ProcessRunner;
  read: ReadContext;
  apply: Omit<ApplyContext, 'report'>;
  /** What a dry run would have changed (empty for real runs). */
  recorded: RecordedChange[];
}

function osOf(platform: NodeJS.Platform): PlatformFacts['os'] {
  return platform === 'win32' ? 'windows' : platform === 'linux' ? 'linux' : 'other';
}

function guestTransport(os: PlatformFacts['os'], options: RuntimeOptions): GuestTransport {
  if (os === 'windows') {
    if (options.root) throw new UsageError('--root applies to the guest plane on Linux; on Windows devbox reaches the distro through wsl.exe.');
    return wslTransport(options.distroName ?? 'Ubuntu-24.04');
  }
  return options.root ? chrootTransport(options.root) : localTransport();
}

/** Mirror ranking, loaded on first use: most runs never measure anything. */
const net: NetReadPort = {
  rankMirrors: async (candidates, options) => (await import('../net/rank.js')).rankMirrors(candidates, options),
};

/** Builds the ports for a run on this machine. */
export function createRuntime(options: RuntimeOptions, processes: ProcessRunner = new ExecaRunner()): Runtime {
  const os = osOf(process.platform);
  const transport = guestTransport(os, options);
  const guest = new CoalescingGuest(new GuestRunner(transport, processes, { ...(process.getuid ? { currentUid: process.getuid() } : {}) }));
  const platform: PlatformFacts = { os, guestDescription: transport.description };
  const recording = options.dryRun ? new RecordingGuest(guest, transport.description) : undefined;
  return {
    platform,
    processes,
    read: { platform, guest, net },
    apply: { platform, guest: recording ?? guest },
    recorded: recording?.changes ?? [],
  };
}
