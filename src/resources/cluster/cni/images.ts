/**
 * Image references in a CNI's file, moved to the manifest's registry mirrors (`cluster.registryMirrors`,
 * the same map that becomes containerd's mirror config in every node). A reference
 * `quay.io/calico/node:v3.32.1` with `quay.io: [https://mirror.example/quay]` becomes
 * `mirror.example/quay/calico/node:v3.32.1`: the mirror serves the same repository paths (a pull-through
 * proxy of that registry). Docker Hub's official images keep their `library/` path. Every result is
 * checked against a strict reference grammar before it goes into YAML or a script's environment.
 */
import { ApplyFailedError } from '../../../errors.js';
import type { CniRelease } from './releases.js';

const strictRef = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)+(:[\w][\w.-]{0,127})?$/;

/** `docker.io/library/x:1` for `x:1`, `docker.io/a/b:1` for `a/b:1`; other registries as written. */
export function normalizeImage(ref: string): { registry: string; path: string; tag: string } {
  const at = ref.search(/[:@][^/]*$/);
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const tag = at >= 0 ? ref.slice(at) : ':latest';
  const parts = name.split('/');
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first : 'docker.io';
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  let path = (hasRegistry ? parts.slice(1) : parts).join('/');
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { registry, path, tag };
}

/** The mirror's prefix for a registry (host and path of its first endpoint), or undefined. */
export function mirrorPrefix(registry: string, mirrors: Record<string, string[]>): string | undefined {
  const endpoint = mirrors[registry]?.[0];
  if (!endpoint) return undefined;
  const url = new URL(endpoint);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** Where one image is pulled from: its mirror's name for it, else itself. */
export function rewriteImage(ref: string, mirrors: Record<string, string[]>): string {
  const { registry, path, tag } = normalizeImage(ref);
  const prefix = mirrorPrefix(registry, mirrors);
  if (!prefix) return ref;
  const moved = `${prefix}/${path}${tag}`;
  if (!strictRef.test(moved))
    throw new ApplyFailedError(
      `the registry mirror for ${registry} gives the image name "${moved}", which is not valid`,
      {
        code: 'cluster.cni.mirror',
        suggestions: ['give cluster.registryMirrors endpoints as https://HOST[:PORT][/path] in lowercase'],
      },
    );
  return moved;
}

/** The image map of a release: as named in its file → where it is pulled from. */
export function imageMap(release: CniRelease, mirrors: Record<string, string[]>): Map<string, string> {
  return new Map(release.images.map((ref) => [ref, rewriteImage(ref, mirrors)]));
}

const imageLine = /^(\s*(?:-\s+)?image:\s*)(["']?)([^"'\s#]+)\2(\s*(?:#.*)?)$/;

/** The images a manifest's `image:` fields name, in order of appearance. */
export function manifestImages(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const m = imageLine.exec(line.replace(/\r$/, ''));
    return m ? [m[3]!] : [];
  });
}

/**
 * The manifest with every `image:` field moved to its mirror. A field naming an image the release
 * does not list means the pin table and the file disagree: refused, nothing is applied.
 */
export function rewriteManifest(text: string, release: CniRelease, mirrors: Record<string, string[]>): string {
  const map = imageMap(release, mirrors);
  const unknown = manifestImages(text).filter((ref) => !map.has(ref));
  if (unknown.length)
    throw new ApplyFailedError(
      `${release.source} names images devbox's pin table does not list: ${[...new Set(unknown)].join(', ')}`,
      { code: 'cluster.cni.images' },
    );
  return text
    .split('\n')
    .map((line) => {
      const cr = line.endsWith('\r') ? '\r' : '';
      const m = imageLine.exec(cr ? line.slice(0, -1) : line);
      return m ? `${m[1]}${m[2]}${map.get(m[3]!)}${m[2]}${m[4]}${cr}` : line;
    })
    .join('\n');
}

/** The environment variable the rewritten install script reads its registry from. */
export const registryEnv = 'DEVBOX_CNI_REGISTRY';

/**
 * An install script whose registry line reads `$DEVBOX_CNI_REGISTRY` (default: the script's own),
 * and the registry to pass: the mirror's prefix for the registry the line names, else the default.
 */
export function rewriteInstallScript(
  text: string,
  release: CniRelease,
  mirrors: Record<string, string[]>,
): { script: string; registry: string } {
  const pin = release.registryLine;
  const lines = text.split('\n');
  const at = pin ? lines.flatMap((l, i) => (l === pin.line ? [i] : [])) : [];
  if (!pin || at.length !== 1)
    throw new ApplyFailedError(`${release.source} does not have exactly one line ${pin?.line ?? '(none pinned)'}`, {
      code: 'cluster.cni.script',
    });
  lines[at[0]!] = `REGISTRY="\${${registryEnv}:-${pin.default}}"`;
  const probe = rewriteImage(`${pin.default}/devbox-probe:v0`, mirrors);
  const registry = probe.slice(0, probe.lastIndexOf('/'));
  return { script: lines.join('\n'), registry };
}
