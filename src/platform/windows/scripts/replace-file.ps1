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

$utf8 = New-Object System.Text.UTF8Encoding($false)
[Console]::InputEncoding = $utf8
[Console]::OutputEncoding = $utf8

function Get-DevboxSha256([byte[]]$Bytes) {
  $sha = [Security.Cryptography.SHA256]::Create()
  try { return ([BitConverter]::ToString($sha.ComputeHash($Bytes)) -replace '-', '').ToLowerInvariant() } finally { $sha.Dispose() }
}

function Write-DevboxAnswer($Answer) {
  [Console]::Out.Write((ConvertTo-Json -InputObject $Answer -Compress))
}

$request = [Console]::In.ReadToEnd() | ConvertFrom-Json
$path = [Environment]::ExpandEnvironmentVariables([string]$request.path)
if (-not [IO.Path]::IsPathRooted($path)) { throw "not an absolute path: $path" }
$bytes = [Convert]::FromBase64String([string]$request.content)
$expected = $null
if ($null -ne $request.expectedSha256) { $expected = ([string]$request.expectedSha256).ToLowerInvariant() }
$retryMs = 10000
if ($request.PSObject.Properties.Name -contains 'retryMs') { $retryMs = [int]$request.retryMs }
$directory = [IO.Path]::GetDirectoryName($path)
[void][IO.Directory]::CreateDirectory($directory)
$temporary = [IO.Path]::Combine($directory, '.' + [IO.Path]::GetFileName($path) + '.devbox-tmp')
$deadline = [DateTime]::UtcNow.AddMilliseconds($retryMs)
$backup = $null

while ($true) {
  try {
    $exists = [IO.File]::Exists($path)
    $actual = $null
    if ($exists) { $actual = Get-DevboxSha256 ([IO.File]::ReadAllBytes($path)) }
    if ($actual -ne $expected) {
      Write-DevboxAnswer @{ ok = $false; reason = 'changed'; actualSha256 = $actual }
      exit 0
    }
    if ($exists -and $request.backupRoot) {
      $backupRoot = [Environment]::ExpandEnvironmentVariables([string]$request.backupRoot)
      $backup = [IO.Path]::Combine($backupRoot, [IO.Path]::GetFullPath($path).Replace(':', ''))
      if (-not [IO.File]::Exists($backup)) {
        [void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($backup))
        [IO.File]::Copy($path, $backup, $false)
      }
    }
    [IO.File]::WriteAllBytes($temporary, $bytes)
    if ($exists) {
      $attributes = [IO.File]::GetAttributes($path)
      $readOnly = [IO.FileAttributes]::ReadOnly
      if (($attributes -band $readOnly) -ne 0) { [IO.File]::SetAttributes($path, ($attributes -band (-bnot $readOnly))) }
      try {
        [IO.File]::Replace($temporary, $path, $null)
      } finally {
        [IO.File]::SetAttributes($path, $attributes)
      }
    } else {
      [IO.File]::Move($temporary, $path)
    }
    break
  } catch [System.IO.IOException] {
    # A sharing violation: another program has the file open. Try again until the deadline.
    if ([IO.File]::Exists($temporary)) { [IO.File]::Delete($temporary) }
    if ([DateTime]::UtcNow -ge $deadline) {
      Write-DevboxAnswer @{ ok = $false; reason = 'busy'; message = [string]$_.Exception.Message }
      exit 0
    }
    Start-Sleep -Milliseconds 200
  } catch {
    if ([IO.File]::Exists($temporary)) { [IO.File]::Delete($temporary) }
    throw
  }
}

$flushed = $false
if ($request.flushDns -eq $true) {
  Clear-DnsClientCache
  $flushed = $true
}
Write-DevboxAnswer @{ ok = $true; backup = $backup; dnsFlushed = $flushed }
