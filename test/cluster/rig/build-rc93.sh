#!/usr/bin/env bash
# build-rc93.sh CACHE MIRROR SECURITY_MIRROR VARIANT OUT
# Builds runc 1.0.0~rc93 from bullseye's source package golang-github-opencontainers-runc-dev (runc's full
# source with Debian's patches) with this machine's golang-go and libseccomp-dev (bookworm: Go 1.19), GOPATH
# mode, tags seccomp. Go dependencies come from bullseye's golang-*-dev packages, fetched with a bullseye-only
# PRIVATE apt configuration and an empty dpkg status (the machine's apt is never touched).
# VARIANT=debian builds it as Debian ships it (with patch 0010, no hang); VARIANT=upstream first reverses
# assets/rc93/0010-seccomp-pipe-read.patch, giving upstream rc93's pipe hang (runc#2871).
# Writes the binary to OUT. Callers serialise with flock and cache OUT.
set -euo pipefail
cache=$1 mirror=$2 security=$3 variant=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
apt=$cache/apt-bullseye
# shellcheck source=private-apt.sh
. "$here/private-apt.sh"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
private_apt "$apt" "$(printf 'deb [signed-by=%s] %s bullseye main\ndeb [signed-by=%s] %s bullseye-security main' \
  "$keyring" "$mirror" "$keyring" "$security")"
mkdir -p "$apt/debs"
# The source package and every golang-*-dev it needs, as bullseye resolves them (candidate versions); go-md2man
# is a build dependency of runc (its vendored urfave/cli imports it), not a dependency of the -dev package.
deps=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
  --no-enhances golang-github-opencontainers-runc-dev golang-github-cpuguy83-go-md2man-v2-dev | grep -E '^golang-.*-dev$' | sort -u)
(cd "$apt/debs" && apt-get download -qq $deps >/dev/null)
work=$(mktemp -d /var/tmp/devbox-rc93.XXXXXX)
trap 'rm -rf "$work"' EXIT
for pkg in $deps; do
  version=$(apt-cache policy "$pkg" | awk '/Candidate:/ {print $2}')
  dpkg-deb -x "$(ls "$apt/debs/${pkg}_${version/:/%3a}_"*.deb)" "$work/root"
done
gopath=$work/root/usr/share/gocode
src=$gopath/src/github.com/opencontainers/runc
revision=$(apt-cache policy golang-github-opencontainers-runc-dev | awk '/Candidate:/ {print $2}')
commit=$revision
if [ "$variant" = upstream ]; then
  (cd "$src" && patch -R -p1 --no-backup-if-mismatch -s <"$here/assets/rc93/0010-seccomp-pipe-read.patch")
  commit="$revision with patch 0010 reversed (upstream-equivalent rc93)"
fi
cd "$src"
GO111MODULE=off GOPATH=$gopath GOCACHE=$cache/go-build GOFLAGS= CGO_ENABLED=1 nice go build -trimpath -tags seccomp \
  -ldflags "-X main.version=${revision%-*} -X 'main.gitCommit=$commit'" -o "$out.tmp" .
mv "$out.tmp" "$out"
