/**
 * `distro.wslconf`: the keys the manifest manages in /etc/wsl.conf. Every other section, key,
 * comment and blank line stays as it was. Written with LF: WSL silently ignores a CRLF wsl.conf.
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { fileText, type FileInfo } from '../../platform/guest/ops.js';
import { IniDocument, iniValue, sameIniValue } from './ini.js';

export const wslConfPath = '/etc/wsl.conf';

/** One key devbox manages in wsl.conf. */
export interface WslConfSetting {
  section: string;
  key: string;
  value: string | number | boolean;
}

interface WslConfActual {
  kind: FileInfo['kind'];
  text: string;
}

/** Builds the wsl.conf resource for a set of desired keys. */
export function wslConfResource(settings: readonly WslConfSetting[], options: { probeAfter?: string[] } = {}): ManagedResource<WslConfActual> {
  return {
    kind: 'managed',
    type: 'distro.wslconf',
    key: wslConfPath,
    plane: 'guest',
    needsElevation: false,
    dependsOn: [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: `${wslConfPath}: ${settings.map((s) => `${s.section}.${s.key}=${iniValue(s.value)}`).join(', ')}`,

    async get(ctx) {
      const [result] = await ctx.guest.run([{ op: 'read', path: wslConfPath }]);
      const kind = result!.file?.kind ?? 'missing';
      if (kind === 'dir' || kind === 'other') throw new Error(`${wslConfPath} is a ${kind === 'dir' ? 'directory' : 'special file'}, not a file`);
      return { kind, text: fileText(result!) ?? '' };
    },

    test(actual): TestResult {
      const doc = IniDocument.parse(actual.text);
      const changes: PropertyChange[] = [];
      for (const { section, key, value } of settings) {
        const current = doc.get(section, key);
        if (!sameIniValue(current, value)) changes.push({ property: `${section}.${key}`, before: current ?? null, after: iniValue(value) });
      }
      if (actual.text.includes('\r\n')) changes.push({ property: 'lineEndings', before: 'CRLF (WSL ignores the file)', after: 'LF' });
      return { inDesiredState: changes.length === 0, action: actual.kind === 'missing' ? 'create' : 'update', changes };
    },

    async apply(actual, ctx) {
      const doc = IniDocument.parse(IniDocument.toLf(actual.text));
      for (const { section, key, value } of settings) {
        if (!sameIniValue(doc.get(section, key), value)) doc.set(section, key, iniValue(value));
      }
      const [result] = await ctx.guest.run([{ op: 'write', path: wslConfPath, content: doc.toString(), ...(actual.kind === 'missing' ? { mode: '644' } : {}) }]);
      if (result!.code !== 0) throw new Error(`cannot write ${wslConfPath}: ${result!.error ?? result!.stderr.toString()}`);
      ctx.report(`wrote ${wslConfPath}`);
    },
  };
}
