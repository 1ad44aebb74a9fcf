/**
 * `.wslconfig [wsl2] kernelCommandLine` is a space-separated list devbox shares with the user: the
 * manifest's parameters are devbox's part, a parameter of the same name (the text before `=`) gives way to
 * it, every other parameter stays where it is. To take back a parameter the manifest later drops
 * entirely, devbox records the ones it wrote in a comment line just above the key. A comment, not a key
 * of its own: WSL's parser (microsoft/WSL src/shared/configfile/configfile.cpp) skips `#` lines silently
 * but warns about every unknown key at each start (MessageConfigUnknownKey), and keeps comments when WSL's
 * own settings tool rewrites the file.
 */

/** The comment line's text before the parameters. */
export const ownedMark = '# devbox: kernelCommandLine parameters it added (from your manifest): ';

const paramName = (param: string) => param.split('=')[0]!;
const split = (list: string | undefined) => (list ?? '').split(/\s+/).filter(Boolean);

/** The parameters the marker comment lists as devbox's (the first marker line), or none. */
export function ownedParameters(text: string): string[] {
  for (const line of text.split('\n')) {
    const trimmed = line.replace(/\r$/, '').trimStart();
    if (trimmed.startsWith(ownedMark)) return split(trimmed.slice(ownedMark.length));
  }
  return [];
}

/** What the list should become: the value, whether it already is so, and the parameters devbox then owns. */
export interface ParameterPlan {
  value: string;
  same: boolean;
  owned: string[];
}

/**
 * The list with the manifest's parameters (`desired`, empty when the manifest sets none) in place:
 * same-named ones replaced, parameters the marker lists (`owned`) whose name the manifest no longer has
 * removed, the user's kept. A parameter the file already held, identical, before devbox wrote it stays the
 * user's (the marker does not list it), so dropping it from the manifest leaves it.
 */
export function planParameters(current: string | undefined, desired: string, owned: readonly string[]): ParameterPlan {
  const mine = split(desired);
  const names = new Set(mine.map(paramName));
  const droppedNames = new Set(owned.map(paramName).filter((n) => !names.has(n)));
  const have = split(current);
  const kept = have.filter((p) => !names.has(paramName(p)) && !droppedNames.has(paramName(p)));
  const ownedNames = new Set(owned.map(paramName));
  const inPlace = mine.every((p) => have.includes(p) && have.filter((h) => paramName(h) === paramName(p)).length === 1);
  return {
    value: [...kept, ...mine].join(' '),
    same: inPlace && !have.some((p) => droppedNames.has(paramName(p))),
    owned: mine.filter((p) => !have.includes(p) || ownedNames.has(paramName(p))),
  };
}

/**
 * The file text with devbox's marker line just above line `keyLine` (1-based; undefined: no key) listing
 * `owned`, every earlier marker line removed; no marker when devbox owns nothing.
 */
export function placeMarker(text: string, keyLine: number | undefined, owned: readonly string[]): string {
  const lines = text.split('\n');
  const eol = /\r\n/.test(text) ? '\r' : '';
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i + 1 === keyLine && owned.length > 0) {
      const indent = /^[ \t]*/.exec(line)![0];
      out.push(`${indent}${ownedMark}${owned.join(' ')}${eol}`);
    }
    if (!line.replace(/\r$/, '').trimStart().startsWith(ownedMark)) out.push(line);
  });
  return out.join('\n');
}
