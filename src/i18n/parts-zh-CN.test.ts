/**
 * The parts translated last (download progress and failures, YAML problems, guards, probes, Windows
 * tools' failures): their Chinese keeps no English word of the English text but the data in it
 * (file and header names, tools, YAML's own tokens), listed here.
 */
import { describe, expect, it } from 'vitest';
import { enMisc } from './en-misc.js';
import { enNetDownload } from './en-net-download.js';
import { enYaml } from './en-yaml.js';
import { enSchemaRules } from './en-schema-rules.js';
import { enNetViews } from './en-net-views.js';
import { zhCNMisc } from './zh-CN-misc.js';
import { zhCNNetDownload } from './zh-CN-net-download.js';
import { zhCNYaml } from './zh-CN-yaml.js';
import { zhCNSchemaRules } from './zh-CN-schema-rules.js';
import { zhCNNetViews } from './zh-CN-net-views.js';

/** A message's text with every parameter shown as ⟨name⟩. */
function text(message: unknown): string {
  if (typeof message === 'string') return message;
  const params = new Proxy({}, { get: (_, name) => `⟨${String(name)}⟩` });
  return (message as (p: unknown) => string)(params);
}

/** Words that are data in these messages, the same in every language. */
const data = new Set(
  [
    'content-length content-range range bytes http accept-ranges',
    'json install current manifest version apps scoop',
    'yaml name url null hosts extends', // extends: a manifest key
    'trust-remote remote ca-bundle bundle', // flags (--trust-remote, --ca-bundle) named in a fix
    'sysctl apt dpkg wsl exe windows https devbox pid git ipv dns debian linux aria2 shell',
    'key value', // YAML's "key: value" lines
    'billion laughs',
    // Manifest values and keys a rule names (its enum members, examples) and Scoop's word "bucket".
    'nat mirrored bridged none virtioproxy true false path store web file auto alias nat-registry',
    'http curl rotate dev bucket',
    'tls sni mib dns status', // protocol and unit names, a JSON key
    'nul cri-o cri containerd kind kindnet calico kube-ovn docker-ce docker docker.io systemd cgroupfs', // names
    'safe-floor pin runc kubeadm kindest node hex policy', // and the manifest key policy
  ].flatMap((s) => s.split(' ')),
);

const parts = [
  ['en-net-download', enNetDownload, zhCNNetDownload],
  ['en-yaml', enYaml, zhCNYaml],
  ['en-misc', enMisc, zhCNMisc],
  ['en-schema-rules', enSchemaRules, zhCNSchemaRules],
  ['en-net-views', enNetViews, zhCNNetViews],
] as const;

describe('the zh-CN of the last translated parts', () => {
  it.each(parts)('%s: no English word but data', (_, english, chinese) => {
    for (const [key, message] of Object.entries(english)) {
      const zh = text((chinese as Record<string, unknown>)[key]).replace(/⟨\w+⟩/g, '');
      // Examples and literal values (192.168.50.2, https://…, "auto", eth0) are data: left out.
      const prose = text(message)
        .replace(/⟨\w+⟩/g, '')
        .split(/\s+/)
        .filter((token) => !/[./:\\@=\d"`_]/.test(token))
        .join(' ');
      const words = new Set(prose.toLowerCase().match(/[a-z][a-z-]{2,}/g) ?? []);
      const left = [...words].filter((w) => !data.has(w) && new RegExp(`\\b${w}\\b`, 'i').test(zh));
      expect(left, `${key}: ${zh}`).toEqual([]);
      expect(zh, key).toMatch(/[\u4e00-\u9fff；]/);
    }
  });
});
