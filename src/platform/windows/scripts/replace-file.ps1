#Requires -Version 5.1
<#
.SYNOPSIS
  devbox guarded file replacement: for files other programs write too (the hosts file, Scoop's
  config.json). Replaces a file atomically only if it still holds what devbox read.

.DESCRIPTION
  Run as: powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File replace-file.ps1
  (for the hosts file, as administrator, from devbox's elevated helper).
  Request on stdin (UTF-8 JSON):
    {"path": "%SystemRoot%\\System32\\drivers\\etc\\hosts", "content": "<base64 bytes>",
     "expectedSha256": "<hex of the bytes devbox read, or null when the file must not exist>",
     "backupRoot": "%LOCALAPPDATA%\\devbox\\backups", "flushDns": true, "retryMs": 10000}
  Steps:
  1. Read the file. When its SHA-256 is not expectedSha256, another program changed it since devbox
     read it: write nothing and answer {"ok": false, "reason": "changed", "actualSha256": "..."};
     devbox reads it again and recomputes its change.
  2. The first time a file is replaced, copy the original to <backupRoot>\<drive>\<path> (never
     overwritten later).
  3. Write the new bytes (exactly as given: devbox keeps encoding and line endings) to a temporary
     file beside the target, then swap it in with one File.Replace, which keeps the target's ACL.
     A read-only attribute is cleared for the swap and set again after it (all attributes are
     restored).
  4. While another program holds the file (a sharing violation: an editor, an antivirus scan),
     retry every 200 ms for up to retryMs, then answer {"ok": false, "reason": "busy", ...}.
  5. With flushDns, clear the DNS client cache so a changed hosts entry takes effect at once.
  Answer on stdout: {"ok": true, "backup": "<path or null>", "dnsFlushed": true|false}.
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
. ([IO.Path]::Combine($PSScriptRoot, 'protocol.ps1'))
. ([IO.Path]::Combine($PSScriptRoot, 'windows.ps1'))
. ([IO.Path]::Combine($PSScriptRoot, 'files.ps1'))

$request = Read-DevboxRequest
$target = Resolve-DevboxPath ([string]$request.path)
$bytes = [Convert]::FromBase64String([string]$request.content)
$expected = $null
if ((Test-DevboxProperty $request 'expectedSha256') -and $null -ne $request.expectedSha256) { $expected = ([string]$request.expectedSha256).ToLowerInvariant() }
$retryMs = 10000
if (Test-DevboxProperty $request 'retryMs') { $retryMs = [int]$request.retryMs }
$backupRoot = $null
if ((Test-DevboxProperty $request 'backupRoot') -and $request.backupRoot) { $backupRoot = [string]$request.backupRoot }
[void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($target.Local))
$temporary = Get-DevboxTemporaryPath $target
$deadline = [DateTime]::UtcNow.AddMilliseconds($retryMs)
$backup = $null

while ($true) {
  try {
    $exists = [IO.File]::Exists($target.Local)
    $actual = $null
    if ($exists) { $actual = Get-DevboxSha256 ([IO.File]::ReadAllBytes($target.Local)) }
    if ($actual -ne $expected) {
      Write-DevboxAnswer @{ ok = $false; reason = 'changed'; actualSha256 = $actual }
      exit 0
    }
    if ($exists -and $null -ne $backupRoot) { $backup = Save-DevboxBackupOnce $target $backupRoot }
    [IO.File]::WriteAllBytes($temporary, $bytes)
    Move-DevboxOver $temporary $target
    break
  } catch [System.IO.IOException] {
    # A sharing violation: another program has the file open. Try again until the deadline.
    Remove-DevboxTemporary $temporary
    if ([DateTime]::UtcNow -ge $deadline) {
      Write-DevboxAnswer @{ ok = $false; reason = 'busy'; message = [string]$_.Exception.Message }
      exit 0
    }
    Start-Sleep -Milliseconds 200
  } catch {
    Remove-DevboxTemporary $temporary
    throw
  }
}

$flushed = $false
if ((Test-DevboxProperty $request 'flushDns') -and $request.flushDns -eq $true) {
  Clear-DevboxDnsCache
  $flushed = $true
}
Write-DevboxAnswer @{ ok = $true; backup = $backup; dnsFlushed = $flushed }
