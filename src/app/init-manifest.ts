/**
 * The wizard's answers as a manifest: a YAML document (yaml's Document API) with a comment before
 * each section saying what it does, rendered and then loaded by devbox's own loader before anyone
 * sees it, so a written manifest always validates. Pure apart from that load.
 */
import { Document, isMap, isScalar, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { UsageError } from '../errors.js';
import { loadManifest } from '../manifest/load.js';
import { ManifestError } from '../manifest/issues.js';
import { builtinDefaultRef } from '../manifest/refs.js';
import { knownMirrorNames } from '../manifest/schema/distro.js';
import type { cniNames } from '../manifest/schema/cni.js';
import { areaChecks } from '../resources/index.js';
import { knownBucketNames } from '../resources/scoop/known-buckets.js';
import { manifestSources } from '../platform/runtime.js';
import { ipv4ToInt, prefixMask, firstHost, specialAddressKind } from '../util/ipv4.js';
import type { AdapterFacts } from '../engine/ports/host.js';
import { initText } from '../ui/init-text.js';
import { t } from '../i18n/catalogue.js';

export type CniName = (typeof cniNames)[number];

/** What the wizard (or the flags) decided. */
export interface InitAnswers {
  distro: string;
  /** A known mirror name, a URL, or auto. */
  mirror: string;
  /** DoH resolvers for hosts entries; empty: devbox's defaults. */
  resolvers: string[];
  scoop: { root: string; globalRoot: string; apps: string[] };
  /** The distro's address with prefix and Windows' address; absent: no fixed IP. */
  fixedIp?: { address: string; hostAddress: string };
  cluster?: { name: string; cni: CniName };
  /** Figures behind the choices, written as comments. */
  measured?: { mirror?: string; resolver?: string };
}

/** Default answers: the default manifest's choices. */
export function defaultAnswers(): InitAnswers {
  return {
    distro: 'Ubuntu-24.04',
    mirror: 'auto',
    resolvers: [],
    scoop: { root: 'D:\\Scoop\\Apps', globalRoot: 'D:\\Scoop\\GlobalApps', apps: ['7zip', 'git', 'aria2'] },
    fixedIp: { address: '192.168.50.2/24', hostAddress: '192.168.50.1' },
    cluster: { name: 'devbox', cni: 'kindnet' },
  };
}

/** Common apps the wizard offers, with the bucket each lives in. */
export const commonApps: readonly { name: string; bucket?: string }[] = [
  { name: '7zip' },
  { name: 'git' },
  { name: 'aria2' },
  { name: 'nodejs-lts' },
  { name: 'python' },
  { name: 'go' },
  { name: 'maven' },
  { name: 'temurin17-jdk', bucket: 'java' },
  { name: 'vscode', bucket: 'extras' },
  { name: 'idea', bucket: 'extras' },
  { name: 'windows-terminal', bucket: 'extras' },
];

const appName = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** Splits "git, extras/vscode idea" into app specs, checking each; throws UsageError on a bad one. */
export function parseApps(text: string): string[] {
  const specs = text.split(/[\s,]+/).filter(Boolean);
  for (const spec of specs) {
    const parts = spec.split('/');
    if (parts.length > 2 || !parts.every((p) => appName.test(p))) throw new UsageError(t('init.badApp', { app: spec }));
    if (parts.length === 2 && !knownBucketNames.includes(parts[0]!.toLowerCase()))
      throw new UsageError(t('init.badBucket', { bucket: parts[0]!, known: knownBucketNames.join(', ') }));
  }
  return specs;
}

/** A mirror answer: a known name, auto, or an http(s) URL. */
export function parseMirror(value: string): string {
  if (value === 'auto' || (knownMirrorNames as readonly string[]).includes(value)) return value;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // not a URL: the error below
  }
  throw new UsageError(t('init.badMirror', { value }));
}

/** An absolute Windows folder (drive letter, backslashes). */
export function parseWindowsFolder(value: string): string {
  const folder = value.trim().replace(/\//g, '\\').replace(/\\+$/, '');
  if (!/^[A-Za-z]:\\[^<>:"|?*\u0000-\u001f]+$/.test(folder)) throw new UsageError(t('init.notWindowsPath', { value }));
  return folder;
}

/**
 * `192.168.50.2/24` (and optionally Windows' address) as a fixed IP, refusing a subnet any adapter
 * other than WSL's own already uses (WSL then silently picks another range: the same rule as the
 * network area's plan note). Throws UsageError naming the clash.
 */
export function parseFixedIp(
  value: string,
  hostAddress: string | undefined,
  adapters: readonly AdapterFacts[],
): InitAnswers['fixedIp'] {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(value.trim());
  const prefix = Number(m?.[2]);
  if (!m || m[1]!.split('.').some((o) => Number(o) > 255) || prefix < 8 || prefix > 30)
    throw new UsageError(t('init.notAFixedIp', { value }));
  const ip = m[1]!;
  if (specialAddressKind(ip, prefix)) throw new UsageError(t('init.notAFixedIp', { value }));
  const mask = (p: number) => prefixMask(p);
  for (const adapter of adapters) {
    if (/^vEthernet \(WSL/.test(adapter.name)) continue;
    for (const a of adapter.ipv4) {
      const common = mask(Math.min(a.prefixLength, prefix));
      if ((ipv4ToInt(a.address) & common) >>> 0 === (ipv4ToInt(ip) & common) >>> 0) {
        const network = (ipv4ToInt(ip) & mask(prefix)) >>> 0;
        const subnet = `${[24, 16, 8, 0].map((s) => (network >>> s) & 0xff).join('.')}/${prefix}`;
        throw new UsageError(
          t('init.subnetOverlap', { subnet, adapter: adapter.name, address: `${a.address}/${a.prefixLength}` }),
        );
      }
    }
  }
  return { address: `${ip}/${prefix}`, hostAddress: hostAddress ?? firstHost(ip, prefix, ip) };
}

/** What a generated manifest borrows from the built-in one (pins devbox keeps up to date). */
export interface ManifestDefaults {
  scoopInstaller: { url: string; sha256: string };
  kindVersion: string;
  runcVersion?: string;
}

/** Reads the pins from the built-in default manifest. */
export async function manifestDefaults(cwd?: string): Promise<ManifestDefaults> {
  const loaded = await loadManifest(builtinDefaultRef, { sources: manifestSources(cwd), env: {}, checks: areaChecks });
  const m = loaded.manifest;
  return {
    scoopInstaller: m.scoop!.installer,
    kindVersion: m.cluster!.kind.version,
    ...(m.cluster!.runc.version ? { runcVersion: m.cluster!.runc.version } : {}),
  };
}

const lines = (text: string | readonly string[]) =>
  (typeof text === 'string' ? [text] : text).map((l) => ` ${l}`).join('\n');

/** Puts a comment above the key `path` of the document (the key must exist). */
export function commentKey(doc: Document, path: readonly string[], text: string | readonly string[]): void {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (!isMap(parent)) throw new Error(`bug: no map at ${path.slice(0, -1).join('.')}`);
  const pair = (parent as YAMLMap).items.find((p: Pair) => isScalar(p.key) && p.key.value === path.at(-1));
  if (!pair) throw new Error(`bug: no key ${path.join('.')}`);
  const key = pair.key as Scalar;
  key.commentBefore = key.commentBefore ? `${key.commentBefore}\n${lines(text)}` : lines(text);
  if (path.length === 1 && path[0] !== 'version') key.spaceBefore = true;
}

/** Puts a comment at the end of a scalar value's line. */
export function commentValue(doc: Document, path: readonly string[], text: string): void {
  const node = doc.getIn(path, true);
  if (isScalar(node)) node.comment = ` ${text}`;
}

/** The answers as a manifest document with comments. */
export function answersDocument(answers: InitAnswers, defaults: ManifestDefaults): Document {
  const t = initText.comment;
  const cluster = answers.cluster;
  const wsl = {
    config: cluster
      ? {
          wsl2: { kernelCommandLine: 'cgroup_no_v1=all', vmIdleTimeout: -1 },
          general: { instanceIdleTimeout: -1 },
        }
      : {},
    shutdown: 'ask',
  };
  const apps = answers.scoop.apps.map((spec) => {
    const [bucket, name] = spec.includes('/')
      ? spec.split('/')
      : [commonApps.find((a) => a.name === spec)?.bucket, spec];
    return { name: name!, ...(bucket ? { bucket } : {}) };
  });
  const buckets = [...new Set(apps.flatMap((a) => (a.bucket && a.bucket !== 'main' ? [a.bucket] : [])))];
  const body = {
    version: 1,
    wsl,
    distro: {
      name: answers.distro,
      source: { from: 'web' },
      ...(cluster ? { wslConf: { boot: { systemd: true } } } : {}),
      ...(answers.fixedIp ? { network: { fixedIp: { strategy: 'auto', ...answers.fixedIp } } } : {}),
      apt: { mirror: answers.mirror, security: 'mirror', packages: ['ca-certificates', 'curl', 'git'] },
    },
    scoop: {
      root: answers.scoop.root,
      globalRoot: answers.scoop.globalRoot,
      installer: defaults.scoopInstaller,
      buckets: buckets.map((name) => ({ name })),
      apps,
    },
    hosts: {
      ...(answers.resolvers.length ? { resolvers: answers.resolvers } : {}),
      entries: [{ name: 'raw.githubusercontent.com', address: 'auto' }],
    },
    cluster: cluster
      ? {
          enabled: true,
          name: cluster.name,
          cni: cluster.cni,
          docker: { engine: 'docker-ce' },
          kind: { version: defaults.kindVersion },
          runc: { policy: 'safe-floor', ...(defaults.runcVersion ? { version: defaults.runcVersion } : {}) },
        }
      : { enabled: false },
  };
  const doc = new Document(body);
  doc.commentBefore = lines(initText.header.wizard);
  commentKey(doc, ['wsl'], t.wsl);
  if (cluster) commentKey(doc, ['wsl', 'config'], t.wslClusterKeys);
  commentKey(doc, ['distro'], t.distro);
  if (cluster) commentKey(doc, ['distro', 'wslConf'], t.wslConf);
  if (answers.fixedIp) commentKey(doc, ['distro', 'network'], t.fixedIp);
  commentKey(doc, ['distro', 'apt'], t.apt);
  if (answers.measured?.mirror)
    commentValue(doc, ['distro', 'apt', 'mirror'], t.mirrorMeasured(answers.measured.mirror));
  commentKey(doc, ['scoop'], t.scoop);
  commentKey(doc, ['hosts'], t.hosts);
  if (answers.resolvers.length && answers.measured?.resolver)
    commentKey(doc, ['hosts', 'resolvers'], t.resolverMeasured(answers.measured.resolver));
  commentKey(doc, ['cluster'], t.cluster);
  if (cluster) commentKey(doc, ['cluster', 'cni'], t.cni);
  return doc;
}

/**
 * Renders a document and loads it with devbox's loader (schema and cross-field checks). A generated
 * manifest that does not load is devbox's bug; `userInput` names the file whose values caused it
 * when the values came from the user's own file (then it is their input's fault, exit 2).
 */
export async function renderValidated(doc: Document, options: { cwd?: string; userInput?: string } = {}) {
  const text = doc.toString({ lineWidth: 0 });
  const sources = { ...manifestSources(options.cwd), readFile: async () => text };
  try {
    await loadManifest('/generated.yaml', { sources, env: {}, checks: areaChecks });
  } catch (error) {
    if (options.userInput !== undefined && error instanceof ManifestError) {
      throw new UsageError(
        `${options.userInput} holds values devbox cannot put in a manifest:\n` +
          error.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'),
        {
          suggestions: [
            `Fix or remove those entries in ${options.userInput}, or write the manifest by hand (\`devbox init\`).`,
          ],
        },
      );
    }
    throw new Error(`bug: the generated manifest does not validate: ${(error as Error).message}\n${text}`);
  }
  return text;
}

/** The answers as manifest text that validates. */
export async function manifestFromAnswers(answers: InitAnswers, cwd?: string): Promise<string> {
  if (answers.scoop.root.toLowerCase() === answers.scoop.globalRoot.toLowerCase())
    throw new UsageError(t('init.sameRoots'));
  return renderValidated(answersDocument(answers, await manifestDefaults(cwd)), { ...(cwd ? { cwd } : {}) });
}
