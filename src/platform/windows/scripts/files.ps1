<#
.SYNOPSIS
  File logic shared by write-file.ps1 and replace-file.ps1: the backup kept once, the atomic swap
  that keeps the target's ACL and attributes, SHA-256. Plain .NET file APIs over paths from
  Resolve-DevboxPath (windows.ps1).
#>

function Get-DevboxSha256([byte[]]$Bytes) {
  $sha = [Security.Cryptography.SHA256]::Create()
  try { return ([BitConverter]::ToString($sha.ComputeHash($Bytes)) -replace '-', '').ToLowerInvariant() } finally { $sha.Dispose() }
}

# The first time a file is replaced its original is copied to <backupRoot>\<drive>\<path>
# (C:\Users\me\.wslconfig -> <backupRoot>\C\Users\me\.wslconfig); later writes never overwrite it.
# Returns the backup's Windows path.
function Save-DevboxBackupOnce($Target, [string]$BackupRoot) {
  $root = [string](Resolve-DevboxPath $BackupRoot).Windows
  $backup = Resolve-DevboxPath ($root.TrimEnd('\') + '\' + $Target.Windows.Replace(':', ''))
  if (-not [IO.File]::Exists($backup.Local)) {
    [void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($backup.Local))
    [IO.File]::Copy($Target.Local, $backup.Local, $false)
  }
  return $backup.Windows
}

# The temporary file beside a target: same folder, so the swap is a rename on one volume.
function Get-DevboxTemporaryPath($Target) {
  return [IO.Path]::Combine([IO.Path]::GetDirectoryName($Target.Local), '.' + [IO.Path]::GetFileName($Target.Local) + '.devbox-tmp')
}

# Puts the temporary file in place of the target in one step: File.Replace keeps the target's ACL.
# A read-only attribute is cleared for the swap and every attribute restored after it.
function Move-DevboxOver([string]$Temporary, $Target) {
  if (-not [IO.File]::Exists($Target.Local)) {
    [IO.File]::Move($Temporary, $Target.Local)
    return
  }
  $attributes = [IO.File]::GetAttributes($Target.Local)
  $readOnly = [IO.FileAttributes]::ReadOnly
  if (($attributes -band $readOnly) -ne 0) { [IO.File]::SetAttributes($Target.Local, ($attributes -band (-bnot $readOnly))) }
  try {
    # [NullString]::Value, not $null: PowerShell passes $null to a string parameter as '', which
    # File.Replace takes for a backup file name and rejects.
    [IO.File]::Replace($Temporary, $Target.Local, [NullString]::Value)
  } finally {
    [IO.File]::SetAttributes($Target.Local, $attributes)
  }
}

function Remove-DevboxTemporary([string]$Temporary) {
  if ([IO.File]::Exists($Temporary)) { [IO.File]::Delete($Temporary) }
}
