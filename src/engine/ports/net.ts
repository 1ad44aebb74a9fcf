/**
 * The network ports: what resources may measure and fetch. Implemented in platform/net.ts over
 * src/net (undici, DoH, TLS checks). The measurement types are src/net's own results.
 */
import type { MirrorCandidate, RankOptions, Ranking } from '../../net/rank.js';
import type { VerifiedAddresses } from '../../net/verified-addresses.js';
import type { TlsVerdict } from '../../net/tls-probe.js';
import type { ProgressObserver } from './progress.js';

export type { MirrorCandidate, RankOptions, Ranking, TlsVerdict, VerifiedAddresses };

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
  /** Lowercase hex sha256 of the file's bytes. */
  sha256: string;
  /** Where `sha256` came from, named by a mismatch's hint (default: the manifest's pin). */
  pinnedBy?: 'manifest' | 'publisher';
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
  /** Where the bytes came from: fetched now, found in the sha256-keyed cache, or (dry run) nowhere yet. */
  source: 'network' | 'cache' | 'destination' | 'recorded';
}

/** Network access for `apply`: everything devbox fetches goes through src/net (sha256-verified, cached). */
export interface NetPort extends NetReadPort {
  /** Fetches and verifies a file; `observer` hears its bytes, rate and time left while it downloads. */
  fetchFile(request: FetchFileRequest, observer?: ProgressObserver): Promise<FetchedFile>;
}

/**
 * A read a dry run could not make (a checksum file or signing key with no network): the step's
 * `apply` stops there and the dry run reports the step as not checked, never as failed, since a
 * real run would make the read itself. Only the dry run's recording ports throw it.
 */
export class NotCheckedInDryRun extends Error {
  constructor(
    /** What was not done, e.g. "fetch https://…/kind-linux-amd64.sha256sum". */
    readonly what: string,
    /** Why not: the read's own error text. */
    readonly why: string,
  ) {
    super(`${what}: ${why}`);
    this.name = 'NotCheckedInDryRun';
  }
}
