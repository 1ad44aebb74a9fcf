/**
 * bench/guest-converge: how long the check of a converged guest plane takes, devbox against
 * ansible-playbook doing the same checks, in the same run, on the same root filesystem.
 *
 * The guest is the system tests' real one (Debian rootfs from debootstrap in its own network
 * namespace, a local apt mirror, dnsmasq). devbox converges it once (apt sources + a package,
 * resolv.conf, wsl.conf, sysctl, the fixed-IP alias); then, alternating, `devbox status` and
 * `ansible-playbook --check` (ansible-core from Debian, local connection) check that state.
 * Both must find it converged, or the numbers mean nothing and the benchmark fails.
 *
 *   sudo npm run bench -- guest-converge        BENCH_RUNS=10 (default), BENCH_ENFORCE=1: exit 1 below 15× (DESIGN.md)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestGuest, runAsync } from '../test/rig/guest.js';
import { machineArchives, startAptMirror } from '../test/rig/mirror.js';
import { startDnsmasq } from '../test/rig/dnsmasq.js';
import { freeSubnet } from '../test/rig/netns.js';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const target = 15;

function need(command: string, pkg: string): void {
  if (spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status !== 0) {
    console.error(`bench/guest-converge needs ${command} (Debian package ${pkg}); .ci/run installs it.`);
    process.exit(2);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    console.error('bench/guest-converge needs root (network namespaces, chroot): sudo npm run bench -- guest-converge');
    process.exit(2);
  }
  need('ansible-playbook', 'ansible-core');
  need('dnsmasq', 'dnsmasq');
  need('debootstrap', 'debootstrap');

  const guest = createTestGuest('dbx3b');
  const mirror = await startAptMirror({ host: guest.net.hostIp });
  const dns = await startDnsmasq(guest.net.hostIp, { 'verify.dbx3.test': '10.77.0.1' });
  const work = mkdtempSync('/var/tmp/dbx3-bench-');
  try {
    const subnet = freeSubnet(new Set([guest.net.hostIp.replace(/\.1$/, '')]));
    const fixed = `${subnet}.2`;
    const mirrorUrl = `${mirror.url}/debian`;
    const manifest = guest.manifest(`version: 1
distro:
  name: Debian
  wslConf:
    boot:
      systemd: true
  network:
    fixedIp:
      strategy: alias
      address: ${fixed}/24
      hostAddress: ${subnet}.1
  apt:
    mirror: ${mirrorUrl}
    packages: [hello]
  dns:
    nameservers: [${guest.net.hostIp}]
    search: [dbx3.test]
    options: ["timeout:2"]
    verify: verify.dbx3.test
  sysctl:
    net.ipv4.ip_forward: 1
    net.ipv4.tcp_keepalive_time: 600
`);
    writeFileSync(guest.path('etc/apt/sources.list'), `deb ${machineArchives().debian!} bookworm main\n`);
    const up = await guest.devbox(['up', '--yes', '-m', manifest], { timeoutMs: 600_000 });
    if (up.code !== 0) throw new Error(`devbox up did not converge the guest:\n${up.stdout}\n${up.stderr}`);

    const resolv = guest.read('etc/resolv.conf');
    const playbook = join(work, 'check.yml');
    writeFileSync(
      playbook,
      `- hosts: localhost
  connection: local
  gather_facts: false
  vars:
    root: ${JSON.stringify(guest.root)}
  tasks:
    - name: apt sources point at the mirror
      ansible.builtin.lineinfile: { path: "{{ root }}/etc/apt/sources.list", line: ${JSON.stringify(`deb ${mirrorUrl} bookworm main`)}, state: present }
    - name: package hello is installed
      ansible.builtin.command: { argv: ["chroot", "{{ root }}", "dpkg-query", "-W", "-f", "\${Status}", "hello"] }
      register: pkg
      check_mode: false
      changed_when: pkg.stdout != "install ok installed"
    - name: resolv.conf is a regular file
      ansible.builtin.stat: { path: "{{ root }}/etc/resolv.conf", follow: false, get_checksum: false }
      register: resolv
    - ansible.builtin.assert: { that: [resolv.stat.isreg], quiet: true }
    - name: resolv.conf holds the nameservers
      ansible.builtin.copy: { dest: "{{ root }}/etc/resolv.conf", content: ${JSON.stringify(resolv)} }
    - name: DNS tunneling address on lo, file attributes of /etc
      ansible.builtin.command: { argv: ["ip", "-j", "-4", "addr", "show", "dev", "lo"] }
      check_mode: false
      changed_when: false
    - ansible.builtin.command: { argv: ["lsattr", "-d", "{{ root }}/etc"] }
      check_mode: false
      changed_when: false
    - name: wsl.conf boot.systemd
      ansible.builtin.lineinfile: { path: "{{ root }}/etc/wsl.conf", regexp: '^systemd\\s*=', line: "systemd=true", insertafter: '^\\[boot\\]' }
    - name: wsl.conf boot.command
      ansible.builtin.lineinfile: { path: "{{ root }}/etc/wsl.conf", regexp: '^command\\s*=', line: ${JSON.stringify(`command=/sbin/ip addr replace ${fixed}/24 broadcast + dev eth0 label eth0:1`)}, insertafter: '^\\[boot\\]' }
    - name: wsl.conf network.generateResolvConf
      ansible.builtin.lineinfile: { path: "{{ root }}/etc/wsl.conf", regexp: '^generateResolvConf\\s*=', line: "generateResolvConf=false", insertafter: '^\\[network\\]' }
    - name: sysctl persisted
      ansible.builtin.lineinfile: { path: "{{ root }}/etc/sysctl.d/99-devbox.conf", line: "{{ item }}" }
      loop: ["net.ipv4.ip_forward = 1", "net.ipv4.tcp_keepalive_time = 600"]
    # No runtime check: the root is another root filesystem (--root), whose /proc is this machine's kernel, so
    # devbox checks and writes only its sysctl files there; ansible reads the same files.
    - name: sysctl files applied after 99-devbox.conf
      ansible.builtin.command: { argv: ["chroot", "{{ root }}", "sh", "-c", "ls /etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d /usr/lib/sysctl.d /lib/sysctl.d 2>/dev/null; cat /etc/sysctl.conf"] }
      check_mode: false
      changed_when: false
    - name: fixed IP alias on eth0
      ansible.builtin.command: { argv: ["ip", "-j", "-4", "addr", "show"] }
      register: addr
      check_mode: false
      changed_when: (addr.stdout | from_json | map(attribute='addr_info') | flatten | selectattr('label', 'defined') | selectattr('label', 'equalto', 'eth0:1') | map(attribute='local') | list) != [${JSON.stringify(fixed)}]
    - name: routes that could collide
      ansible.builtin.command: { argv: ["ip", "-j", "-4", "route", "show"] }
      check_mode: false
      changed_when: false
`,
    );
    const ansibleEnv = {
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_LOCALHOST_WARNING: 'false',
      ANSIBLE_PYTHON_INTERPRETER: 'auto_silent',
      ANSIBLE_LOCAL_TEMP: join(work, 'ansible-local'),
      ANSIBLE_REMOTE_TEMP: join(work, 'ansible-remote'),
    };

    const devboxMs: number[] = [];
    const ansibleMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      let started = performance.now();
      const status = await guest.devbox(['status', '-m', manifest]);
      devboxMs.push(performance.now() - started);
      if (status.code !== 0)
        throw new Error(`devbox status does not find the guest converged:\n${status.stdout}\n${status.stderr}`);

      started = performance.now();
      const check = await runAsync(
        guest.net.wrap[0]!,
        [...guest.net.wrap.slice(1), 'ansible-playbook', '-i', 'localhost,', '--check', playbook],
        { env: ansibleEnv },
      );
      ansibleMs.push(performance.now() - started);
      if (check.code !== 0 || !/changed=0\s+unreachable=0\s+failed=0/.test(check.stdout)) {
        throw new Error(
          `ansible-playbook --check does not find the guest converged:\n${check.stdout}\n${check.stderr}`,
        );
      }
    }

    const d = median(devboxMs);
    const a = median(ansibleMs);
    const ratio = a / d;
    console.log(`guest plane converged check, ${runs} runs each, same root, same network namespace:`);
    console.log(
      `  devbox status              median ${d.toFixed(0)} ms  (min ${Math.min(...devboxMs).toFixed(0)}, max ${Math.max(...devboxMs).toFixed(0)})`,
    );
    console.log(
      `  ansible-playbook --check   median ${a.toFixed(0)} ms  (min ${Math.min(...ansibleMs).toFixed(0)}, max ${Math.max(...ansibleMs).toFixed(0)})`,
    );
    console.log(
      `  ratio (ansible / devbox)   ${ratio.toFixed(1)}×   target ≥ ${target}×: ${ratio >= target ? 'met' : 'MISSED'}`,
    );
    if (process.env.BENCH_ENFORCE === '1' && ratio < target) process.exitCode = 1;
  } finally {
    await dns.close();
    await mirror.close();
    guest.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
