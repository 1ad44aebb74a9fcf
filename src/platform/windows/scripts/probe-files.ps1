<#
.SYNOPSIS
  probe.ps1's file operations: a file's bytes, its SHA-256, its product version. Paths are Windows
  paths with %VAR% references, resolved by Resolve-DevboxPath; files over $maxFileBytes are refused.
#>

function Read-DevboxBytesLimited([string]$LocalPath, [string]$Shown) {
  if ((New-Object IO.FileInfo($LocalPath)).Length -gt $maxFileBytes) { throw "$Shown is larger than $maxFileBytes bytes" }
  return [IO.File]::ReadAllBytes($LocalPath)
}

function Get-DevboxFile($Op) {
  $path = Resolve-DevboxPath ([string]$Op.path)
  if (-not [IO.File]::Exists($path.Local)) { return @{ file = @{ exists = $false } } }
  return @{ file = @{ exists = $true; content = [Convert]::ToBase64String((Read-DevboxBytesLimited $path.Local $path.Windows)) } }
}

function Get-DevboxFileHash($Op) {
  $path = Resolve-DevboxPath ([string]$Op.path)
  if (-not [IO.File]::Exists($path.Local)) { return @{ hash = $null } }
  return @{ hash = (Get-FileHash -LiteralPath $path.Local -Algorithm SHA256).Hash.ToLowerInvariant() }
}

function Get-DevboxFileVersion($Op) {
  $path = Resolve-DevboxPath ([string]$Op.path)
  if (-not [IO.File]::Exists($path.Local)) { return @{ version = $null } }
  return @{ version = Get-DevboxProductVersion $path.Local }
}

$DevboxProbeOps['file'] = 'Get-DevboxFile'
$DevboxProbeOps['fileHash'] = 'Get-DevboxFileHash'
$DevboxProbeOps['fileVersion'] = 'Get-DevboxFileVersion'
