/** Builds `scoop` probe answers for unit tests from a short description of a machine's Scoop. */
import type {
  ScoopAppProbe,
  ScoopBucketProbe,
  ScoopProbe,
  ScoopRootProbe,
  ScopedValue,
} from '../../src/resources/scoop/probe.js';

export interface FakeApp {
  name: string;
  version?: string;
  bucket?: string;
  /** Only version folders, no `current` (a failed install). */
  failed?: boolean;
}

export interface FakeRoot {
  path: string;
  core?: boolean;
  apps?: FakeApp[];
  buckets?: { name: string; url?: string; git?: boolean }[];
}

export interface FakeScoop {
  env?: Partial<Record<'SCOOP' | 'SCOOP_GLOBAL' | 'SCOOP_CACHE' | 'XDG_CONFIG_HOME', ScopedValue>>;
  /** config.json at %USERPROFILE%\.config\scoop (object → JSON text; string as is). */
  config?: Record<string, unknown> | string;
  userPath?: string;
  roots: FakeRoot[];
}

function app(a: FakeApp): ScoopAppProbe {
  const version = a.version ?? '1.0';
  if (a.failed) return { name: a.name, versions: [{ name: version }] };
  const install = JSON.stringify({ bucket: a.bucket ?? 'main', architecture: '64bit' });
  return {
    name: a.name,
    versions: [{ name: version, install }],
    current: { target: version, manifest: JSON.stringify({ version }), install },
    updated: '2026-01-02T03:04:05.000Z',
  };
}

function bucket(b: { name: string; url?: string; git?: boolean }): ScoopBucketProbe {
  const git = b.git ?? true;
  return {
    name: b.name,
    git,
    ...(git && b.url ? { gitConfig: `[core]\n\tbare = false\n[remote "origin"]\n\turl = ${b.url}\n` } : {}),
    updated: '2026-01-02T03:04:05.000Z',
  };
}

function root(r: FakeRoot): ScoopRootProbe {
  return {
    path: r.path,
    exists: true,
    core: r.core ?? false,
    shim: r.core ?? false,
    apps: (r.apps ?? []).map(app),
    buckets: (r.buckets ?? []).map(bucket),
  };
}

export function fakeScoop(spec: FakeScoop): ScoopProbe {
  const config =
    spec.config === undefined
      ? undefined
      : typeof spec.config === 'string'
        ? spec.config
        : JSON.stringify(spec.config, null, 4);
  return {
    env: { SCOOP: {}, SCOOP_GLOBAL: {}, SCOOP_CACHE: {}, XDG_CONFIG_HOME: {}, ...spec.env },
    userProfile: 'C:\\Users\\dev',
    programData: 'C:\\ProgramData',
    path: spec.userPath ? { user: spec.userPath } : {},
    configs: [
      {
        path: 'C:\\Users\\dev\\.config\\scoop\\config.json',
        ...(config !== undefined ? { content: Buffer.from(config).toString('base64') } : {}),
      },
    ],
    roots: spec.roots.map(root),
  };
}
