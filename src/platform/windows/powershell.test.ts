import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assetPath } from '../package-root.js';
import { scriptNames, scriptPart, scriptParts, scriptPath } from './powershell.js';

describe('packaged PowerShell scripts', () => {
  it('lists every .ps1 it ships: the entry scripts and the parts they dot-source', () => {
    for (const name of scriptNames) expect(existsSync(scriptPath(name))).toBe(true);
    for (const part of scriptParts) expect(existsSync(scriptPart(part))).toBe(true);
    const shipped = readdirSync(assetPath('platform/windows/scripts'))
      .filter((f) => f.endsWith('.ps1'))
      .map((f) => `platform/windows/scripts/${f}`);
    const listed = [
      ...scriptNames.map((n) => `platform/windows/scripts/${n}.ps1`),
      ...scriptParts.filter((p) => p.startsWith('platform/')),
    ];
    expect(shipped.sort()).toEqual(listed.sort());
  });
});
