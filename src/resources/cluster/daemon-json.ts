/**
 * /etc/docker/daemon.json: devbox sets its keys and leaves every other byte as it was (jsonc-parser
 * edits the text in place, so other keys keep their order, spacing and comments-free formatting).
 */
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { t } from '../../i18n/catalogue.js';

export const daemonJsonPath = '/etc/docker/daemon.json';

/** The keys devbox manages. */
export interface DaemonSettings {
  /** `registry-mirrors`: Docker Hub mirrors. */
  registryMirrors: readonly string[];
  /** `native.cgroupdriver` in `exec-opts`, when the manifest sets it. */
  cgroupDriver?: 'systemd' | 'cgroupfs';
}

export interface DaemonJsonDiff {
  property: string;
  before: unknown;
  after: unknown;
}

/** Parses the file strictly (dockerd refuses comments and trailing commas); throws a readable error. */
export function readDaemonJson(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: false, disallowComments: true }) as unknown;
  if (errors.length > 0 || typeof value !== 'object' || value === null || Array.isArray(value)) {
    const why = errors.length
      ? `${printParseErrorCode(errors[0]!.error)} at offset ${errors[0]!.offset}`
      : t('clusterStep.notJsonObject');
    throw new Error(t('clusterStep.daemonJsonInvalid', { file: daemonJsonPath, why }));
  }
  return value as Record<string, unknown>;
}

function cgroupOpts(current: unknown, driver: string): string[] {
  const opts = Array.isArray(current) ? current.filter((o): o is string => typeof o === 'string') : [];
  return [...opts.filter((o) => !o.startsWith('native.cgroupdriver=')), `native.cgroupdriver=${driver}`];
}

/** What differs between the file and the settings. */
export function daemonJsonChanges(text: string, settings: DaemonSettings): DaemonJsonDiff[] {
  const current = readDaemonJson(text);
  const changes: DaemonJsonDiff[] = [];
  const mirrors = current['registry-mirrors'];
  const wantMirrors = [...settings.registryMirrors];
  const sameMirrors =
    Array.isArray(mirrors) && mirrors.length === wantMirrors.length && mirrors.every((m, i) => m === wantMirrors[i]);
  if (!sameMirrors && !(mirrors === undefined && wantMirrors.length === 0)) {
    changes.push({ property: 'daemon.json registry-mirrors', before: mirrors ?? null, after: wantMirrors });
  }
  if (settings.cgroupDriver) {
    const opts = current['exec-opts'];
    const now = Array.isArray(opts)
      ? opts.find((o) => typeof o === 'string' && o.startsWith('native.cgroupdriver='))
      : undefined;
    if (now !== `native.cgroupdriver=${settings.cgroupDriver}`) {
      changes.push({
        property: 'daemon.json exec-opts native.cgroupdriver',
        before: now ?? null,
        after: settings.cgroupDriver,
      });
    }
  }
  return changes;
}

/** The file with devbox's keys set; the input unchanged when nothing differs. */
export function renderDaemonJson(text: string, settings: DaemonSettings): string {
  const current = readDaemonJson(text);
  const changed = new Set(daemonJsonChanges(text, settings).map((c) => c.property));
  if (changed.size === 0) return text;
  let out = text.trim() === '' ? '{}\n' : text;
  const indent = /\n([ \t]+)"/.exec(out)?.[1] ?? '  ';
  const formattingOptions = {
    insertSpaces: !indent.includes('\t'),
    tabSize: indent.includes('\t') ? 1 : indent.length,
    eol: out.includes('\r\n') ? '\r\n' : '\n',
  };
  const set = (path: string, value: unknown) => {
    out = applyEdits(out, modify(out, [path], value, { formattingOptions }));
  };
  if (changed.has('daemon.json registry-mirrors')) set('registry-mirrors', [...settings.registryMirrors]);
  if (settings.cgroupDriver && changed.has('daemon.json exec-opts native.cgroupdriver'))
    set('exec-opts', cgroupOpts(current['exec-opts'], settings.cgroupDriver));
  return out;
}
