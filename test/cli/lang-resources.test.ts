/**
 * What resources and doctor say, in Chinese (--lang zh-CN): a plan of the built-in manifest on
 * simulated Windows (each resource's summary, the reasons steps wait or are skipped, their notes)
 * and doctor's report on this machine's guest plane. None of the English text of the messages moved
 * into the catalogue (src/i18n/en-resources.ts, en-notes.ts, en-doctor.ts) may show through, while
 * the same runs in English do show it (so the check can fail). Real processes of the built CLI.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';
import { requirePwsh } from '../pwsh/pwsh.js';
import { WindowsMachine } from '../winsim/machine.js';
import { enDoctor } from '../../src/i18n/en-doctor.js';
import { enNotes } from '../../src/i18n/en-notes.js';
import { enResources } from '../../src/i18n/en-resources.js';
import { catalogues } from '../../src/i18n/catalogue.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-lang-resources-'));
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const clean = { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'C', DEVBOX_STATE_DIR: join(work, 'state') };

/** A message with every parameter set to `value` (a marker, or '' so the other branch of a choice shows). */
function render(message: unknown, value: string): string {
  if (typeof message === 'string') return message;
  return (message as (p: unknown) => string)(new Proxy({}, { get: () => value }));
}

/**
 * The English phrases of the moved messages that their translation does not keep: the text between
 * parameters, cut at punctuation, that holds English words. Commands, ids and flags the translation
 * keeps verbatim are not among them.
 */
const englishPhrases = (() => {
  const phrases = new Set<string>();
  for (const key of Object.keys({ ...enResources, ...enNotes, ...enDoctor }) as (keyof typeof enDoctor)[]) {
    for (const value of ['\u0000', '']) {
      const zh = render(catalogues['zh-CN'][key], value);
      for (const piece of render(catalogues.en[key], value).split(/[\u0000;:,()]/)) {
        const phrase = piece.trim();
        if (phrase.length >= 12 && /[a-z]{2,} [a-z]{2,} [a-z]{2,}/i.test(phrase) && !zh.includes(phrase))
          phrases.add(phrase);
      }
    }
  }
  return [...phrases];
})();
const leaks = (text: string) => englishPhrases.filter((phrase) => text.includes(phrase));

describe('what resources and doctor say, in Chinese', () => {
  it('knows enough English phrases to look for', () => {
    expect(englishPhrases.length).toBeGreaterThan(100);
    expect(englishPhrases).toContain('differs from the manifest');
  });

  it('a plan and doctor of the built-in manifest on simulated Windows: summaries, reasons, notes, findings', () => {
    requirePwsh();
    const m = WindowsMachine.create({ preset: 'win11' });
    try {
      const env = { ...m.env, ...clean };
      const zh = runDevbox(['plan', '--lang', 'zh-CN'], { env });
      expect(zh.code, zh.stderr).toBe(0);
      expect(leaks(zh.stdout + zh.stderr)).toEqual([]);
      expect(zh.stdout).toMatch(/^计划（/);
      expect(zh.stdout).toContain('可选功能 VirtualMachinePlatform');
      expect(zh.stdout).toMatch(/已注册发行版 \S+（WSL 2，/);
      expect(zh.stdout).toMatch(/待 wsl\.\S+ 应用后再检查/);
      const en = runDevbox(['plan', '--lang', 'en'], { env });
      expect(en.code, en.stderr).toBe(0);
      expect(en.stdout).toContain('optional feature VirtualMachinePlatform');
      expect(leaks(en.stdout).length).toBeGreaterThan(3);
      // --json: the machine fields stay as they are, only the human text is translated.
      const json = JSON.parse(runDevbox(['plan', '--lang', 'zh-CN', '--json'], { env }).stdout) as {
        steps: { id: string; action: string; summary: string }[];
      };
      const enJson = JSON.parse(runDevbox(['plan', '--lang', 'en', '--json'], { env }).stdout) as typeof json;
      expect(json.steps.map((s) => [s.id, s.action])).toEqual(enJson.steps.map((s) => [s.id, s.action]));
      expect(json.steps.find((s) => s.id === 'wsl.features[VirtualMachinePlatform]')?.summary).toMatch(/^可选功能/);
      // doctor on the same machine: drift and the steps that wait for others, as findings with their fixes.
      const doctor = runDevbox(['doctor', '--lang', 'zh-CN'], { env });
      expect(doctor.code, doctor.stderr).toBe(5);
      expect(leaks(doctor.stdout + doctor.stderr)).toEqual([]);
      expect(doctor.stdout).toContain(
        '✗ wsl.features[VirtualMachinePlatform]: 与清单不一致：state: disabled → enabled',
      );
      expect(doctor.stdout).toMatch(/^! distro\.wslconf\[\/etc\/wsl\.conf\]: 待 .+ 应用后再检查$/m);
      expect(doctor.stdout).toContain("修复：devbox up --only 'wsl.features[VirtualMachinePlatform]'");
    } finally {
      m.dispose();
    }
  });

  it("doctor's findings and their fixes on this machine's guest plane", () => {
    const manifest = join(work, 'm.yaml');
    writeFileSync(manifest, 'version: 1\ndistro:\n  name: Debian\n  wslConf:\n    boot:\n      systemd: true\n');
    const args = ['doctor', '-m', manifest, '--plane', 'guest'];
    const zh = runDevbox([...args, '--lang', 'zh-CN'], { env: clean });
    expect(zh.code, zh.stderr).toBe(5);
    expect(leaks(zh.stdout + zh.stderr)).toEqual([]);
    expect(zh.stdout).toContain('与清单不一致：boot.systemd: (absent) → true');
    // This machine is not WSL: the plan's note is part of the finding.
    expect(zh.stdout).toContain('wsl.conf 的设置只在 WSL 中生效');
    expect(zh.stdout).toContain("修复：devbox up --only 'distro.wslconf[/etc/wsl.conf]'");
    const en = runDevbox([...args, '--lang', 'en'], { env: clean });
    expect(en.code, en.stderr).toBe(5);
    expect(en.stdout).toContain('differs from the manifest: boot.systemd: (absent) → true');
    expect(leaks(en.stdout)).toEqual(
      expect.arrayContaining(['differs from the manifest', 'wsl.conf keys take effect only inside WSL']),
    );
    // status's heading is the catalogue's too.
    const status = runDevbox(['status', '-m', manifest, '--plane', 'guest', '--lang', 'zh-CN'], { env: clean });
    expect(status.code, status.stderr).toBe(5);
    expect(status.stdout).toMatch(/^发现偏差（本机系统）：\n\n\+ distro\.wslconf/);
  });
});
