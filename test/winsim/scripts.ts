/**
 * The sha256 of each devbox PowerShell file (src/platform/windows/scripts and the Scoop area's part
 * of the probe). The simulator's powershell.exe runs these files, and only these, with real pwsh:
 * a file whose bytes differ is refused, so nothing but devbox's reviewed scripts ever runs as
 * "powershell.exe". After changing a .ps1, update its hash here (test/winsim/scripts.test.ts prints them).
 */
export const pinnedScripts = {
  'probe.ps1': '0130f05164ed542747e03ba04f4dfddd8b070ce9fc58a83876eccb972133b0a4',
  'write-file.ps1': '1c1736cd363dd778d7bb570f142243e8098457b1bcbcef2fd52be3aabde2a852',
  'replace-file.ps1': '2904cef0e1552d16138b34648ef4b6a8db6a329b616ec9b0edaadf28a1ed6862',
  'elevate.ps1': '0fb3c081f9f971f80b760fc07cc8de26f8ae5a13756ddf6d97dded59cf1fdc9f',
  'fixed-ip-task.ps1': 'fff02d525796b0cdf6ad50d48cff33808012c455007af2197d1bbd1885e20727',
} as const;

/** Files the entry scripts dot-source, by their path relative to the entry script's folder. */
export const pinnedParts = {
  'protocol.ps1': '20698030c51ba708a21485f5ac0b7c17b453699f06bd5e93669705bcf8cb3b25',
  'windows.ps1': 'b40d12cfed2a503526014c53a357631d2e9a461d07f6212b3b246088ad6a59be',
  'files.ps1': '42927f9fdb3792b4d0fc9aec71fc80b10db5a8973629668c13aa593f690bdafc',
  'probe-system.ps1': '6ce9dc06ee821f4ae35ecae94344c55c251049ae22e9e6b6fb5fe1a03d996cb9',
  'probe-files.ps1': 'c172a424f3c051fb7208f37583c0b9bd95e9866597ee4ce5fc8bb26cb93b7e4a',
  '../../../resources/scoop/scoop-probe.ps1': 'ac98ae5bb747879d4c73a7c9bd4d2b026d3b32c30d544375ded971b3fa661a3a',
} as const;

export type ScriptName = keyof typeof pinnedScripts;
