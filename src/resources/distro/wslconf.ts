/**
 * `distro.wslconf`: the keys the manifest manages in /etc/wsl.conf. Every other section, key,
 * comment and blank line stays as it was. Written with LF: WSL silently ignores a CRLF wsl.conf.
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { fileText, type FileInfo } from '../../engine/ports/guest.js';
import { tunnelingFrom, tunnelingProbeOps } from './dns/tunneling-probe.js';
import { compareWslValue, encodeWslValue, WslIniDocument } from '../../formats/wsl-ini/index.js';
import { insideWslFrom, insideWslProbeOps, type WslFacts } from './inside-wsl.js';
import { t } from '../../i18n/catalogue.js';

export const wslConfPath = '/etc/wsl.conf';

/** One key devbox manages in wsl.conf. */
export interface WslConfSetting {
  section: string;
  key: string;
  value: string | number | boolean;
  /**
   * For a shell command key (`[boot] command`): `value` is one command among others joined by `;`.
   * It is in place when it is one of the parts; parts `replaces` recognises (what devbox wrote for
   * an earlier manifest) give way to it, and every other part, such as a command the user put there
   * by hand, is kept.
   */
  commandPart?: { replaces(part: string): boolean };
  /**
   * Held back while WSL's DNS tunneling is on (`[network] generateResolvConf = false`, which
   * distro.dns asks for): distro.dns refuses to work then, and with the key written WSL would stop
   * generating the resolv.conf tunneling needs at its next start.
   */
  heldWhileDnsTunneling?: boolean;
}

/** How a manifest scalar reads as text. */
const text = (value: string | number | boolean) => String(value);

/** The parts of a `;`-joined command as WSL reads it (empty parts dropped). */
export function commandParts(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
}

function partInPlace(current: string | undefined, setting: WslConfSetting): boolean {
  const parts = commandParts(current);
  const part = text(setting.value);
  return parts.includes(part) && !parts.some((p) => p !== part && setting.commandPart!.replaces(p));
}

/** The command (as WSL reads it) with `part` first and earlier versions of it removed; other parts keep their text. */
export function withCommandPart(
  current: string | undefined,
  part: string,
  replaces: (part: string) => boolean,
): string {
  const kept = (current ?? '').split(';').filter((p) => p.trim() !== '' && p.trim() !== part && !replaces(p.trim()));
  const rest = kept.join(';').trim();
  return rest ? `${part}; ${rest}` : part;
}

interface WslConfActual {
  kind: FileInfo['kind'];
  text: string;
  /** WSL's DNS tunneling address, when a held-back setting made us look and it is on. */
  dnsTunneling?: string;
  /** Whether the guest runs under WSL (wsl.conf means nothing elsewhere), and where the guest is. */
  wsl: WslFacts & { where: string };
}

/** The plan's note off WSL: the file is still written (the system may be a distro image), but nothing reads it here. */
export function offWslNote(wsl: WslConfActual['wsl']): string {
  return t('note.offWsl', { where: wsl.where, kernel: wsl.kernel ?? t('note.unknown') });
}

/** Builds the wsl.conf resource for a set of desired keys. */
export function wslConfResource(
  settings: readonly WslConfSetting[],
  options: { probeAfter?: string[]; dependsOn?: string[]; key?: string } = {},
): ManagedResource<WslConfActual> {
  return {
    kind: 'managed',
    type: 'distro.wslconf',
    key: options.key ?? wslConfPath,
    plane: 'guest',
    needsElevation: false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: `${wslConfPath}: ${settings.map((s) => `${s.section}.${s.key}=${text(s.value)}`).join(', ')}`,

    async get(ctx) {
      const lookForTunneling = settings.some((s) => s.heldWhileDnsTunneling);
      const results = await ctx.guest.run([
        { op: 'read', path: wslConfPath },
        ...insideWslProbeOps,
        ...(lookForTunneling ? tunnelingProbeOps : []),
      ]);
      const result = results[0]!;
      const wsl = {
        ...insideWslFrom(results.slice(1, 1 + insideWslProbeOps.length)),
        where: ctx.platform.guestDescription,
      };
      const kind = result.file?.kind ?? 'missing';
      if (kind === 'dir' || kind === 'other')
        throw new Error(t('wslconf.notAFile', { file: wslConfPath, directory: kind === 'dir' }));
      const dnsTunneling = lookForTunneling ? tunnelingFrom(results.slice(1 + insideWslProbeOps.length)) : undefined;
      return { kind, text: fileText(result) ?? '', wsl, ...(dnsTunneling ? { dnsTunneling } : {}) };
    },

    test(actual): TestResult {
      const doc = WslIniDocument.parse(actual.text, 'wsl.conf');
      const changes: PropertyChange[] = [];
      const notes: string[] = actual.wsl.insideWsl ? [] : [offWslNote(actual.wsl)];
      for (const setting of settings) {
        const { section, key, value } = setting;
        const found = compareWslValue(doc, section, key, value);
        if (setting.heldWhileDnsTunneling && actual.dnsTunneling) {
          if (!found.same)
            notes.push(t('note.heldBack', { setting: `${section}.${key}`, address: actual.dnsTunneling }));
          continue;
        }
        notes.push(...found.notes);
        if (setting.commandPart) {
          const current = doc.get(section, key);
          const readable = found.before === null || current !== undefined;
          if (!readable || !partInPlace(current, setting))
            changes.push({
              property: `${section}.${key}`,
              before: found.before,
              after: encodeWslValue(withCommandPart(current, text(value), setting.commandPart.replaces)),
            });
        } else if (!found.same) {
          changes.push({ property: `${section}.${key}`, before: found.before, after: found.after });
        }
      }
      if (actual.text.includes('\r\n'))
        changes.push({ property: 'lineEndings', before: 'CRLF (WSL ignores the file)', after: 'LF' });
      return {
        inDesiredState: changes.length === 0,
        action: actual.kind === 'missing' ? 'create' : 'update',
        changes,
        ...(notes.length ? { notes } : {}),
      };
    },

    async apply(actual, ctx) {
      const doc = WslIniDocument.parse(actual.text.replace(/\r\n/g, '\n'), 'wsl.conf');
      for (const { section, key, value, commandPart, heldWhileDnsTunneling } of settings) {
        if (heldWhileDnsTunneling && actual.dnsTunneling) continue;
        const found = compareWslValue(doc, section, key, value);
        const current = doc.get(section, key);
        if (commandPart) {
          const next = withCommandPart(current, text(value), commandPart.replaces);
          if (current !== next) doc.set(section, key, encodeWslValue(next));
        } else if (!found.same) {
          doc.set(section, key, found.after);
        }
      }
      const [result] = await ctx.guest.run([
        {
          op: 'write',
          path: wslConfPath,
          content: doc.toString(),
          ...(actual.kind === 'missing' ? { mode: '644' } : {}),
        },
      ]);
      if (result!.code !== 0)
        throw new Error(
          t('wslconf.cannotWrite', { file: wslConfPath, error: result!.error ?? result!.stderr.toString() }),
        );
      ctx.report(t('detail.wrote', { file: wslConfPath }));
    },
  };
}
