/** The `wsl` section: Windows features, the WSL package, and `%UserProfile%\.wslconfig`. */
import { z } from 'zod';
import { byteSize, httpsUrl, sha256, windowsPath, safeText } from './common.js';

const idleTimeout = z
  .number({ error: 'must be a number of milliseconds, or -1 to never stop' })
  .int()
  .min(-1, { error: 'must be -1 (never) or a number of milliseconds' });

/** Keys devbox manages in the `[wsl2]` section of .wslconfig. */
export const wslConfigWsl2 = z
  .strictObject({
    memory: byteSize.optional().describe('Memory for the WSL 2 VM, e.g. 8GB.'),
    processors: z.number().int().min(1).max(1024).optional().describe('Virtual processors for the WSL 2 VM.'),
    swap: byteSize.optional().describe('Swap size; 0 disables swap.'),
    swapFile: windowsPath.optional(),
    kernelCommandLine: safeText('kernel parameters')
      .optional()
      .describe('Appended to the kernel command line; cgroup_no_v1=all helps kind.'),
    vmIdleTimeout: idleTimeout
      .optional()
      .describe('Milliseconds before an idle VM stops; -1 keeps it running (needed for kind).'),
    networkingMode: z
      .enum(['nat', 'mirrored', 'bridged', 'none', 'virtioproxy'], {
        error: 'must be one of nat, mirrored, bridged, none, virtioproxy',
      })
      .optional(),
    dnsTunneling: z.boolean().optional(),
    firewall: z.boolean().optional(),
    autoProxy: z.boolean().optional(),
    dnsProxy: z.boolean().optional(),
    localhostForwarding: z.boolean().optional(),
    nestedVirtualization: z.boolean().optional(),
    guiApplications: z.boolean().optional(),
    isolateDistroCgroup: z
      .boolean()
      .optional()
      .describe('WSL 2.9+: set false if rootful Docker or kind misbehave under per-distro cgroups.'),
  })
  .describe('Keys of the [wsl2] section.');

export const wslConfig = z
  .strictObject({
    wsl2: wslConfigWsl2.prefault({}),
    general: z
      .strictObject({
        instanceIdleTimeout: idleTimeout
          .optional()
          .describe(
            'Milliseconds before an idle distro stops; -1 keeps it (and kind) running after the terminal closes.',
          ),
      })
      .prefault({}),
    experimental: z
      .strictObject({
        autoMemoryReclaim: z.enum(['disabled', 'dropCache', 'gradual']).optional(),
        sparseVhd: z.boolean().optional(),
      })
      .prefault({}),
  })
  .describe('Keys devbox manages in %UserProfile%\\.wslconfig. Other keys in the file are left as they are.');

export const wslSection = z
  .strictObject({
    features: z
      .strictObject({
        virtualMachinePlatform: z
          .boolean()
          .default(true)
          .describe('Enable the VirtualMachinePlatform optional feature (required for WSL 2).'),
        subsystemLinux: z
          .union([z.boolean(), z.literal('auto')], { error: 'must be true, false or "auto"' })
          .default('auto')
          .describe(
            'Enable Microsoft-Windows-Subsystem-Linux; "auto" enables it only where it is needed (Windows 10).',
          ),
      })
      .prefault({}),
    update: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Install or update the WSL package.'),
        preRelease: z.boolean().default(false),
        offlineInstaller: z
          .strictObject({
            path: windowsPath.optional(),
            url: httpsUrl.optional(),
            sha256,
          })
          .refine((v) => v.path !== undefined || v.url !== undefined, { error: 'needs either path or url' })
          .optional()
          .describe('A WSL .msi to install instead of `wsl --update` (which needs github.com).'),
      })
      .prefault({}),
    defaultVersion: z.literal([1, 2], { error: 'must be 1 or 2' }).default(2),
    config: wslConfig.prefault({}),
    shutdown: z
      .enum(['ask', 'always', 'never'], { error: 'must be "ask", "always" or "never"' })
      .default('ask')
      .describe(
        'Whether devbox may run `wsl --shutdown` when a .wslconfig change needs it (it stops running distros).',
      ),
  })
  .describe('WSL 2 itself: Windows features, the WSL package and .wslconfig.');
