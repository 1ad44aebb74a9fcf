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

$utf8 = New-Object System.Text.UTF8Encoding($false)
[Console]::InputEncoding = $utf8
[Console]::OutputEncoding = $utf8

$request = [Console]::In.ReadToEnd() | ConvertFrom-Json
$path = [Environment]::ExpandEnvironmentVariables([string]$request.path)
$bytes = [Convert]::FromBase64String([string]$request.content)
if (-not [IO.Path]::IsPathRooted($path)) { throw "not an absolute path: $path" }

$directory = [IO.Path]::GetDirectoryName($path)
[void][IO.Directory]::CreateDirectory($directory)

$backup = $null
if ([IO.File]::Exists($path) -and $request.backupRoot) {
  $backupRoot = [Environment]::ExpandEnvironmentVariables([string]$request.backupRoot)
  # C:\Users\me\.wslconfig -> <backupRoot>\C\Users\me\.wslconfig
  $relative = [IO.Path]::GetFullPath($path).Replace(':', '')
  $backup = [IO.Path]::Combine($backupRoot, $relative)
  if (-not [IO.File]::Exists($backup)) {
    [void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($backup))
    [IO.File]::Copy($path, $backup, $false)
  }
}

$temporary = [IO.Path]::Combine($directory, '.' + [IO.Path]::GetFileName($path) + '.devbox-tmp')
[IO.File]::WriteAllBytes($temporary, $bytes)
try {
  if ([IO.File]::Exists($path)) {
    [IO.File]::Replace($temporary, $path, $null)
  } else {
    [IO.File]::Move($temporary, $path)
  }
} catch {
  if ([IO.File]::Exists($temporary)) { [IO.File]::Delete($temporary) }
  throw
}
[Console]::Out.Write((ConvertTo-Json -InputObject @{ ok = $true; backup = $backup } -Compress))
