/**
 * What devbox reads about Scoop in one host probe operation (`{ op: 'scoop' }`). The host port only
 * carries it: the shape is Scoop's, so it lives with the Scoop area. The fields mirror what the
 * PowerShell probe reports (src/platform/windows/scripts), which follows Scoop's own lookup order
 * (lib/core.ps1: SCOOP, config.json's root_path, the script's own place, ~\scoop).
 */
import { expectResult, type HostReadOp, type HostReadResult } from '../../engine/ports/host.js';

/** A variable as set in each scope (absent where it is not set). */
export interface ScopedValue {
  process?: string;
  user?: string;
  machine?: string;
}

/** One Scoop app folder (`<root>\apps\<name>`), as read from disk. */
export interface ScoopAppProbe {
  name: string;
  /** Version folders (not `current`), each with its install.json text when it has one. */
  versions: { name: string; install?: string }[];
  /** `current` (a junction to the installed version), when it exists. */
  current?: { target?: string; manifest?: string; install?: string };
  /** When `current` (else the app folder) was last written, ISO 8601 UTC. */
  updated?: string;
}

/** One bucket folder (`<root>\buckets\<name>`). */
export interface ScoopBucketProbe {
  name: string;
  /** Has a .git folder (a bucket installed from the zip has none). */
  git: boolean;
  /** The text of .git\config, where remote.origin.url is. */
  gitConfig?: string;
  updated?: string;
  /** Files and folders under bucket\ (only with `details`), as `scoop export` counts them. */
  manifests?: number;
}

/** One folder Scoop may use as a root (user or global). */
export interface ScoopRootProbe {
  path: string;
  exists: boolean;
  /** apps\scoop\current\bin\scoop.ps1: Scoop itself. */
  core: boolean;
  /** shims\scoop.ps1. */
  shim: boolean;
  /** <root>\config.json (portable mode), base64. */
  portableConfig?: string;
  apps: ScoopAppProbe[];
  buckets: ScoopBucketProbe[];
}

/** Everything devbox reads about Scoop, in one probe operation. */
export interface ScoopProbe {
  env: { SCOOP: ScopedValue; SCOOP_GLOBAL: ScopedValue; SCOOP_CACHE: ScopedValue; XDG_CONFIG_HOME: ScopedValue };
  userProfile: string;
  programData: string;
  /** PATH of the user and of the machine (registry). */
  path: { user?: string; machine?: string };
  /** config.json candidates, XDG_CONFIG_HOME's first when set; content base64, absent when missing. */
  configs: { path: string; content?: string }[];
  roots: ScoopRootProbe[];
}

/** The host probe operation that reads Scoop for these roots (plus every root Scoop itself would find). */
export function scoopProbeOp(roots: readonly string[], details = false): HostReadOp {
  return { op: 'scoop', roots, ...(details ? { details: true } : {}) };
}

/** Narrows the probe's answer to the scoop operation (the shape probe.ps1 reports, described above). */
export function scoopProbeResult(result: HostReadResult | undefined): ScoopProbe {
  return expectResult(result, 'scoop', 'Scoop') as ScoopProbe;
}
