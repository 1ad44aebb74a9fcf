#!/usr/bin/env bash
# build-node-image.sh ROOTFS_TAR ASSETS_DIR TAG
# Builds the rig's kind node image: the debootstrap trixie root (real systemd, containerd, runc, kubectl)
# plus our node assets (entrypoint, simulated kubeadm/kubelet/kube-apiserver, units, containerd config),
# imported with `docker import` (no registry is reachable; docker import takes no STOPSIGNAL, so the
# entrypoint's systemd is stopped by docker's SIGTERM + timeout, which kind's delete does anyway).
# DOCKER_HOST selects the engine. Callers serialise with flock and skip when TAG exists.
set -euo pipefail
rootfs=$1 assets=$2 tag=$3
work=$(mktemp -d /var/tmp/devbox-rig-node.XXXXXX)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$rootfs"
cp -a "$assets/." "$work/"
chroot_ln() { ln -sf "$1" "$work$2"; }
mkdir -p "$work/etc/systemd/system/multi-user.target.wants"
chroot_ln /etc/systemd/system/kubelet.service /etc/systemd/system/multi-user.target.wants/kubelet.service
chroot_ln /etc/systemd/system/kube-apiserver.service /etc/systemd/system/multi-user.target.wants/kube-apiserver.service
chroot_ln /lib/systemd/system/containerd.service /etc/systemd/system/multi-user.target.wants/containerd.service
chroot_ln /lib/systemd/system/multi-user.target /etc/systemd/system/default.target
# Units that have no job in a container node (kind's base image masks the same kind of units).
# systemd-sysctl: a privileged node must never write the host's non-namespaced sysctls (e.g. kernel.pid_max).
for unit in getty.target console-getty.service systemd-udevd.service systemd-udev-trigger.service \
  systemd-firstboot.service systemd-binfmt.service systemd-modules-load.service systemd-networkd.service \
  systemd-resolved.service systemd-timesyncd.service systemd-sysctl.service apt-daily.timer apt-daily-upgrade.timer \
  dpkg-db-backup.timer fstrim.timer e2scrub_reap.service e2scrub_all.timer; do
  chroot_ln /dev/null "/etc/systemd/system/$unit"
done
: >"$work/etc/machine-id"
rm -f "$work/var/lib/dbus/machine-id"
rm -rf "$work/var/cache/apt/archives/"*.deb "$work/var/lib/apt/lists/"*
tar -C "$work" -c . | docker import \
  --change 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' \
  --change 'ENV container=docker' \
  --message "devbox test rig kind node" - "$tag" >/dev/null
echo "$tag"
