/**
 * The resource contract, after PowerShell DSC v3: `get` reads the actual state through read-only
 * ports, `test` compares it with the desired state and is pure, `apply` is the only mutation and is
 * safe to re-run. A plan is the test results; dry-run swaps the mutating ports, never a flag.
 */
import type { GuestPort, GuestReadPort } from '../platform/guest/ops.js';
import type { HostPort, HostReadPort } from '../platform/windows/ports.js';
import type { MirrorCandidate, RankOptions, Ranking } from '../net/rank.js';
import type { VerifiedAddresses } from '../net/verified-addresses.js';
import type { TlsVerdict } from '../net/tls-probe.js';

/** Where a resource lives: `host` is Windows, `guest` is Linux in the distro. */
export type Plane = 'host' | 'guest';

/** What the engine knows about the machine it runs on. */
export interface PlatformFacts {
  os: 'windows' | 'linux' | 'other';
  /** For messages: where guest resources are applied. */
  guestDescription: string;
}

/**
 * Network measurements made from devbox's own process. Read-only: they change nothing anywhere. On
 * Windows the distro reaches the network through the host (NAT or mirrored), so what devbox measures
 * is what the distro gets.
 */
export interface NetReadPort {
  rankMirrors(candidates: readonly MirrorCandidate[], options: RankOptions): Promise<Ranking>;
  /**
   * Addresses for `name` from DNS-over-HTTPS (the manifest's resolvers, else $DEVBOX_DOH_RESOLVERS,
   * else the defaults), each checked by a TLS handshake for the name on port 443.
   */
  verifiedAddresses(name: string, options?: { resolvers?: readonly string[] }): Promise<VerifiedAddresses>;
  /** Does `address`:443 present a valid certificate for `name`? */
  probeTls(address: string, name: string): Promise<TlsVerdict>;
  /**
   * A small text over https (a checksum file, a signing key): the first of `urls` that answers.
   * Trusted on the strength of TLS alone: use it only for what verifies something else.
   */
  fetchText?(urls: readonly string[]): Promise<string>;
}

/** A file to fetch for a step: pinned by sha256, verified before anything uses it. */
export interface FetchFileRequest {
  /** The URL and its mirrors, best first. */
  urls: readonly string[];
  sha256: string;
  /** The file name to give it (programs care: PowerShell runs only *.ps1, msiexec wants *.msi). */
  name: string;
  /** A proxy URL for this download, or `none`; undefined uses HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  proxy?: string;
}

/** A verified file on this machine. */
export interface FetchedFile {
  /**
   * Its path on the machine devbox runs on. On Windows that is a Windows path, which Windows
   * programs (PowerShell, msiexec, wsl --import) open directly.
   */
  path: string;
  /** Where the bytes came from: fetched now, or found in the sha256-keyed cache. */
  source: 'network' | 'cache' | 'destination' | 'recorded';
}

/** Network access for `apply`: everything devbox fetches goes through src/net (sha256-verified, cached). */
export interface NetPort extends NetReadPort {
  fetchFile(request: FetchFileRequest): Promise<FetchedFile>;
}

/** Ports a `get` may use: none of them can change anything. */
export interface ReadContext {
  platform: PlatformFacts;
  guest: GuestReadPort;
  /** Windows itself; present only when devbox runs on Windows (host resources are skipped elsewhere). */
  host?: HostReadPort;
  /** Absent where a run has no network access to give (resources that need it say so). */
  net?: NetReadPort;
}

/** Ports an `apply` may use. In a dry run the mutating ones record instead of acting. */
export interface ApplyContext {
  platform: PlatformFacts;
  guest: GuestPort;
  /** Windows itself; present only when devbox runs on Windows. */
  host?: HostPort;
  /** Downloads and network checks; in a dry run downloads are recorded instead. */
  net?: NetPort;
  /** Progress detail for the user (one line). */
  report(message: string): void;
  /**
   * Asks the user a yes/no question about a side effect beyond the step itself (e.g. stopping
   * running distros). Absent, or answering false, means "don't": resources must then leave a note.
   */
  confirm?(question: string): Promise<boolean>;
}

/** One property that differs between actual and desired state. */
export interface PropertyChange {
  property: string;
  before: unknown;
  after: unknown;
}

/** The pure comparison of desired and actual state. */
export interface TestResult {
  inDesiredState: boolean;
  /** What `apply` would do; defaults to `update` when not in desired state. */
  action?: 'create' | 'update' | 'delete';
  changes: PropertyChange[];
  /** Things the user should know even when nothing changes (e.g. a setting WSL will override). */
  notes?: string[];
  /**
   * The resource differs from the desired state only until Windows restarts (e.g. a feature whose
   * enable is pending): applying again cannot help, a reboot will. The executor then ends the step
   * as `reboot-required` instead of failing it, and holds back what depends on it.
   */
  rebootRequired?: boolean;
}

interface ResourceIdentity {
  /** Namespaced type id, `area.noun` (e.g. `distro.sysctl`). */
  readonly type: string;
  /** Unique within the type (e.g. a path or a name). */
  readonly key: string;
  readonly plane: Plane;
  readonly needsElevation: boolean;
  /** Ids (`type[key]`) of resources that must be applied first. */
  readonly dependsOn: readonly string[];
  /** Ids whose desired state must exist before this resource can even be probed (e.g. the distro). */
  readonly probeAfter?: readonly string[];
  /** One line describing the desired state, for plans. */
  readonly summary: string;
}

/** One thing `devbox doctor` found about a resource, with what to do about it. */
export interface Finding {
  severity: 'ok' | 'warning' | 'problem';
  message: string;
  /** What fixes it (a command, a manifest change). */
  fix?: string;
}

/** A resource devbox can check and converge. */
export interface ManagedResource<A = unknown> extends ResourceIdentity {
  readonly kind: 'managed';
  get(ctx: ReadContext): Promise<A>;
  test(actual: A): TestResult;
  apply(actual: A, ctx: ApplyContext): Promise<void>;
  /**
   * What `devbox doctor` says beyond the plan (pure, like `test`): e.g. which hosts entries no
   * longer prove their name and must be refreshed. Optional; the plan's own drift is always shown.
   */
  diagnose?(actual: A): Finding[];
}

/**
 * A resource the manifest asks for that this version of devbox cannot manage yet. It appears in
 * plans as skipped with the reason, so a plan never silently omits part of the manifest.
 */
export interface DeclaredResource extends ResourceIdentity {
  readonly kind: 'declared';
  readonly reason: string;
}

export type Resource = ManagedResource<any> | DeclaredResource; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `type[key]`, the id used in dependsOn, plans and the journal. */
export function resourceId(resource: { type: string; key: string }): string {
  return `${resource.type}[${resource.key}]`;
}

/** Compares two values as the user would read them in a plan. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
