/**
 * Loads a manifest: reads it and everything it `extends` (local files and pinned https URLs), merges
 * the layers, interpolates `vars` and `${env:…}`, validates, and reports every problem at once.
 */
import { t } from '../i18n/catalogue.js';
import { UsageError } from '../errors.js';
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { IssueList, ManifestError, type ManifestIssue, type SourcePosition } from './issues.js';
import { locate, parseManifestText, toPlain, type LMap, type LNode, type ScalarValue } from './tree.js';
import { mergeNodes } from './merge.js';
import { interpolate } from './interpolate.js';
import { validateManifestData, validSections } from './validate.js';
import { checkManifest, type ManifestCheck } from './checks.js';
import type { Manifest } from './schema/index.js';

import { builtinDefaultRef } from './refs.js';

export { builtinDefaultRef };

/** How the loader reads manifest sources; the composition root supplies file and network access. */
export interface ManifestSources {
  /** Reads a local file as UTF-8 text. */
  readFile(path: string): Promise<string>;
  /**
   * Downloads an https URL (TLS verified) and returns its bytes. Throws an Error naming what went
   * wrong; one with `tls: true` when the server's certificate failed verification.
   */
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
  /** The areas' cross-field rules (resources/registry.ts `areaChecks`). */
  checks: readonly ManifestCheck[];
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
  if (text.startsWith('builtin:'))
    return { error: `there is no built-in manifest "${text}": the only one is ${builtinDefaultRef}` };
  const remoteBase = from?.remote ? from.id : undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || remoteBase) {
    let url: URL;
    try {
      url = remoteBase ? new URL(text, remoteBase) : new URL(text);
    } catch {
      return { error: `"${text}" is not a valid URL` };
    }
    if (url.protocol !== 'https:')
      return { error: `"${text}" must use https:// (manifests are fetched over verified TLS only)` };
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

/** Where a layer was asked for: the position and path of its `extends` entry (none for the root). */
interface Request {
  at: SourcePosition;
  path: string;
  /** The file that asked, as messages name it. */
  from: string;
}

async function readLayer(
  ref: Ref,
  options: LoadOptions,
  issues: IssueList,
  requested: Request | undefined,
): Promise<string | undefined> {
  const path = requested?.path ?? '';
  if (!ref.remote) {
    try {
      return await options.sources.readFile(ref.id);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const whyKey =
        code === 'ENOENT'
          ? 'manifest.fileNotFound'
          : code === 'EISDIR'
            ? 'manifest.isDirectory'
            : code === 'EACCES'
              ? 'manifest.permissionDenied'
              : undefined;
      const why = whyKey ? t(whyKey) : String((error as Error).message);
      // The -m file itself: a bad argument, said plainly (no manifest position to point at).
      if (!requested)
        throw new UsageError(t('manifest.unreadable', { why, file: ref.display }), {
          code: 'manifest.unreadable',
          suggestions: [t('manifest.unreadableFix')],
        });
      issues.error(
        path,
        t('manifest.cannotReadExtended', { file: ref.display, why, from: requested.from }),
        requested.at,
      );
      return undefined;
    }
  }
  if (!ref.pin && !options.trustRemote) {
    issues.error(path, t('manifest.remoteNotPinned', { file: ref.display }), requested?.at);
    return undefined;
  }
  let bytes: Uint8Array;
  try {
    bytes = await options.sources.fetch(ref.id);
  } catch (error) {
    const raw = (error as Error).message;
    // The downloader names the URL itself; the message already does.
    // (src/net drops Node 24's --use-system-ca hint; devbox's own way, --ca-bundle, is named below.)
    const why = (raw.startsWith(ref.id) ? raw.slice(ref.id.length).replace(/^:?\s*/, '') : raw).replace(/[:\s]+$/, '');
    const tls = (error as { tls?: unknown }).tls === true ? t('manifest.remoteTls') : '';
    issues.error(path, t('manifest.remoteCannotDownload', { file: ref.display, why: `${why}${tls}` }), requested?.at);
    return undefined;
  }
  const actual = sha256Hex(bytes);
  if (ref.pin && actual !== ref.pin) {
    issues.error(path, t('manifest.remotePinMismatch', { file: ref.display, pin: ref.pin, actual }), requested?.at);
    return undefined;
  }
  if (!ref.pin) issues.warn(path, t('manifest.remoteUnpinned', { file: ref.display, actual }), requested?.at);
  const decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return decoded.decode(bytes);
  } catch {
    issues.error(path, t('manifest.remoteNotUtf8', { file: ref.display }), requested?.at);
    return undefined;
  }
}

function extendsRefs(tree: LMap, from: string, issues: IssueList): { text: string; request: Request }[] {
  const node = tree.entries.get('extends')?.node;
  if (!node || (node.kind === 'scalar' && node.value === null)) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  const refs: { text: string; request: Request }[] = [];
  items.forEach((item, index) => {
    const path = node.kind === 'seq' ? `extends[${index}]` : 'extends';
    if (item.kind === 'scalar' && typeof item.value === 'string' && item.value.trim() !== '')
      refs.push({ text: item.value.trim(), request: { at: item.at, path, from } });
    else issues.error(path, t('manifest.extendsNotString'), item.at);
  });
  return refs;
}

async function loadLayerTree(
  ref: Ref,
  options: LoadOptions,
  issues: IssueList,
  stack: Ref[],
  files: string[],
  requested?: Request,
): Promise<LNode | undefined> {
  if (stack.some((r) => r.id === ref.id)) {
    issues.error(
      requested?.path ?? '',
      t('manifest.extendsCycle', { chain: [...stack, ref].map((r) => r.display).join(' → ') }),
      requested?.at,
    );
    return undefined;
  }
  if (stack.length >= maxDepth) {
    issues.error(requested?.path ?? '', t('manifest.extendsTooDeep', { max: maxDepth }), requested?.at);
    return undefined;
  }
  const text = await readLayer(ref, options, issues, requested);
  if (text === undefined) return undefined;
  files.push(ref.display);
  const tree = parseManifestText(text, ref.display, issues);
  if (!tree || tree.kind !== 'map') return undefined;
  if (stack.length === 0 && tree.entries.size === 0) {
    // An empty or comment-only manifest would plan nothing and call that success: it is a mistake.
    issues.error('', t('manifest.empty'), tree.at);
    return undefined;
  }

  let base: LNode | undefined;
  for (const parent of extendsRefs(tree, ref.display, issues)) {
    const parentRef = resolveRef(parent.text, ref, options.sources);
    if ('error' in parentRef) {
      issues.error(parent.request.path, parentRef.error, parent.request.at);
      continue;
    }
    const layer = await loadLayerTree(parentRef, options, issues, [...stack, ref], files, parent.request);
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
  const varNames = new Set(varsEntry?.node.kind === 'map' ? varsEntry.node.entries.keys() : []);
  const resolvedVars = varsEntry
    ? interpolate(varsEntry.node, { vars: new Map(), env, varNames }, issues, ['vars'])
    : undefined;
  const vars = new Map<string, ScalarValue>();
  if (resolvedVars?.kind === 'map') {
    for (const [key, entry] of resolvedVars.entries) if (entry.node.kind === 'scalar') vars.set(key, entry.node.value);
  }
  const entries: LMap['entries'] = new Map();
  for (const [key, entry] of tree.entries) {
    const node = key === 'vars' ? resolvedVars! : interpolate(entry.node, { vars, env }, issues, [key]);
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
  if (ref.trim() === '')
    throw new UsageError(t('manifest.emptyFlag'), {
      code: 'manifest.unreadable',
    });
  const rootRef = resolveRef(ref, undefined, options.sources);
  if ('error' in rootRef) throw new ManifestError([{ path: '', message: rootRef.error, severity: 'error' }]);
  const merged = await loadLayerTree(rootRef, options, issues, [], files);
  if (!merged) {
    issues.throwIfErrors(files);
    throw new ManifestError([{ path: '', message: 'the manifest could not be read', severity: 'error' }]);
  }
  // A file that cannot be read or parsed leaves a hole in the merge: checking the rest would report
  // values as missing that are only missing because of it.
  issues.throwIfErrors(files);

  const tree = merged.kind === 'map' ? interpolateTree(merged, options.env, issues) : merged;
  // Values with a bad ${...} keep their text; the schema's complaint about that text would only
  // repeat the interpolation problem already reported for the same value.
  const interpolationProblems = new Set(issues.items.filter((i) => i.severity === 'error').map((i) => i.path));
  const schemaIssues = new IssueList();
  const data = toPlain(tree);
  const manifest = validateManifestData(data, tree, schemaIssues);
  for (const issue of schemaIssues.items) if (!interpolationProblems.has(issue.path)) issues.items.push(issue);
  // Cross-field rules run on every section that is valid on its own, so they are reported together
  // with the schema problems of other sections rather than on the next run.
  checkManifest(manifest ?? validSections(data), tree, issues, options.checks);
  issues.throwIfErrors(files);
  return {
    manifest: manifest!,
    tree,
    files,
    hash: sha256Hex(JSON.stringify(manifest)),
    warnings: issues.sorted(files),
  };
}

export { locate };
