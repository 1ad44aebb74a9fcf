/**
 * The guest operations of `cluster debug kubelet`: a read of the node's kubelet unit, Delve's path
 * and the node's address; then one fixed script that copies Delve (and a --binary kubelet) into the
 * node, writes the drop-in, restarts kubelet and waits until Delve listens. Values reach the scripts
 * as argv, never as shell text.
 */
import type { GuestOp, GuestReadOp, OpResult } from '../../../engine/ports/guest.js';
import { debugDropInPath, nodeDebugKubeletPath, nodeDlvPath } from './kubelet.js';

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

/** `make all WHAT=cmd/kubelet DBG=1` in a Kubernetes checkout: unstripped, optimisations off (build/root/Makefile). */
export function buildOp(source: string): GuestOp {
  return { op: 'run', argv: ['make', '-C', source, 'all', 'WHAT=cmd/kubelet', 'DBG=1'] };
}

/** Where that build leaves kubelet (the Makefile links _output/bin to the platform's output folder). */
export const builtKubelet = (source: string) => `${source.replace(/\/+$/, '')}/_output/bin/kubelet`;

export const textOf = (r: OpResult | undefined) => (r ? r.stdout.toString('utf8') : '');
export const errorOf = (r: OpResult | undefined) =>
  r ? (r.error ?? (r.stderr.toString('utf8').trim() || r.stdout.toString('utf8').trim())) : 'no result';
