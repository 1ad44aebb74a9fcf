/**
 * Loads a manifest: reads it and everything it `extends` (local files and pinned https URLs), merges
 * the layers, interpolates `vars` and `${env:…}`, validates, and reports every problem at once.
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { IssueList, ManifestError, type ManifestIssue, type SourcePosition } from './issues.js';
import { locate, parseManifestText, toPlain, type LMap, type LNode, type ScalarValue } from './tree.js';
import { mergeNodes } from './merge.js';
import { interpolate } from './interpolate.js';
import { validateManifestData } from './validate.js';
import { checkManifest } from './checks.js';
import type { Manifest } from './schema/index.js';

import { builtinDefaultRef } from './refs.js';

export { builtinDefaultRef };

/** How the loader reads manifest sources; the composition root supplies file and network access. */
export interface ManifestSources {
  /** Reads a local file as UTF-8 text. */
  readFile(path: string): Promise<string>;
  /** Downloads an https URL (TLS verified) and returns its bytes. */
  fetch(url: string): Promise<Uint8Array>;
  /** Absolute path of the built-in default manifest. */
  builtinDefaultPath: string;
  cwd: string;
}

export interface LoadOptions {
  sources: ManifestSources;
  env: Readonly<Record<string, string | undefined>>;
  /** Accept https `extends` without a `#sha256=` pin. */
  trustRemote?: boolean;
}

/** A loaded manifest and what it was made from. */
export interface LoadedManifest {
  manifest: Manifest;
  /** The merged, interpolated tree: locates any value in its source file. */
  tree: LNode;
  /** Every source read, root first, as displayed in messages. */
  files: string[];
  /** sha256 of the resolved manifest, identifying it in the journal. */
  hash: string;
  warnings: ManifestIssue[];
}

const maxDepth = 16;
const pinPattern = /^sha256=([0-9a-fA-F]{64})$/;

interface Ref {
  /** Identity for cycle detection: absolute path or URL without fragment. */
  id: string;
  /** How messages name it. */
  display: string;
  remote: boolean;
  pin?: string;
}

function resolveRef(text: string, from: Ref | undefined, sources: ManifestSources): Ref | { error: string } {
  if (text === builtinDefaultRef) {
    return { id: sources.builtinDefaultPath, display: 'builtin:default (manifests/default.yaml)', remote: false };
  }
  const remoteBase = from?.remote ? from.id : undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || remoteBase) {
    let url: URL;
    try {
      url = remoteBase ? new URL(text, remoteBase) : new URL(text);
    } catch {
      return { error: `"${text}" is not a valid URL` };
    }
    if (url.protocol !== 'https:') return { error: `"${text}" must use https:// (manifests are fetched over verified TLS only)` };
    const fragment = url.hash.slice(1);
    url.hash = '';
    let pin: string | undefined;
    if (fragment) {
      const m = pinPattern.exec(fragment);
      if (!m) return { error: `the fragment "#${fragment}" must be #sha256=<64 hex characters>` };
      pin = m[1]!.toLowerCase();
    }
    return { id: url.href, display: url.href, remote: true, ...(pin ? { pin } : {}) };
  }
  const base = from ? dirname(from.id) : sources.cwd;
  const absolute = isAbsolute(text) ? text : resolvePath(base, text);
  const rel = relative(sources.cwd, absolute);
  return { id: absolute, display: rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute, remote: false };
}

function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readLayer(ref: Ref, options: LoadOptions, issues: IssueList, requestedAt: SourcePosition | undefined): Promise<string | undefined> {
  if (!ref.remote) {
    try {
      return await options.sources.readFile(ref.id);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
      issues.error('', `cannot read manifest ${ref.display}: ${why}`, requestedAt);
      return undefined;
    }
  }
  if (!ref.pin && !options.trustRemote) {
    issues.error('extends', `remote manifest ${ref.display} is not pinned: append #sha256=<sha256 of the file> to the URL, or pass --trust-remote`, requestedAt);
    return undefined;
  }
  let bytes: Uint8Array;
  try {
    bytes = await options.sources.fetch(ref.id);
  } catch (error) {
    issues.error('', `cannot download manifest ${ref.display}: ${(error as Error).message}`, requestedAt);
    return undefined;
  }
  const actual = sha256Hex(bytes);
  if (ref.pin && actual !== ref.pin) {
    issues.error('extends', `remote manifest ${ref.display} does not match its pin: expected sha256 ${ref.pin}, got ${actual}. The file changed; review it and update the pin`, requestedAt);
    return undefined;
  }
  if (!ref.pin) issues.warn('extends', `remote manifest ${ref.display} is trusted without a pin (sha256 ${actual})`, requestedAt);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function extendsRefs(tree: LMap, issues: IssueList): { text: string; at: SourcePosition }[] {
  const node = tree.entries.get('extends')?.node;
  if (!node) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  const refs: { text: string; at: SourcePosition }[] = [];
  items.forEach((item, index) => {
    if (item.kind === 'scalar' && typeof item.value === 'string' && item.value.trim() !== '') refs.push({ text: item.value.trim(), at: item.at });
    else issues.error(node.kind === 'seq' ? `extends[${index}]` : 'extends', 'must be a path or https:// URL (a string)', item.at);
  });
  return refs;
}

async function loadLayerTree(ref: Ref, options: LoadOptions, issues: IssueList, stack: Ref[], files: string[], requestedAt?: SourcePosition): Promise<LNode | undefined> {
  if (stack.some((r) => r.id === ref.id)) {
    issues.error('extends', `extends cycle: ${[...stack, ref].map((r) => r.display).join(' → ')}. Remove one of these extends`, requestedAt);
    return undefined;
  }
  if (stack.length >= maxDepth) {
    issues.error('extends', `extends chain is deeper than ${maxDepth} manifests`, requestedAt);
    return undefined;
  }
  const text = await readLayer(ref, options, issues, requestedAt);
  if (text === undefined) return undefined;
  files.push(ref.display);
  const tree = parseManifestText(text, ref.display, issues);
  if (!tree || tree.kind !== 'map') return undefined;

  let base: LNode | undefined;
  for (const parent of extendsRefs(tree, issues)) {
    const parentRef = resolveRef(parent.text, ref, options.sources);
    if ('error' in parentRef) {
      issues.error('extends', parentRef.error, parent.at);
      continue;
    }
    const layer = await loadLayerTree(parentRef, options, issues, [...stack, ref], files, parent.at);
    if (layer) base = base ? mergeNodes(base, layer) : layer;
  }
  const own: LMap = { ...tree, entries: new Map([...tree.entries].filter(([key]) => key !== 'extends')) };
  return base ? mergeNodes(base, own) : own;
}

/**
 * Interpolates the tree. Variables are resolved first and may use the environment but not each
 * other, so there is no evaluation order to get wrong.
 */
function interpolateTree(tree: LMap, env: LoadOptions['env'], issues: IssueList): LMap {
  const varsEntry = tree.entries.get('vars');
  const resolvedVars = varsEntry ? interpolate(varsEntry.node, { vars: new Map(), env }, issues, 'vars') : undefined;
  const vars = new Map<string, ScalarValue>();
  if (resolvedVars?.kind === 'map') {
    for (const [key, entry] of resolvedVars.entries) if (entry.node.kind === 'scalar') vars.set(key, entry.node.value);
  }
  const entries: LMap['entries'] = new Map();
  for (const [key, entry] of tree.entries) {
    const node = key === 'vars' ? resolvedVars! : interpolate(entry.node, { vars, env }, issues, key);
    entries.set(key, { keyAt: entry.keyAt, node });
  }
  return { ...tree, entries };
}

/**
 * Loads and validates the manifest named by `ref` (a path, an https URL, or `builtin:default`).
 * Throws a ManifestError listing every problem found.
 */
export async function loadManifest(ref: string, options: LoadOptions): Promise<LoadedManifest> {
  const issues = new IssueList();
  const files: string[] = [];
  const rootRef = resolveRef(ref, undefined, options.sources);
  if ('error' in rootRef) throw new ManifestError([{ path: '', message: rootRef.error, severity: 'error' }]);
  const merged = await loadLayerTree(rootRef, options, issues, [], files);
  if (!merged) {
    issues.throwIfErrors();
    throw new ManifestError([{ path: '', message: 'the manifest could not be read', severity: 'error' }]);
  }
  const tree = merged.kind === 'map' ? interpolateTree(merged, options.env, issues) : merged;
  issues.throwIfErrors();

  const data = toPlain(tree);
  const manifest = validateManifestData(data, tree, issues);
  if (manifest) checkManifest(manifest, tree, issues);
  issues.throwIfErrors();
  return {
    manifest: manifest!,
    tree,
    files,
    hash: sha256Hex(JSON.stringify(manifest)),
    warnings: issues.sorted(),
  };
}

export { locate };
