/**
 * The sha256 of each devbox PowerShell script the simulator emulates (src/platform/windows/scripts).
 * A script whose bytes differ is refused, so a .ps1 cannot change without its emulation in
 * powershell.ts being looked at: update both together, then the hash here.
 */
export const pinnedScripts = {
  'probe.ps1': '98445bd7c0dcdac6d7f1f69ffd819f0eea6064a439346a349d293e5b7b65d2d7',
  'write-file.ps1': 'b90137926bf9450f13fbbd6879ecd0cc5d43884318ad78260d00e1313d9d4429',
  'replace-file.ps1': 'fd9abdcd6aafcd01f161d6bae760becd4e8cbf3558ec58749293aed8f58c9c5d',
  'elevate.ps1': '6bd61754e9c81f9dcc34941f53ec8a553a65c0317db7a238e869f3c19f7f2186',
  'fixed-ip-task.ps1': 'fff02d525796b0cdf6ad50d48cff33808012c455007af2197d1bbd1885e20727',
} as const;

export type ScriptName = keyof typeof pinnedScripts;
