import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../i18n/catalogue.js';
import { manifestSchema } from './index.js';

/** The messages zod reports for `data`, by path. */
function messages(data: unknown): Record<string, string> {
  const result = manifestSchema.safeParse(data);
  if (result.success) throw new Error('the manifest was valid');
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

const bad = {
  version: 2,
  extends: 5,
  vars: { 'bad-name': 'x' },
  hosts: { entries: [{ name: 'localhost', address: 'nowhere' }] },
};

describe("the schema's own rules", () => {
  afterEach(() => setLocale('en'));

  it('are read in the locale of the run, not the one the schema was built in', () => {
    setLocale('en');
    expect(messages(bad)).toMatchObject({
      version: 'must be 1 (the only manifest format so far)',
      extends: 'must be a path or URL, or a list of them',
      'hosts.entries.0.name':
        'must be a fully qualified host name such as raw.githubusercontent.com (letters, digits, hyphens, dots)',
      'hosts.entries.0.address': 'must be "auto" or an IP address such as 185.199.108.133',
    });
    setLocale('zh-CN');
    const zh = messages(bad);
    expect(zh).toMatchObject({
      version: '必须是 1（目前唯一的清单格式）',
      extends: '必须是路径或 URL，或者它们的列表',
      'hosts.entries.0.name': '必须是完整的主机名，例如 raw.githubusercontent.com（字母、数字、连字符和点）',
      'hosts.entries.0.address': '必须是 "auto" 或 IP 地址，例如 185.199.108.133',
    });
    for (const message of Object.values(zh)) expect(message).not.toMatch(/must|such as/);
  });
});
