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

  it('take their values as parameters, in the Chinese too', () => {
    const distro = {
      name: 'Ubuntu',
      network: { fixedIp: { address: '192.168.50.0/24', hostAddress: '10.0.0.1' } },
      apt: { mirror: 'nowhere' },
      dns: { nameservers: [] },
    };
    setLocale('zh-CN');
    expect(messages({ distro })).toMatchObject({
      'distro.network.fixedIp.hostAddress': '必须与地址 192.168.50.0/24 在同一子网，例如 192.168.50.1',
      'distro.network.fixedIp.address': '192.168.50.0 是其 /24 子网的网络地址；请选择一个主机地址',
      'distro.apt.mirror': '必须是已知的镜像（official, tuna, aliyun, ustc, 163, huawei）、http(s) URL 或 "auto"',
      'distro.dns.nameservers': '至少需要一个域名服务器',
    });
    setLocale('en');
    expect(messages({ distro })).toMatchObject({
      'distro.network.fixedIp.hostAddress':
        'must be in the same subnet as address 192.168.50.0/24, such as 192.168.50.1',
      'distro.network.fixedIp.address': '192.168.50.0 is the network address of its /24 subnet; pick a host address',
    });
  });

  it("cover the cluster section and the texts named by a field's kind (safe text, Linux paths)", () => {
    const cluster = {
      name: 'Bad_Name',
      docker: { engine: 'podman', aptMirror: 'nowhere', cgroupDriver: 'x', user: 'a\nb' },
      nodeImage: 'Not An Image',
      runc: { policy: 'pin' },
      cni: 'cri-o',
      containerRuntime: 'crio',
      mounts: [{ hostPath: 'relative', containerPath: '/a/../b' }],
    };
    const wsl = { config: { wsl2: { kernelCommandLine: 'a\tb' } } };
    setLocale('en');
    const en = messages({ cluster, wsl });
    expect(Object.values(en).join('\n')).toContain('CRI-O is a container runtime, not a network plugin: CRI-O cannot');
    setLocale('zh-CN');
    const zh = messages({ cluster, wsl });
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(zh).length).toBeGreaterThanOrEqual(8);
    for (const [path, message] of Object.entries(zh)) {
      expect(message, path).toMatch(/[\u4e00-\u9fff]/);
      expect(message, path).not.toMatch(/must be|such as|is required|without control/);
    }
  });
});
