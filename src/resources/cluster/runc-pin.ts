/**
 * The runc devbox pins in every node: a DIRECTORY in the distro (the user's, or one devbox fills
 * with a verified release download) mounted read-only at /opt/devbox/runc and named in containerd's
 * `BinaryName`. Never a single file: runc ≥ 1.2 re-executes itself through an overlay of its
 * binary's directory and would run the file underneath a file mount (cluster-rig.md).
 */
import { ApplyFailedError, ExitCode, PrerequisiteError, UserError } from '../../errors.js';
import type { ApplyContext } from '../../engine/resource.js';
import { stdoutText, type GuestReadOp, type OpResult } from '../../engine/ports/guest.js';
import { errorText, guestPathOf, type ClusterDesired } from './desired.js';
import { parseSha256Sum } from './sources.js';
import { t } from '../../i18n/catalogue.js';

/** Reads what the pin directory holds: `dir|file|missing` and the runc's sha256. Fixed text, path as $1. */
const pinScript = String.raw`
if [ -d "$1" ]; then echo dir; elif [ -e "$1" ]; then echo file; else echo missing; fi
if [ -f "$1/runc" ] && [ -x "$1/runc" ]; then sha256sum "$1/runc" | cut -d' ' -f1; fi
`;

export function pinProbeOp(dir: string): GuestReadOp {
  return { op: 'run', argv: ['bash', '-c', pinScript, 'devbox-runc-pin', dir], readOnly: true };
}

export interface PinFacts {
  kind: 'dir' | 'file' | 'missing';
  sha256?: string;
}

export function parsePinProbe(result: OpResult): PinFacts {
  const [kind, sha256] = stdoutText(result).trim().split('\n');
  return {
    kind: kind === 'dir' || kind === 'file' ? kind : 'missing',
    ...(sha256 && /^[0-9a-f]{64}$/.test(sha256) ? { sha256 } : {}),
  };
}

/**
 * A user's pin directory that cannot work is a manifest problem, reported at plan time: a file
 * (the refused single-file mount) or a path that does not exist.
 */
export function checkUserPin(d: ClusterDesired, pin: PinFacts): void {
  if (d.runc.download || !d.runc.pinDir) return;
  const where = `cluster.runc.path: ${d.runc.pinDir}`;
  if (pin.kind === 'file') {
    throw new UserError(t('clusterCheck.pinIsFile', { where }), ExitCode.manifestInvalid, {
      code: 'cluster.runc.single-file',
    });
  }
  if (pin.kind === 'missing')
    throw new UserError(t('clusterCheck.pinMissing', { where }), ExitCode.manifestInvalid, {
      code: 'cluster.runc.path',
    });
  if (!pin.sha256)
    throw new UserError(t('clusterCheck.pinEmpty', { where }), ExitCode.manifestInvalid, {
      code: 'cluster.runc.path',
    });
}

/** Makes sure the pin directory holds the runc to pin before nodes are created with it. */
export async function ensureRuncPin(ctx: ApplyContext, d: ClusterDesired): Promise<void> {
  const dir = d.runc.pinDir;
  if (!dir) return;
  const [probe] = await ctx.guest.run([pinProbeOp(dir)]);
  const pin = parsePinProbe(probe!);
  const download = d.runc.download;
  if (!download) return checkUserPin(d, pin);
  let sha256 = download.sha256;
  if (!ctx.net)
    throw new PrerequisiteError(t('clusterCheck.runcNeedsNet', { version: download.version }), {
      code: 'cluster.runc.net',
    });
  if (!sha256) {
    if (!ctx.net.fetchText)
      throw new PrerequisiteError(t('clusterCheck.runcChecksumNeedsNet'), {
        code: 'cluster.runc.net',
      });
    // runc.sha256sum is clear-signed: only its `<hex>  runc.amd64` line is read (kind-runc.md §2.2).
    const base = download.urls[0]!.slice(0, download.urls[0]!.lastIndexOf('/'));
    sha256 = parseSha256Sum(await ctx.net.fetchText([`${base}/runc.sha256sum`]), 'runc.amd64');
    if (!sha256)
      throw new ApplyFailedError(t('clusterCheck.runcChecksumMissing', { version: download.version }), {
        code: 'cluster.runc.checksum',
      });
  }
  if (pin.sha256 === sha256) return;
  const fetched = await ctx.net.fetchFile({
    urls: download.urls,
    sha256,
    name: `runc-${download.version}.amd64`,
    ...(download.sha256 ? {} : { pinnedBy: 'publisher' as const }),
  });
  const [installed] = await ctx.guest.run([
    { op: 'run', argv: ['install', '-D', '-m', '0755', '--', guestPathOf(fetched.path), `${dir}/runc`] },
  ]);
  if (installed!.code !== 0)
    throw new ApplyFailedError(t('clusterCheck.runcInstallFailed', { dir, error: errorText(installed!) }), {
      code: 'cluster.runc.install',
    });
  ctx.report(t('detail.runcPinned', { version: download.version, sha256: sha256.slice(0, 12), dir }));
}
