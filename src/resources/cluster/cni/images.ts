/**
 * Image references in a CNI's file, moved to the manifest's registry mirrors (`cluster.registryMirrors`,
 * the same map that becomes containerd's mirror config in every node). A reference
 * `quay.io/calico/node:v3.32.1` with `quay.io: [https://mirror.example/quay]` becomes
 * `mirror.example/quay/calico/node:v3.32.1`: the mirror serves the same repository paths (a pull-through
 * proxy of that registry). Docker Hub's official images keep their `library/` path. Every result is
 * checked against a strict reference grammar before it goes into a kustomization or a script's environment.
 */
import { stringify } from 'yaml';
import { ApplyFailedError } from '../../../errors.js';
import type { CniRelease } from './releases.js';
import { t } from '../../../i18n/catalogue.js';

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
    throw new ApplyFailedError(t('cni.badMirror', { registry, image: moved }), {
      code: 'cluster.cni.mirror',
      suggestions: [t('cni.badMirrorFix')],
    });
  return moved;
}

/** The image map of a release: as named in its file → where it is pulled from. */
export function imageMap(release: CniRelease, mirrors: Record<string, string[]>): Map<string, string> {
  return new Map(release.images.map((ref) => [ref, rewriteImage(ref, mirrors)]));
}

/**
 * The kustomization that applies a release's manifest with its images moved (kubectl's built-in
 * kustomize rewrites `image:` fields structurally, in containers and initContainers): data, written
 * as YAML, never text spliced into the manifest.
 */
export function kustomization(file: string, release: CniRelease, mirrors: Record<string, string[]>): string {
  const images = [...imageMap(release, mirrors)]
    .filter(([from, to]) => from !== to)
    .map(([from, to]) => ({ name: imageName(from), newName: imageName(to) }));
  return stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [file],
    ...(images.length ? { images } : {}),
  });
}

/** A reference without its tag or digest. */
function imageName(ref: string): string {
  const at = ref.search(/[:@][^/]*$/);
  return at >= 0 ? ref.slice(0, at) : ref;
}

/** The environment variable the rewritten install script reads its registry from. */
export const registryEnv = 'DEVBOX_CNI_REGISTRY';

/**
 * How an install script is made to read its registry from `$DEVBOX_CNI_REGISTRY` (default: its own):
 * a sed program built from the pin table (devbox's constants, never manifest values), and the registry
 * to pass as data — the mirror's prefix for the registry the line names, else the default.
 */
export function scriptRegistry(
  release: CniRelease,
  mirrors: Record<string, string[]>,
): { line: string; sed: string; registry: string } {
  const pin = release.registryLine;
  if (!pin) throw new Error(`${release.source} has no registry line pinned`);
  const bre = pin.line.replace(/[\\.*[\]^$|/]/g, (c) => `\\${c}`);
  const sed = `s|^${bre}$|REGISTRY="\${${registryEnv}:-${pin.default}}"|`;
  const probe = rewriteImage(`${pin.default}/devbox-probe:v0`, mirrors);
  return { line: pin.line, sed, registry: probe.slice(0, probe.lastIndexOf('/')) };
}
