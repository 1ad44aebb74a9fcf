/** The manifest and starting files shared by the real-root and crash tests. */

export const testManifest = `version: 1
distro:
  name: Debian-test
  wslConf:
    boot:
      systemd: true
    network:
      hostname: devbox-test
  sysctl:
    net.ipv4.ip_forward: 1
    net.core.somaxconn: 1024
    net.ipv4.ip_local_port_range: "20000 40000"
`;

export const originalWslConf =
  '# Written by hand: devbox must keep this comment.\n[automount]\noptions = "metadata,umask=22"\n\n[boot]\nsystemd=false   \ncommand = service ssh start\n';
