#!/usr/bin/env bash
# Starts a Docker Engine for the cluster tests in the background, waits until it answers, and prints the
# DOCKER_HOST to use on stdout (the only line it prints there). Safe to call again: an engine that already
# answers is reused. Used by .ci/run and by test/cluster/rig/docker.ts.
#
# Where the capability bounding set has CAP_SYS_RESOURCE (a normal root, WSL) it uses the machine's own
# dockerd (the default socket, started here when nothing answers). Where the bit is missing (this CI
# sandbox), Docker's --privileged cannot work, so it starts a SECOND dockerd of its own (own data root under
# the test cache, own socket, no bridge, no iptables, no ip_forward change) whose default runtime is
# test/cluster/rig/assets/runc-drop-sys-resource. See test/cluster/rig/README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${DEVBOX_TEST_CACHE:-/var/cache/devbox-test}/cluster
mkdir -p "$cache"
docker=/usr/bin/docker
[ -x "$docker" ] || { echo "start-docker: $docker is missing: apt-get install -y docker.io" >&2; exit 7; }

capbnd=$(awk '/^CapBnd:/ {print $2}' /proc/self/status)
# CAP_SYS_RESOURCE is capability 24.
if (( (16#$capbnd >> 24) & 1 )); then
  sock=/var/run/docker.sock
  run_dockerd=(dockerd)
else
  root=/run/devbox-test-docker
  sock=$root/docker.sock
  mkdir -p "$root"
  install -m 0755 "$here/../../test/cluster/rig/assets/runc-drop-sys-resource" "$root/runc-drop-sys-resource"
  run_dockerd=(dockerd --host "unix://$sock" --data-root "$cache/docker" --exec-root "$root/exec"
    --pidfile "$root/dockerd.pid" --bridge none --iptables=false --ip-forward=false --ip-masq=false
    --add-runtime "devbox-capdrop=$root/runc-drop-sys-resource" --default-runtime devbox-capdrop)
fi
host=unix://$sock
answers() { DOCKER_HOST=$host timeout 10 "$docker" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
if ! answers; then
  exec 9>"$cache/.dockerd.lock"
  flock 9
  if ! answers; then
    log=$cache/dockerd.log
    setsid "${run_dockerd[@]}" >>"$log" 2>&1 </dev/null &
    for _ in $(seq 1 120); do
      answers && break
      sleep 0.5
    done
    answers || { echo "start-docker: dockerd did not answer on $host within 60 s; last log lines:" >&2; tail -20 "$log" >&2; exit 7; }
  fi
fi
echo "$host"
