/**
 * Simulated dism.exe, reg.exe, netsh.exe, schtasks.exe, msiexec.exe and shutdown.exe: console text
 * with CRLF, localized unless a tool is told otherwise (dism /English), and the exit codes callers
 * depend on (dism 3010 / 740, msiexec 1603 / 1619, reg and netsh 1).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ToolContext } from './context.js';
import { toolPath } from './drive.js';
import { splitProgram } from './cmdline.js';
import { canonicalKey, withState, type FeatureState, type SimRegistryValue, type SimState } from './state.js';
import { deleteValue, getKey, getValue, setValue } from './registry.js';
import { strings } from './strings.js';

const lower = (s: string) => s.toLowerCase();

// ---------------------------------------------------------------- dism.exe

export function dismExe(ctx: ToolContext): number {
  return withState(ctx.dir, (state) => {
    const args = ctx.args;
    const english = args.some((a) => lower(a) === '/english');
    const s = strings(english ? 'en-US' : state.windows.locale);
    const flag = (name: string) => args.some((a) => lower(a) === `/${name}`);
    const featureArg = args.find((a) => lower(a).startsWith('/featurename:'));
    const feature = featureArg?.slice('/featurename:'.length);
    ctx.out.line();
    ctx.out.line(s.dismTitle);
    ctx.out.line(`${s.dismVersion}10.0.${state.windows.build}.1150`);
    ctx.out.line();
    if (!flag('online')) {
      ctx.out.line('Error: 87');
      ctx.out.line();
      ctx.out.line('The /Online option is required in this simulation.');
      return 87;
    }
    ctx.out.line(`${s.dismImageVersion}10.0.${state.windows.build}.${state.windows.ubr}`);
    ctx.out.line();
    // Every /Online operation, even a query, needs an administrator token.
    if (!ctx.elevated) {
      ctx.out.line('Error: 740');
      ctx.out.line();
      ctx.out.line(s.dismElevation);
      return 740;
    }
    if (!feature || !(feature in state.features)) {
      ctx.out.line('Error: 0x800f080c');
      ctx.out.line();
      ctx.out.line(s.dismUnknownFeature(feature ?? ''));
      return 0x800f080c;
    }
    const current = state.features[feature]!;
    if (flag('get-featureinfo')) {
      ctx.out.line(s.dismFeatureInfo);
      ctx.out.line();
      ctx.out.line(`${s.dismFeatureName}${feature}`);
      ctx.out.line('Restart Required : Possible');
      ctx.out.line(`${s.dismState}${s.dismStates[current.state]}`);
      ctx.out.line();
      ctx.out.line(s.operationSuccess);
      return 0;
    }
    const enable = flag('enable-feature');
    if (!enable && !flag('disable-feature')) {
      ctx.out.line('Error: 87');
      return 87;
    }
    ctx.out.line(enable ? s.dismEnabling : s.dismDisabling);
    ctx.out.line('[==========================100.0%==========================]');
    const done: FeatureState = enable ? 'enabled' : 'disabled';
    if (current.state === done) {
      ctx.out.line(s.operationSuccess);
      return 0;
    }
    current.state = enable ? 'enable-pending' : 'disable-pending';
    state.rebootPending = true;
    ctx.out.line(s.operationSuccess);
    ctx.out.line(s.dismRestart);
    if (!flag('norestart')) ctx.out.line('Do you want to restart the computer now? (Y/N)');
    return 3010;
  });
}

// ---------------------------------------------------------------- reg.exe

function regTypeOk(type: string): type is SimRegistryValue['type'] {
  return ['REG_SZ', 'REG_EXPAND_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_MULTI_SZ', 'REG_BINARY'].includes(type);
}

function needsAdmin(key: string): boolean {
  return /^HKEY_LOCAL_MACHINE\\/i.test(canonicalKey(key));
}

function showValue(name: string, value: SimRegistryValue): string {
  const data =
    value.type === 'REG_DWORD' || value.type === 'REG_QWORD'
      ? `0x${Number(value.data).toString(16)}`
      : Array.isArray(value.data)
        ? value.data.join('\\0')
        : String(value.data);
  return `    ${name === '' ? '(Default)' : name}    ${value.type}    ${data}`;
}

export function regExe(ctx: ToolContext): number {
  return withState(ctx.dir, (state) => {
    const s = strings(state.windows.locale);
    const [verb, key, ...rest] = ctx.args;
    const option = (name: string) => {
      const i = rest.findIndex((a) => lower(a) === `/${name}`);
      return i === -1 ? undefined : (rest[i + 1] ?? '');
    };
    const err = (text: string) => {
      ctx.out.err(`${text}\n`);
      return 1;
    };
    if (!verb || !key || !/^(HKLM|HKCU|HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER)(\\|$)/i.test(key))
      return err('ERROR: Invalid syntax.\nType "REG /?" for usage.');
    switch (lower(verb)) {
      case 'add': {
        if (needsAdmin(key) && !ctx.elevated) return err(s.regAccessDenied);
        const name = option('v') ?? '';
        const type = (option('t') ?? 'REG_SZ').toUpperCase();
        const data = option('d') ?? '';
        if (!regTypeOk(type)) return err(`ERROR: Invalid syntax.`);
        if (!rest.some((a) => lower(a) === '/f') && getValue(state, key, name))
          return err('Value exists, overwrite(Yes/No)? (no terminal: cancelled)');
        const value: SimRegistryValue =
          type === 'REG_DWORD' || type === 'REG_QWORD'
            ? { type, data: /^0x/i.test(data) ? Number.parseInt(data, 16) : Number(data) }
            : type === 'REG_MULTI_SZ'
              ? { type, data: data.split('\\0') }
              : { type, data };
        if (
          type === 'REG_DWORD' &&
          !(Number.isInteger(value.data) && (value.data as number) >= 0 && (value.data as number) <= 0xffffffff)
        )
          return err('ERROR: Invalid syntax.');
        setValue(state, key, name, value);
        ctx.out.line(s.regSuccess);
        return 0;
      }
      case 'query': {
        const k = getKey(state, key);
        const name = option('v');
        if (!k || (name !== undefined && !getValue(state, key, name))) return err(s.regNotFound);
        ctx.out.line();
        ctx.out.line(k.path);
        for (const [n, v] of Object.entries(k.values))
          if (name === undefined || lower(n) === lower(name)) ctx.out.line(showValue(n, v));
        ctx.out.line();
        return 0;
      }
      case 'delete': {
        if (needsAdmin(key) && !ctx.elevated) return err(s.regAccessDenied);
        const name = option('v');
        if (name === undefined || !deleteValue(state, key, name)) return err(s.regNotFound);
        ctx.out.line(s.regSuccess);
        return 0;
      }
      default:
        return err('ERROR: Invalid syntax.\nType "REG /?" for usage.');
    }
  });
}

// ---------------------------------------------------------------- netsh.exe

function maskPrefix(mask: string): number | undefined {
  const n = mask.split('.').reduce((acc, p) => ((acc << 8) | Number(p)) >>> 0, 0);
  const bits = n.toString(2).padStart(32, '0');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')) : undefined;
}

export function netshExe(ctx: ToolContext): number {
  return withState(ctx.dir, (state) => {
    const s = strings(state.windows.locale);
    const args = ctx.args.map((a) => a);
    const say = (text: string, code: number) => {
      ctx.out.line(text);
      ctx.out.line();
      return code;
    };
    // interface ipv4|ip add|delete address [name=]<name> [address=]<ip> [mask=]<mask>
    if (
      lower(args[0] ?? '') !== 'interface' ||
      !['ip', 'ipv4'].includes(lower(args[1] ?? '')) ||
      lower(args[3] ?? '') !== 'address'
    )
      return say('The following command was not found: ' + args.join(' ') + '.', 1);
    const verb = lower(args[2] ?? '');
    const values = args.slice(4).map((a) => a.replace(/^(name|address|addr|mask)=/i, ''));
    const [name, address, mask] = values;
    if (!ctx.elevated) return say(s.netshElevation, 1);
    const adapter = state.adapters.find((a) => lower(a.name) === lower(name ?? ''));
    if (!adapter) return say(s.netshNoInterface, 1);
    if (verb === 'add') {
      const prefix = maskPrefix(mask ?? '255.255.255.0');
      if (!address || prefix === undefined) return say('The parameter is incorrect.', 1);
      if (adapter.ipv4.some((a) => a.address === address)) return say(s.netshExists, 1);
      adapter.ipv4.push({ address, prefixLength: prefix });
      return say('', 0);
    }
    if (verb === 'delete') {
      const before = adapter.ipv4.length;
      adapter.ipv4 = adapter.ipv4.filter((a) => a.address !== address);
      return before === adapter.ipv4.length ? say('Element not found.', 1) : say('', 0);
    }
    return say('The following command was not found.', 1);
  });
}

// ---------------------------------------------------------------- schtasks.exe

export function schtasksExe(ctx: ToolContext): number {
  return withState(ctx.dir, (state) => {
    const s = strings(state.windows.locale);
    const args = ctx.args;
    const option = (name: string) => {
      const i = args.findIndex((a) => lower(a) === `/${name}`);
      return i === -1 ? undefined : args[i + 1];
    };
    const err = (text: string, code = 1) => {
      ctx.out.err(`${text}\n`);
      return code;
    };
    const tn = option('tn');
    if (!tn) return err('ERROR: Invalid syntax. Mandatory option /TN is missing.');
    const name = `\\${tn.replace(/^\\/, '')}`;
    if (args.some((a) => lower(a) === '/create')) {
      const tr = option('tr');
      const sc = (option('sc') ?? '').toUpperCase();
      const rl = (option('rl') ?? 'LIMITED').toUpperCase();
      if (!tr || !sc) return err('ERROR: Invalid syntax.');
      if (tr.length > 261) return err('ERROR: The task run (/TR) option cannot be more than 261 character(s).');
      if (rl === 'HIGHEST' && !ctx.elevated) return err(s.schtasksAccessDenied);
      const id = lower(name);
      if (state.tasks[id] && !args.some((a) => lower(a) === '/f'))
        return err('WARNING: The task name already exists. (no terminal: not replaced)');
      if (sc !== 'ONLOGON' && sc !== 'ONSTART') return err('ERROR: Only ONLOGON and ONSTART are simulated.');
      state.tasks[id] = {
        name,
        command: tr,
        trigger: sc === 'ONLOGON' ? 'logon' : 'boot',
        runLevel: rl === 'HIGHEST' ? 'highest' : 'limited',
      };
      ctx.out.line(s.schtasksCreated(tn));
      return 0;
    }
    if (args.some((a) => lower(a) === '/delete')) {
      if (!state.tasks[lower(name)]) return err(s.schtasksNotFound);
      if (state.tasks[lower(name)]!.runLevel === 'highest' && !ctx.elevated) return err(s.schtasksAccessDenied);
      delete state.tasks[lower(name)];
      ctx.out.line(s.schtasksDeleted(tn));
      return 0;
    }
    if (args.some((a) => lower(a) === '/query')) {
      const task = state.tasks[lower(name)];
      if (!task) return err(s.schtasksNotFound);
      const { program, rest } = splitProgram(task.command);
      ctx.out.line(`TaskName: ${task.name}`);
      ctx.out.line(`Task To Run: ${program} ${rest}`);
      return 0;
    }
    return err('ERROR: Invalid syntax.');
  });
}

// ---------------------------------------------------------------- msiexec.exe

/** A simulated WSL .msi is a JSON file {"product":"Microsoft.WSL","version":"2.6.3.0"}. */
export function msiexecExe(ctx: ToolContext): number {
  return withState(ctx.dir, (state) => {
    const i = ctx.args.findIndex((a) => lower(a) === '/i');
    const file = i === -1 ? undefined : ctx.args[i + 1];
    const path = file ? toolPath(ctx.dir, file) : undefined;
    if (!path || !existsSync(path)) return 1619;
    let msi: { product?: string; version?: string };
    try {
      msi = JSON.parse(readFileSync(path, 'utf8')) as typeof msi;
    } catch {
      return 1620;
    }
    if (msi.product !== 'Microsoft.WSL' || !msi.version) return 1620;
    // A per-machine install without an administrator token fails in quiet mode.
    if (!ctx.elevated) return 1603;
    state.wsl.package = { version: msi.version };
    return 0;
  });
}

// ---------------------------------------------------------------- shutdown.exe

export function shutdownExe(ctx: ToolContext): number {
  return withState(ctx.dir, (state: SimState) => {
    const args = ctx.args.map(lower);
    if (args.includes('/a')) {
      if (!state.scheduledRestart) {
        ctx.out.err('Unable to abort the system shutdown because no shutdown was in progress.(1116)\n');
        return 1116;
      }
      state.scheduledRestart = null;
      return 0;
    }
    if (!args.includes('/r')) return 87;
    const t = ctx.args[args.indexOf('/t') + 1];
    const c = args.indexOf('/c') === -1 ? '' : (ctx.args[args.indexOf('/c') + 1] ?? '');
    state.scheduledRestart = { seconds: args.includes('/t') ? Number(t) : 30, comment: c };
    return 0;
  });
}
