/** The `wsl` section: Windows features, the WSL package, and `%UserProfile%\.wslconfig`. */
import { z } from 'zod';
import { byteSize, httpsUrl, rule, safeText, sha256, windowsPath } from './common.js';

const idleTimeout = z
  .number({ error: rule('rule.idleTimeout') })
  .int()
  .min(-1, { error: rule('rule.idleTimeoutMin') });

/** Keys devbox manages in the `[wsl2]` section of .wslconfig. */
export const wslConfigWsl2 = z
  .strictObject({
    memory: byteSize.optional().describe('Memory for the WSL 2 VM, e.g. 8GB.'),
    processors: z
      .number()
      .int()
      .min(1)
      .max(1024)
      .optional()
      .describe('Virtual processors for the WSL 2 VM.')
      .meta({ examples: [4] }),
    swap: byteSize.optional().describe('Swap size, e.g. 4GB; 0 disables swap.'),
    swapFile: windowsPath
      .optional()
      .describe('Where the swap disk (a VHDX) is kept, a Windows path.')
      .meta({ examples: ['D:\\WSL\\swap.vhdx'] }),
    kernelCommandLine: safeText('rule.what.kernelParams')
      .optional()
      .describe('Appended to the kernel command line; cgroup_no_v1=all helps kind.'),
    vmIdleTimeout: idleTimeout
      .optional()
      .describe('Milliseconds before an idle VM stops; -1 keeps it running (needed for kind).'),
    networkingMode: z
      .enum(['nat', 'mirrored', 'bridged', 'none', 'virtioproxy'], {
        error: rule('rule.networkingMode'),
      })
      .optional()
      .describe(
        "nat (WSL's default), mirrored (Windows 11 22H2+: the distro shares the host's addresses), bridged, none, virtioproxy.",
      ),
    dnsTunneling: z
      .boolean()
      .optional()
      .describe('WSL answers DNS through Windows (Windows 11 22H2+). distro.dns pins resolv.conf and needs it off.'),
    firewall: z.boolean().optional().describe('Windows Firewall rules apply to WSL traffic (mirrored networking).'),
    autoProxy: z.boolean().optional().describe("WSL passes Windows' HTTP proxy settings to the distro."),
    dnsProxy: z
      .boolean()
      .optional()
      .describe(
        "NAT networking: the distro's DNS goes through a proxy on Windows (false: Windows' DNS servers are copied).",
      ),
    localhostForwarding: z
      .boolean()
      .optional()
      .describe('Ports the distro listens on answer on localhost in Windows (NAT networking).'),
    nestedVirtualization: z.boolean().optional().describe('Allow virtual machines inside the WSL 2 VM.'),
    guiApplications: z.boolean().optional().describe('WSLg: Linux GUI applications.'),
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
      .prefault({})
      .describe('Keys of the [general] section.'),
    experimental: z
      .strictObject({
        autoMemoryReclaim: z
          .enum(['disabled', 'dropCache', 'gradual'])
          .optional()
          .describe('Give cached memory back to Windows: disabled, dropCache (at once) or gradual.'),
        sparseVhd: z.boolean().optional().describe("New distributions' disks shrink when files are deleted."),
      })
      .prefault({})
      .describe('Keys of the [experimental] section.')
      .meta({ examples: [{ autoMemoryReclaim: 'gradual', sparseVhd: true }] }),
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
          .union([z.boolean(), z.literal('auto')], { error: rule('rule.trueFalseAuto') })
          .default('auto')
          .describe(
            'Enable Microsoft-Windows-Subsystem-Linux; "auto" enables it only where it is needed (Windows 10).',
          ),
      })
      .prefault({})
      .describe('The Windows optional features WSL 2 needs.'),
    update: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Install or update the WSL package.'),
        preRelease: z.boolean().default(false).describe('Take WSL pre-releases (`wsl --update --pre-release`).'),
        offlineInstaller: z
          .strictObject({
            path: windowsPath
              .optional()
              .describe('A local .msi, a Windows path.')
              .meta({ examples: ['D:\\Installers\\wsl.2.6.1.0.x64.msi'] }),
            url: httpsUrl
              .optional()
              .describe('Where devbox downloads the .msi from.')
              .meta({ examples: ['https://github.com/microsoft/WSL/releases/download/2.6.1/wsl.2.6.1.0.x64.msi'] }),
            sha256: sha256.describe('sha256 of the .msi: any other file is refused.'),
          })
          .refine((v) => v.path !== undefined || v.url !== undefined, { error: rule('rule.pathOrUrl') })
          .optional()
          .describe('A WSL .msi to install instead of `wsl --update` (which needs github.com).')
          .meta({
            examples: [
              {
                path: 'D:\\Installers\\wsl.2.6.1.0.x64.msi',
                sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
              },
            ],
          }),
      })
      .prefault({})
      .describe('The WSL package: installed, and kept at 2.0.0 or newer.'),
    defaultVersion: z
      .literal([1, 2], { error: rule('rule.wslVersion') })
      .default(2)
      .describe('The WSL version new distributions get (`wsl --set-default-version`).'),
    config: wslConfig.prefault({}),
    shutdown: z
      .enum(['ask', 'always', 'never'], { error: rule('rule.askAlwaysNever') })
      .default('ask')
      .describe(
        'Whether devbox may run `wsl --shutdown` when a .wslconfig change needs it (it stops running distros).',
      ),
  })
  .describe('WSL 2 itself: Windows features, the WSL package and .wslconfig.');
