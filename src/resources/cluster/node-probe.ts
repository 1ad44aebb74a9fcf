/**
 * Which runc really executes containers in a kind node. Reading `runc --version` on a path is not
 * enough (cluster-rig.md): a single-file bind mount makes the path look right while runc ≥ 1.2
 * runs the file underneath as `runc init`. So the probe:
 * 1. takes the runc the node's CRI uses from containerd's effective config (`BinaryName` of the
 *    runc runtime, else `runc` on containerd's PATH);
 * 2. lists mounts whose mount point is a file named runc (a single-file pin: refused);
 * 3. starts a throw-away container through containerd with that runc, whose createRuntime hook
 *    (run by runc itself) records the binary of its parent: the runc that ran, its sha256 and the
 *    `--version` of that very binary (through /proc/PID/exe, so a swapped path cannot lie).
 * The script is fixed text; the OCI spec arrives as an argument (data).
 */

/** Where the probe keeps its files in the node (a tmpfs: nothing survives a node restart). */
export const probeDir = '/run/devbox-probe';

/** A minimal OCI spec: `true` in a read-only root made of the node's /usr, with the hook. */
export function probeSpec(): string {
  const hook = [
    `d=${probeDir}`,
    'readlink /proc/$PPID/exe > $d/exe',
    'sha256sum < /proc/$PPID/exe > $d/sha256',
    '/proc/$PPID/exe --version > $d/version 2>&1',
  ].join('; ');
  return JSON.stringify({
    ociVersion: '1.0.2',
    process: {
      terminal: false,
      user: { uid: 0, gid: 0 },
      args: ['/usr/bin/true'],
      env: ['PATH=/usr/bin:/bin'],
      cwd: '/',
      capabilities: { bounding: [], effective: [], permitted: [] },
      noNewPrivileges: true,
    },
    root: { path: `${probeDir}/rootfs`, readonly: true },
    hostname: 'devbox-probe',
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'mode=755', 'size=1m'] },
      { destination: '/usr', type: 'bind', source: '/usr', options: ['rbind', 'ro'] },
    ],
    hooks: { createRuntime: [{ path: '/bin/sh', args: ['sh', '-c', hook], timeout: 20 }] },
    linux: { namespaces: [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }] },
  });
}

/**
 * Runs in a node as `bash -c SCRIPT devbox-node-probe SPEC`. Prints `key=value` lines and, last,
 * the hook's records. Every path it touches is under {@link probeDir}.
 */
export const nodeProbeScript = String.raw`
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
d=/run/devbox-probe
cfg=$(containerd config dump 2>/dev/null)
bin=$(printf '%s\n' "$cfg" | awk '/runtimes\.runc\.options\]/ {f=1; next} /^[[:space:]]*\[/ {f=0} f && /BinaryName/ {sub(/^[^=]*=[[:space:]]*/, ""); gsub(/["'\'']/, ""); print; exit}')
configured=yes
if [ -z "$bin" ]; then configured=no; bin=$(command -v runc); fi
printf 'binary=%s\nconfigured=%s\n' "$bin" "$configured"
awk '{print $5}' /proc/self/mountinfo | while read -r mp; do
  case "$mp" in */runc|*/runc.*) if [ -f "$mp" ]; then printf 'filemount=%s\n' "$mp"; fi ;; esac
done
rm -rf "$d" && mkdir -p "$d/rootfs" || { echo 'error=cannot create probe directory'; exit 0; }
for l in bin lib lib64 sbin; do ln -s "usr/$l" "$d/rootfs/$l"; done
printf '%s' "$1" > "$d/config.json"
id="devbox-probe-$$"
if out=$(timeout 30 ctr -n devbox-probe run --rm --runc-binary "$bin" --config "$d/config.json" "$id" 2>&1); then
  echo 'started=yes'
else
  printf 'started=no\nerror=%s\n' "$(printf '%s' "$out" | tr '\n' ' ' | cut -c1-400)"
  ctr -n devbox-probe tasks kill -s KILL "$id" >/dev/null 2>&1; ctr -n devbox-probe containers rm "$id" >/dev/null 2>&1
fi
[ -s "$d/exe" ] && printf 'ran=%s\n' "$(cat "$d/exe")"
[ -s "$d/sha256" ] && printf 'ransha256=%s\n' "$(cut -d' ' -f1 "$d/sha256")"
if [ -s "$d/version" ]; then echo '--version--'; cat "$d/version"; fi
rm -rf "$d"
exit 0
`;

/** What one node said. */
export interface NodeRunc {
  /** The runc containerd's CRI is configured to run. */
  binary?: string;
  /** `BinaryName` is set (else runc comes from containerd's PATH). */
  configured: boolean;
  /** Mount points that are files named runc: a single-file pin, refused. */
  fileMounts: string[];
  /** The probe container started. */
  started: boolean;
  /** The binary that actually ran (its path as the kernel names it), its sha256 and version text. */
  ran?: string;
  ranSha256?: string;
  version?: string;
  error?: string;
}

export function parseNodeProbe(text: string): NodeRunc {
  const [head, version] = text.split(/^--version--$/m) as [string, string | undefined];
  const values = new Map<string, string[]>();
  for (const line of head.split('\n')) {
    const m = /^([a-z0-9]+)=(.*)$/.exec(line);
    if (m) values.set(m[1]!, [...(values.get(m[1]!) ?? []), m[2]!]);
  }
  const one = (k: string) => values.get(k)?.[0] || undefined;
  const binary = one('binary');
  const ran = one('ran');
  const ranSha256 = one('ransha256');
  const error = one('error');
  return {
    ...(binary ? { binary } : {}),
    configured: one('configured') === 'yes',
    fileMounts: values.get('filemount') ?? [],
    started: one('started') === 'yes',
    ...(ran ? { ran } : {}),
    ...(ranSha256 ? { ranSha256 } : {}),
    ...(version?.trim() ? { version: version.trim() } : {}),
    ...(error ? { error } : {}),
  };
}
