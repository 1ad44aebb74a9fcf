#Requires -Version 5.1
<#
.SYNOPSIS
  devbox file writer: replaces one file on Windows atomically, keeping a backup of the original once.

.DESCRIPTION
  Run as: powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File write-file.ps1
  Request on stdin (UTF-8 JSON):
    {"path": "%USERPROFILE%\\.wslconfig", "content": "<base64 bytes>", "backupRoot": "%LOCALAPPDATA%\\devbox\\backups"}
  The bytes are written exactly as given (devbox decides encoding and line endings). The new content
  goes to a temporary file beside the target, which then replaces the target in one rename, so a
  reader never sees half a file. The first time a file is replaced, its original is copied to
  <backupRoot>\<drive>\<path>; later writes never overwrite that backup.
  Answer on stdout: {"ok": true, "backup": "<path of the backup, or null>"}.
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
. ([IO.Path]::Combine($PSScriptRoot, 'protocol.ps1'))
. ([IO.Path]::Combine($PSScriptRoot, 'windows.ps1'))
. ([IO.Path]::Combine($PSScriptRoot, 'files.ps1'))

$request = Read-DevboxRequest
$target = Resolve-DevboxPath ([string]$request.path)
$bytes = [Convert]::FromBase64String([string]$request.content)
[void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($target.Local))

$backup = $null
if ([IO.File]::Exists($target.Local) -and (Test-DevboxProperty $request 'backupRoot') -and $request.backupRoot) {
  $backup = Save-DevboxBackupOnce $target ([string]$request.backupRoot)
}
$temporary = Get-DevboxTemporaryPath $target
[IO.File]::WriteAllBytes($temporary, $bytes)
try {
  Move-DevboxOver $temporary $target
} catch {
  Remove-DevboxTemporary $temporary
  throw
}
Write-DevboxAnswer @{ ok = $true; backup = $backup }
