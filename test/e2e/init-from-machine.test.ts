/**
 * `devbox init --from-machine` gives back WSL and the distro: a manifest's WSL parts are converged
 * on a fresh simulated Windows 11 (across its restart), the distro's apt sources (one-line and
 * deb822) and resolv.conf are set as a user would, then the export holds the .wslconfig keys, the
 * default distribution, its wsl.conf keys, the apt mirror and the nameservers, and names what a
 * manifest cannot say (in the file as comments and on stderr) instead of dropping it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { missingPrerequisites } from '../rig/privileges.js';
import { cachedRootfsTarball } from '../rig/rootfs.js';
import { runDevbox, runDevboxAsync } from '../rig/cli.js';
import { WindowsMachine } from '../winsim/machine.js';

const skip = missingPrerequisites('devbox init --from-machine on simulated Windows', ['chroot', 'tar', 'mount']);
let tarball = '';
beforeAll(() => {
  if (!skip) tarball = cachedRootfsTarball();
}, 1_800_000);

const manifest = `version: 1
wsl:
  config:
    wsl2:
      memory: 6GB
      processors: 4
      vmIdleTimeout: -1
    general:
      instanceIdleTimeout: -1
distro:
  name: Ubuntu-24.04
  wslConf:
    boot:
      systemd: true
    automount:
      options: metadata
`;

describe.skipIf(Boolean(skip))('devbox init --from-machine: WSL and the distro', () => {
  it('exports what was converged, the distro settings a user set, and notes what it cannot express', async () => {
    const m = WindowsMachine.create({
      preset: 'win11',
      catalogue: { 'Ubuntu-24.04': { friendlyName: 'Ubuntu 24.04 LTS', tarball } },
    });
    try {
      const file = join(m.dir, 'wsl.yaml');
      writeFileSync(file, manifest);
      const only = ['--only', 'wsl.*,distro.wslconf'];
      const first = runDevbox(['up', '--yes', '-m', file, ...only], { env: m.env });
      expect(first.code, first.stdout + first.stderr).toBe(6);
      m.reboot();
      const [resume] = (await m.logon()).filter((r) => r.source === 'runonce');
      expect(resume!.status, resume!.stdout + resume!.stderr).toBe(0);
      const status = runDevbox(['status', '-m', file, ...only], { env: m.env });
      expect(status.code, status.stdout).toBe(0);

      // What a user does by hand: keys devbox does not know, a mirror in both source formats, fixed DNS.
      const wslconfig = 'C:\\Users\\dev\\.wslconfig';
      m.writeFile(wslconfig, `${m.readFile(wslconfig)!.toString('utf8')}[wsl2]\r\npageReporting=false\r\n`);
      const rootfs = Object.values(m.state().distros)[0]!.rootfs;
      writeFileSync(
        join(rootfs, 'etc', 'apt', 'sources.list'),
        'deb http://mirrors.ustc.edu.cn/debian bookworm main\n',
      );
      mkdirSync(join(rootfs, 'etc', 'apt', 'sources.list.d'), { recursive: true });
      writeFileSync(
        join(rootfs, 'etc', 'apt', 'sources.list.d', 'security.sources'),
        'Types: deb\nURIs: http://mirrors.ustc.edu.cn/debian-security\nSuites: bookworm-security\nComponents: main\n',
      );
      const conf = join(rootfs, 'etc', 'wsl.conf');
      writeFileSync(conf, `${readFileSync(conf, 'utf8')}\n[network]\nhost_name=box\n`);
      const resolv = join(rootfs, 'etc', 'resolv.conf');
      rmSync(resolv, { force: true });
      writeFileSync(resolv, 'nameserver 223.5.5.5\nnameserver 119.29.29.29\nsearch corp.example\noptions timeout:2\n');

      const init = await runDevboxAsync(['init', '--from-machine'], { env: m.env });
      expect(init.code, init.stderr).toBe(0);
      const exported = parse(init.stdout) as {
        wsl: { config: Record<string, Record<string, unknown>> };
        distro: Record<string, unknown>;
      };
      expect(exported.wsl.config).toEqual({
        wsl2: { memory: '6GB', processors: 4, vmIdleTimeout: -1 },
        general: { instanceIdleTimeout: -1 },
      });
      expect(exported.distro).toEqual({
        name: 'Ubuntu-24.04',
        wslConf: { boot: { systemd: true }, automount: { options: 'metadata' } },
        apt: { mirror: 'ustc', security: 'mirror' },
        dns: { nameservers: ['223.5.5.5', '119.29.29.29'], search: ['corp.example'], options: ['timeout:2'] },
      });
      expect(init.stdout).toContain('# Registered distributions: Ubuntu-24.04; the default one (Ubuntu-24.04)');
      // Not expressible: in the file as comments and on stderr, never dropped.
      for (const what of [
        /\.wslconfig \[wsl2\] pageReporting=false: not a key/,
        /\/etc\/wsl\.conf line \d+ "host_name=box": /,
      ]) {
        expect(init.stdout).toMatch(new RegExp(`^# - ${what.source}`, 'm'));
        expect(init.stderr).toMatch(new RegExp(`note: ${what.source}`));
      }
      // The export is a manifest: validate it with devbox itself.
      const out = join(m.dir, 'exported.yaml');
      writeFileSync(out, init.stdout);
      const valid = runDevbox(['manifest', 'validate', '-m', out], { env: m.env });
      expect(valid.code, valid.stdout + valid.stderr).toBe(0);
    } finally {
      m.dispose();
    }
  });
});
