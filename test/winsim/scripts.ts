/**
 * The sha256 of each devbox PowerShell script the simulator emulates (src/platform/windows/scripts).
 * A script whose bytes differ is refused, so a .ps1 cannot change without its emulation in
 * powershell.ts being looked at: update both together, then the hash here.
 */
export const pinnedScripts = {
  'probe.ps1': '9bd6f2df3a5948daaf61576bfd6eb339cda0e7440a1ec18bd51d39fb2c8aac8d',
  'write-file.ps1': 'b90137926bf9450f13fbbd6879ecd0cc5d43884318ad78260d00e1313d9d4429',
  'download.ps1': '7879c6afb6c4efac053836bdb60b89245393493e6c85b0886680c59bf67d56a9',
  'elevate.ps1': '6bd61754e9c81f9dcc34941f53ec8a553a65c0317db7a238e869f3c19f7f2186',
  'fixed-ip-task.ps1': 'fff02d525796b0cdf6ad50d48cff33808012c455007af2197d1bbd1885e20727',
} as const;

export type ScriptName = keyof typeof pinnedScripts;
