/**
 * The guest operations of `cluster debug kubelet`: a read of the node's kubelet unit, Delve's path
 * and the node's address; then one fixed script that copies Delve (and a --binary kubelet) into the
 * node, writes the drop-in, restarts kubelet and waits until Delve listens. Values reach the scripts
 * as argv, never as shell text.
 */
import type { GuestOp, GuestReadOp, OpResult } from '../../../engine/ports/guest.js';
import { debugDropInPath, nodeDebugKubeletPath, nodeDlvPath } from './kubelet.js';
import { t } from '../../../i18n/catalogue.js';

export function readOps(node: string, dlv: string | undefined): GuestReadOp[] {
  return [
    { op: 'run', argv: ['docker', 'exec', node, 'systemctl', 'cat', 'kubelet.service'], readOnly: true },
    dlv
      ? { op: 'run', argv: ['test', '-x', dlv], readOnly: true }
      : { op: 'run', argv: ['sh', '-c', 'command -v dlv'], readOnly: true },
    {
      op: 'run',
      argv: ['docker', 'inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}', node],
      readOnly: true,
    },
  ];
}

const enable = String.raw`
set -u
node=$1; port=$2; dlv=$3; dropin=$4; binary=$5
docker cp "$dlv" "$node:${nodeDlvPath}" || exit 10
if [ -n "$binary" ]; then docker cp "$binary" "$node:${nodeDebugKubeletPath}" || exit 11; fi
printf '%s' "$dropin" | docker exec -i "$node" sh -c 'mkdir -p "$(dirname "$1")" && cat >"$1.tmp" && mv "$1.tmp" "$1"' sh "${debugDropInPath}" || exit 12
docker exec "$node" systemctl daemon-reload || exit 13
docker exec "$node" systemctl restart kubelet.service || exit 14
hex=$(printf '%04X' "$port")
i=0
while [ $i -lt 120 ]; do
  if docker exec "$node" awk -v p=":$hex" '$2 ~ (p "$") && $4 == "0A" { f = 1 } END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null; then
    echo listening; exit 0
  fi
  sleep 0.5; i=$((i + 1))
done
docker exec "$node" systemctl status kubelet.service --no-pager -l 2>&1 | tail -n 15
exit 15
`;

const restore = String.raw`
set -u
node=$1
docker exec "$node" rm -f "${debugDropInPath}" "${nodeDlvPath}" "${nodeDebugKubeletPath}" || exit 10
docker exec "$node" systemctl daemon-reload || exit 11
docker exec "$node" systemctl restart kubelet.service || exit 12
echo restored
`;

export function enableOp(node: string, port: number, dlv: string, dropIn: string, binary?: string): GuestOp {
  return {
    op: 'run',
    argv: ['bash', '-c', enable, 'devbox-debug-kubelet', node, String(port), dlv, dropIn, binary ?? ''],
  };
}

export function restoreOp(node: string): GuestOp {
  return { op: 'run', argv: ['bash', '-c', restore, 'devbox-debug-restore', node] };
}

const build = String.raw`
src=$1
make -C "$src" all WHAT=cmd/kubelet DBG=1 >&2 || exit 20
bin=
for p in _output/bin/kubelet _output/local/go/bin/kubelet; do
  if [ -f "$src/$p" ] && [ -x "$src/$p" ]; then bin=$src/$p; break; fi
done
[ -n "$bin" ] || { echo "the build left no kubelet in $src/_output/bin or $src/_output/local/go/bin" >&2; exit 21; }
printf 'path=%s
' "$bin"
if command -v go >/dev/null 2>&1; then go version -m "$bin" 2>&1; fi
`;

/**
 * `make all WHAT=cmd/kubelet DBG=1` in a Kubernetes checkout (build/root/Makefile: DBG=1 builds with
 * -gcflags "all=-N -l" and without -ldflags "-s -w"), then where it left kubelet (`_output/bin`, the
 * link hack/lib/golang.sh makes, else `_output/local/go/bin`) and the build settings Go stored in it
 * (`go version -m`). The make output goes to stderr.
 */
export function buildOp(source: string): GuestOp {
  return { op: 'run', argv: ['bash', '-c', build, 'devbox-build-kubelet', source] };
}

export interface BuiltKubelet {
  path?: string;
  /** Why the binary is not fit for Delve (optimised, inlined, or stripped of DWARF); empty when it is. */
  problems: string[];
  /** Go stored its build settings (`go version -m`); false: not checked. */
  checked: boolean;
}

/** Reads the build's output: kubelet's path and whether Go stored -N -l and no -s/-w (pure). */
export function readBuild(stdout: string): BuiltKubelet {
  const path = /^path=(.+)$/m.exec(stdout)?.[1];
  const setting = (name: string) =>
    new RegExp(`^\\s*build\\s+${name}=(.*)$`, 'm').exec(stdout)?.[1]?.replace(/^"|"$/g, '');
  const checked = /^\s*build\s+-compiler=/m.test(stdout);
  const problems: string[] = [];
  if (checked) {
    // `all=-N -l`: a package pattern may prefix the first flag.
    const gc = (setting('-gcflags') ?? '').split(/\s+/).map((f) => f.replace(/^[^-=\s][^=\s]*=/, ''));
    if (!gc.includes('-N')) problems.push(t('debug.optimised'));
    if (!gc.includes('-l')) problems.push(t('debug.inlined'));
    const ld = (setting('-ldflags') ?? '').split(/\s+/);
    if (ld.includes('-s') || ld.includes('-w'))
      problems.push(t('debug.stripped', { ldflags: setting('-ldflags') ?? '' }));
  }
  return { ...(path ? { path } : {}), problems, checked };
}

export const textOf = (r: OpResult | undefined) => (r ? r.stdout.toString('utf8') : '');
export const errorOf = (r: OpResult | undefined) =>
  r ? (r.error ?? (r.stderr.toString('utf8').trim() || r.stdout.toString('utf8').trim())) : t('clusterView.noResult');
