/**
 * Kernel prechecks for a CNI, run in the distro (the kind nodes share its kernel). kube-ovn needs the
 * `openvswitch` datapath and `geneve` tunnels; current WSL kernels build both as modules
 * (microsoft/WSL2-Linux-Kernel arch/x86/configs/config-wsl), older or custom kernels may lack them.
 * Each module is looked for the ways the kernel tells: loaded (/proc/modules), built in (/sys/module,
 * modules.builtin), loadable (a .ko under /lib/modules/$(uname -r) that `modprobe -n` accepts), the
 * kernel's own config (/proc/config.gz), and, for geneve, creating a tunnel device in a throw-away
 * network namespace. One guest-agent call.
 */
import type { GuestReadOp, GuestReadPort, OpResult } from '../../../engine/ports/guest.js';
import { t } from '../../../i18n/catalogue.js';

/** Kernel modules a CNI needs, with the config symbol that builds each. */
export const cniKernelModules = {
  kindnet: [],
  calico: [],
  'kube-ovn': [
    { module: 'openvswitch', config: 'CONFIG_OPENVSWITCH' },
    { module: 'geneve', config: 'CONFIG_GENEVE' },
  ],
} as const satisfies Record<string, readonly { module: string; config: string }[]>;

export type Cni = keyof typeof cniKernelModules;

/** Per module: one `name key value` line for each fact found. argv: pairs of module and config symbol. */
const script = String.raw`
export LC_ALL=C
rel=$(uname -r)
echo "- kernel $rel"
[ -r /proc/modules ] && echo "- modules yes" || echo "- modules no"
while [ $# -ge 2 ]; do
  m=$1; sym=$2; shift 2
  grep -q "^$m " /proc/modules 2>/dev/null && echo "$m loaded yes"
  [ -d "/sys/module/$m" ] && echo "$m sysmodule yes"
  grep -qE "/$m\.ko(\.[a-z]+)?$" "/lib/modules/$rel/modules.builtin" 2>/dev/null && echo "$m builtin yes"
  ko=$(find "/lib/modules/$rel" -name "$m.ko*" -print -quit 2>/dev/null)
  [ -n "$ko" ] && echo "$m file $ko"
  if command -v modprobe >/dev/null 2>&1; then
    modprobe -n -q "$m" 2>/dev/null && echo "$m modprobe yes" || echo "$m modprobe no"
  fi
  if [ -r /proc/config.gz ]; then
    v=$(zcat /proc/config.gz 2>/dev/null | sed -n "s/^$sym=\(.*\)$/\1/p")
    [ -n "$v" ] || v=unset
    echo "$m config $v"
  fi
  if [ "$m" = geneve ] && command -v unshare >/dev/null 2>&1; then
    unshare -n ip link add devbox-gnv0 type geneve id 1 remote 127.0.0.1 2>/dev/null && echo "$m device yes" || echo "$m device no"
  fi
done
`;

export interface ModuleCheck {
  module: string;
  /** present: loaded or built in; loadable: a module the kernel can load; missing: neither. */
  verdict: 'present' | 'loadable' | 'missing';
  evidence: string[];
}

export interface KernelPrecheck {
  cni: Cni;
  kernel: string;
  /** The kernel loads modules at all (/proc/modules exists). */
  loadableModules: boolean;
  modules: ModuleCheck[];
  ok: boolean;
  /** What to do when something is missing. */
  fix?: string;
}

export interface KernelModule {
  module: string;
  config: string;
}

export function precheckOps(modules: readonly KernelModule[]): GuestReadOp[] {
  const pairs = modules.flatMap((m) => [m.module, m.config]);
  return pairs.length
    ? [{ op: 'run', argv: ['bash', '-c', script, 'devbox-cni-precheck', ...pairs], readOnly: true }]
    : [];
}

/** Interprets the precheck's output (pure). */
export function readPrecheck(
  cni: Cni,
  result: OpResult | undefined,
  wanted: readonly KernelModule[] = cniKernelModules[cni],
): KernelPrecheck {
  const lines = (result?.stdout.toString('utf8') ?? '')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' '));
  const fact = (name: string, key: string) =>
    lines
      .find((l) => l[0] === name && l[1] === key)
      ?.slice(2)
      .join(' ');
  const kernel = fact('-', 'kernel') ?? 'unknown';
  const loadableModules = fact('-', 'modules') === 'yes';
  const modules = wanted.map(({ module, config: symbol }): ModuleCheck => {
    const evidence: string[] = [];
    const config = fact(module, 'config');
    if (fact(module, 'loaded')) evidence.push('loaded (/proc/modules)');
    if (fact(module, 'sysmodule')) evidence.push(`/sys/module/${module} exists`);
    if (fact(module, 'builtin')) evidence.push('built in (modules.builtin)');
    const file = fact(module, 'file');
    if (file) evidence.push(`module file ${file}`);
    const modprobe = fact(module, 'modprobe');
    if (modprobe) evidence.push(`modprobe -n ${modprobe === 'yes' ? 'accepts it' : 'does not find it'}`);
    if (config) evidence.push(`kernel config ${symbol}=${config}`);
    const device = fact(module, 'device');
    if (device)
      evidence.push(
        device === 'yes' ? 'a geneve device can be created' : 'creating a geneve device fails (unknown device type)',
      );
    const present = Boolean(
      fact(module, 'loaded') ||
      fact(module, 'sysmodule') ||
      fact(module, 'builtin') ||
      config === 'y' ||
      device === 'yes',
    );
    const loadable =
      !present &&
      loadableModules &&
      (modprobe === 'yes' || (Boolean(file) && modprobe !== 'no') || (config === 'm' && modprobe !== 'no'));
    return { module, verdict: present ? 'present' : loadable ? 'loadable' : 'missing', evidence };
  });
  const missing = modules.filter((m) => m.verdict === 'missing').map((m) => m.module);
  return {
    cni,
    kernel,
    loadableModules,
    modules,
    ok: missing.length === 0,
    ...(missing.length
      ? {
          fix: t('cni.kernelLacks', { cni, modules: missing.join(t('cni.and')), kernel, loadable: loadableModules }),
        }
      : {}),
  };
}

/** Runs the precheck for `cni` (or other modules): at most one guest call, none when nothing is needed. */
export async function precheckKernel(
  guest: GuestReadPort,
  cni: Cni,
  modules: readonly KernelModule[] = cniKernelModules[cni],
): Promise<KernelPrecheck> {
  const ops = precheckOps(modules);
  const [result] = ops.length ? await guest.run(ops) : [];
  return readPrecheck(cni, result, modules);
}
