/**
 * A simulated distro's user account and default user, and reading them back: what backup tests
 * need to show the default user survives (every `wsl --import` resets it to root, microsoft/WSL#7884).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { WindowsMachine } from '../winsim/machine.js';
import { lxssUserKey } from '../winsim/registry.js';

/** The Linux folder holding the registered distro's root (the simulator's real Debian root). */
export function rootfsOf(m: WindowsMachine, name: string): string {
  return Object.values(m.state().distros).find((d) => d.name === name)!.rootfs;
}

/** The distro's DefaultUid in the Lxss registry key (0: root). */
export function defaultUid(m: WindowsMachine, name: string): number {
  const s = m.state();
  const key = Object.values(s.registry).find(
    (k) => k.path.startsWith(`${lxssUserKey}\\{`) && k.values.DistributionName?.data === name,
  );
  return Number(key?.values.DefaultUid?.data);
}

/** What the first launch of a distro does: the account `user` (uid 1000), made its default user. */
export function addDefaultUser(m: WindowsMachine, distro: string, user: string): void {
  const rootfs = rootfsOf(m, distro);
  appendFileSync(join(rootfs, 'etc/passwd'), `${user}:x:1000:1000:${user}:/home/${user}:/bin/bash\n`);
  appendFileSync(join(rootfs, 'etc/group'), `${user}:x:1000:\n`);
  expect(m.run('wsl.exe', ['--manage', distro, '--set-default-user', user]).status).toBe(0);
  expect(defaultUid(m, distro)).toBe(1000);
}

/** A new machine that has WSL (the platform enabled, the Store package): a distro can be imported. */
export function enableWsl(m: WindowsMachine): void {
  m.update((s) => {
    s.features.VirtualMachinePlatform = { state: 'enabled' };
    s.wsl.package = { version: '2.6.3.0' };
  });
}
