#!/usr/bin/env bash
# fetch-deb.sh CACHE MIRROR SECURITY_MIRROR SUITE PACKAGE
# Resolves PACKAGE's version in SUITE with `apt-cache madison` through a PRIVATE apt configuration (its own
# state, cache, sources list and an empty dpkg status: the machine's apt is never touched), downloads the
# .deb (apt checks it against the signed index) and unpacks it with dpkg-deb -x. Prints "VERSION DIR".
# The mirror URIs are the machine's own, passed in by the caller (read from /etc/apt at run time).
# Callers serialise with flock; results are cached under CACHE across runs (lists refreshed after 24 h).
set -euo pipefail
cache=$1 mirror=$2 security=$3 suite=$4 pkg=$5
apt=$cache/apt
# shellcheck source=private-apt.sh
. "$(cd "$(dirname "$0")" && pwd)/private-apt.sh"
mkdir -p "$cache/debs" "$cache/pkgs"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
sources=$(
  for s in bullseye bookworm bookworm-updates trixie trixie-updates sid experimental; do
    echo "deb [signed-by=$keyring] $mirror $s main"
  done
  for s in bullseye-security bookworm-security trixie-security; do
    echo "deb [signed-by=$keyring] $security $s main"
  done
)
private_apt "$apt" "$sources"
stamp=$apt/state/updated
memo=$cache/resolved/${suite}_$pkg
if [ "$memo" -nt "$stamp" ] && read -r version dir <"$memo" && [ -e "$dir/.done" ]; then
  echo "$version $dir"
  exit 0
fi
version=$(apt-cache madison "$pkg" | awk -F'|' -v s="$suite" '{ split($3, w, " "); if (w[2] ~ ("^" s "/")) { gsub(/ /, "", $2); print $2; exit } }')
[ -n "$version" ] || { echo "fetch-deb: no $pkg in $suite (apt-cache madison $pkg found: $(apt-cache madison "$pkg" | tr '\n' ';'))" >&2; exit 1; }
dir=$cache/pkgs/${pkg}_${version//[:~]/_}
if [ ! -e "$dir/.done" ]; then
  rm -rf "$dir"
  (cd "$cache/debs" && apt-get download -qq "$pkg=$version" >/dev/null)
  deb=$(ls "$cache/debs/${pkg}_"*"${version#*:}"_*.deb 2>/dev/null | head -1)
  [ -n "$deb" ] || deb=$(ls -t "$cache/debs/${pkg}_"*.deb | head -1)
  mkdir -p "$dir"
  dpkg-deb -x "$deb" "$dir"
  touch "$dir/.done"
fi
mkdir -p "$cache/resolved"
echo "$version $dir" >"$memo"
echo "$version $dir"
