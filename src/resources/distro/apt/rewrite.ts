/**
 * The pure core of `distro.apt`: given the guest's source files and the archive roots wanted for
 * the distro's main and security entries, which URIs change and what each file becomes. Only the URI
 * characters of recognised distro entries change; third-party entries, disabled entries, comments
 * and every other byte stay as they were.
 */
import type { PropertyChange } from '../../../engine/resource.js';
import {
  archiveKind,
  distroArchiveEvidence,
  inStyleOf,
  normalizeRoot,
  type ArchiveEvidence,
  type ArchiveRoots,
} from './archives.js';
import { applyEdits, formatOf, parseSources, type SourceEntry, type TextEdit } from './sources.js';
import { t } from '../../../i18n/catalogue.js';

/** A source file's path and content (latin1: one char per byte). */
export interface SourceFile {
  path: string;
  text: string;
}

/** One URI of a distro entry, where it is and which archive it belongs to. */
export interface DistroUri {
  path: string;
  /** 1-based line of the URI itself (in deb822, the URIs field, not the stanza start). */
  line: number;
  entry: SourceEntry;
  uri: string;
  start: number;
  end: number;
  kind: 'main' | 'security';
}

/** The distro's own entries across all files, plus notes on entries left alone. */
export interface DistroEntries {
  uris: DistroUri[];
  notes: string[];
}

/**
 * The roots recognised as the distro's archive: those with evidence of their own, every other entry
 * on the same root (apt caches an Origin only for suites it fetched), and for Debian the
 * `…/debian-security` sibling of a recognised `…/debian` root (Debian's layout on every mirror).
 */
function recognisedRoots(
  entries: readonly { entry: SourceEntry; uri: string }[],
  evidence: ArchiveEvidence,
): Set<string> {
  const roots = new Set<string>();
  for (const { entry, uri } of entries) if (distroArchiveEvidence(entry, uri, evidence)) roots.add(normalizeRoot(uri));
  if (evidence.family === 'debian')
    for (const root of [...roots]) if (root.endsWith('/debian')) roots.add(`${root}-security`);
  return roots;
}

/** Finds the URIs of the distro's own archive. `codename` only sharpens the notes about unrecognised entries. */
export function findDistroUris(
  files: readonly SourceFile[],
  evidence: ArchiveEvidence,
  codename: string,
): DistroEntries {
  const uris: DistroUri[] = [];
  const notes: string[] = [];
  const distroName = evidence.family === 'ubuntu' ? 'Ubuntu' : 'Debian';
  const parsed = files.map((file) => ({
    file,
    entries: parseSources(file.text, formatOf(file.path)).filter((e) => e.enabled),
  }));
  const roots = recognisedRoots(
    parsed.flatMap(({ entries }) => entries.flatMap((entry) => entry.uris.map((span) => ({ entry, uri: span.uri })))),
    evidence,
  );
  for (const { file, entries } of parsed) {
    for (const entry of entries) {
      for (const span of entry.uris) {
        if (!roots.has(normalizeRoot(span.uri))) {
          if (
            codename &&
            entry.suites.some((s) => s === codename || s.startsWith(`${codename}-`)) &&
            /^https?:/.test(span.uri)
          ) {
            notes.push(
              t('note.aptNotArchive', { at: `${file.path}:${entry.line}`, uri: span.uri, distro: distroName }),
            );
          }
          continue;
        }
        const kind = archiveKind(entry);
        if (kind === 'mixed' && evidence.family === 'debian') {
          notes.push(t('note.aptMixedSuites', { at: `${file.path}:${entry.line}` }));
          continue;
        }
        // Ubuntu serves -security from the same archive as the rest, so a mixed entry is a main one.
        const line = file.text.slice(0, span.start).split('\n').length;
        uris.push({
          path: file.path,
          line,
          entry,
          uri: span.uri,
          start: span.start,
          end: span.end,
          kind: kind === 'security' ? 'security' : 'main',
        });
      }
    }
  }
  return { uris, notes };
}

/** What the sources become for a target. */
export interface SourcesRewrite {
  /** Files whose content changes, with the new content. */
  files: { path: string; before: string; after: string }[];
  changes: PropertyChange[];
  notes: string[];
  /** The roots written (for attributing apt-get update errors). */
  written: string[];
}

/**
 * Rewrites every distro URI to the target root of its archive. A security entry with no security
 * root in the target is kept (with a note).
 */
export function rewriteSources(
  files: readonly SourceFile[],
  found: DistroEntries,
  target: ArchiveRoots,
  targetName: string,
): SourcesRewrite {
  const edits = new Map<string, TextEdit[]>();
  const changes: PropertyChange[] = [];
  const notes = [...found.notes];
  const written = new Set<string>();
  for (const u of found.uris) {
    const root = u.kind === 'security' ? target.security : target.main;
    if (!root) {
      notes.push(t('note.aptSecurityKept', { at: `${u.path}:${u.line}`, uri: u.uri, target: targetName }));
      continue;
    }
    if (normalizeRoot(u.uri) === normalizeRoot(root)) continue;
    const replacement = inStyleOf(u.uri, root);
    written.add(replacement);
    edits.set(u.path, [...(edits.get(u.path) ?? []), { start: u.start, end: u.end, replacement }]);
    changes.push({ property: `${u.path}:${u.line}`, before: u.uri, after: replacement });
  }
  const out: SourcesRewrite['files'] = [];
  for (const file of files) {
    const fileEdits = edits.get(file.path);
    if (fileEdits) out.push({ path: file.path, before: file.text, after: applyEdits(file.text, fileEdits) });
  }
  return { files: out, changes, notes, written: [...written] };
}
