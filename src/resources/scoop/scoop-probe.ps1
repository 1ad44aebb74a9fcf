<#
.SYNOPSIS
  The Scoop part of devbox's host probe (src/platform/windows/scripts/probe.ps1 dot-sources it):
  the `scoop` operation reads Scoop's variables, config.json files and every root Scoop could use.

.DESCRIPTION
  Everything is read from disk and the registry: no scoop command runs (its output is for people,
  and its exit codes are unreliable). Roots and files are Windows paths, read through
  Resolve-DevboxPath (windows.ps1). Operation: {"op": "scoop", "roots": ["D:\\Scoop"], "details": false}.
#>

function Read-DevboxScoopText([string]$LocalPath) {
  if (-not [IO.File]::Exists($LocalPath)) { return $null }
  if ((New-Object IO.FileInfo($LocalPath)).Length -gt $maxFileBytes) { throw "$LocalPath is larger than $maxFileBytes bytes" }
  return [IO.File]::ReadAllText($LocalPath)
}

function Read-DevboxScoopBase64([string]$LocalPath) {
  if (-not [IO.File]::Exists($LocalPath)) { return $null }
  if ((New-Object IO.FileInfo($LocalPath)).Length -gt $maxFileBytes) { throw "$LocalPath is larger than $maxFileBytes bytes" }
  return [Convert]::ToBase64String([IO.File]::ReadAllBytes($LocalPath))
}

# The folder behind a Windows path, or $null for a path that is not absolute.
function Get-DevboxScoopLocal([string]$WindowsPath) {
  try { return (Resolve-DevboxPath $WindowsPath).Local } catch { return $null }
}

function Get-DevboxScopedValue([string]$Name) {
  $value = @{}
  foreach ($scope in 'Process', 'User', 'Machine') {
    $v = Get-DevboxEnvironment $Name $scope
    if (-not [string]::IsNullOrEmpty($v)) { $value[$scope.ToLowerInvariant()] = $v }
  }
  return $value
}

# root_path / global_path from a config.json (PowerShell reads its keys case-insensitively, as Scoop does).
function Get-DevboxConfigPaths($Config) {
  $paths = @()
  if ($null -eq $Config) { return $paths }
  try {
    $json = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($Config)) | ConvertFrom-Json
    foreach ($key in 'root_path', 'global_path') {
      $property = $json.PSObject.Properties | Where-Object { $_.Name -eq $key } | Select-Object -First 1
      if ($null -ne $property -and $property.Value -is [string]) { $paths += [string]$property.Value }
    }
  } catch {
    # An unreadable config.json is reported by devbox from its bytes; it names no root here.
  }
  return $paths
}

function Get-DevboxScoopApp([IO.DirectoryInfo]$AppDir) {
  $app = @{ name = $AppDir.Name; versions = @(); updated = $AppDir.LastWriteTimeUtc.ToString('o') }
  $versions = New-Object System.Collections.ArrayList
  foreach ($versionDir in $AppDir.GetDirectories()) {
    if ($versionDir.Name -eq 'current') { continue }
    $version = @{ name = $versionDir.Name }
    $install = Read-DevboxScoopText ([IO.Path]::Combine($versionDir.FullName, 'install.json'))
    if ($null -ne $install) { $version.install = $install }
    [void]$versions.Add($version)
  }
  $app.versions = $versions.ToArray()
  $current = [IO.Path]::Combine($AppDir.FullName, 'current')
  if ([IO.Directory]::Exists($current)) {
    # `current` is a junction to the version folder (a plain folder with NO_JUNCTION).
    $item = Get-Item -LiteralPath $current -Force
    $entry = @{}
    if ($item.PSObject.Properties.Name -contains 'Target' -and $null -ne $item.Target) {
      $target = @($item.Target)[0]
      if ($target) { $entry.target = [IO.Path]::GetFileName(([string]$target).TrimEnd('\', '/')) }
    }
    $manifest = Read-DevboxScoopText ([IO.Path]::Combine($current, 'manifest.json'))
    if ($null -ne $manifest) { $entry.manifest = $manifest }
    $install = Read-DevboxScoopText ([IO.Path]::Combine($current, 'install.json'))
    if ($null -ne $install) { $entry.install = $install }
    $app.current = $entry
    $app.updated = $item.LastWriteTimeUtc.ToString('o')
  }
  return $app
}

function Get-DevboxScoopBucket([IO.DirectoryInfo]$BucketDir, [bool]$Details) {
  $git = [IO.Path]::Combine($BucketDir.FullName, '.git')
  $bucket = @{ name = $BucketDir.Name; git = [IO.Directory]::Exists($git); updated = $BucketDir.LastWriteTimeUtc.ToString('o') }
  if ($bucket.git) {
    $gitConfig = Read-DevboxScoopText ([IO.Path]::Combine($git, 'config'))
    if ($null -ne $gitConfig) { $bucket.gitConfig = $gitConfig }
    $bucket.updated = (New-Object IO.DirectoryInfo($git)).LastWriteTimeUtc.ToString('o')
  }
  if ($Details) {
    $manifests = [IO.Path]::Combine($BucketDir.FullName, 'bucket')
    if (-not [IO.Directory]::Exists($manifests)) { $manifests = $BucketDir.FullName }
    $bucket.manifests = @([IO.Directory]::GetFileSystemEntries($manifests, '*', [IO.SearchOption]::AllDirectories)).Count
  }
  return $bucket
}

function Get-DevboxScoopRoot([string]$Root, [bool]$Details) {
  $local = Get-DevboxScoopLocal $Root
  $result = @{ path = $Root; exists = ($null -ne $local -and [IO.Directory]::Exists($local)); core = $false; shim = $false; apps = @(); buckets = @() }
  if (-not $result.exists) { return $result }
  $result.core = [IO.File]::Exists([IO.Path]::Combine($local, 'apps', 'scoop', 'current', 'bin', 'scoop.ps1'))
  $result.shim = [IO.File]::Exists([IO.Path]::Combine($local, 'shims', 'scoop.ps1'))
  $portable = Read-DevboxScoopBase64 ([IO.Path]::Combine($local, 'config.json'))
  if ($null -ne $portable) { $result.portableConfig = $portable }
  $appsDir = [IO.Path]::Combine($local, 'apps')
  if ([IO.Directory]::Exists($appsDir)) {
    $result.apps = @((New-Object IO.DirectoryInfo($appsDir)).GetDirectories() | Where-Object { $_.Name -ne 'scoop' } | ForEach-Object { Get-DevboxScoopApp $_ })
  }
  $bucketsDir = [IO.Path]::Combine($local, 'buckets')
  if ([IO.Directory]::Exists($bucketsDir)) {
    $result.buckets = @((New-Object IO.DirectoryInfo($bucketsDir)).GetDirectories() | ForEach-Object { Get-DevboxScoopBucket $_ $Details })
  }
  return $result
}

function Get-DevboxScoop($Op) {
  $userProfile = Get-DevboxKnownFolder 'UserProfile'
  $programData = Get-DevboxKnownFolder 'CommonApplicationData'
  $envs = @{}
  foreach ($name in 'SCOOP', 'SCOOP_GLOBAL', 'SCOOP_CACHE', 'XDG_CONFIG_HOME') { $envs[$name] = Get-DevboxScopedValue $name }
  $configs = New-Object System.Collections.ArrayList
  $configHomes = @()
  foreach ($scope in 'process', 'user') { if ($envs.XDG_CONFIG_HOME.ContainsKey($scope)) { $configHomes += $envs.XDG_CONFIG_HOME[$scope] } }
  $configHomes += $userProfile + '\.config'
  $seen = @{}
  foreach ($configHome in $configHomes) {
    $path = ([string]$configHome).TrimEnd('\') + '\scoop\config.json'
    if ($seen.ContainsKey($path.ToLowerInvariant())) { continue }
    $seen[$path.ToLowerInvariant()] = $true
    $config = @{ path = $path }
    $local = Get-DevboxScoopLocal $path
    if ($null -ne $local) {
      $content = Read-DevboxScoopBase64 $local
      if ($null -ne $content) { $config.content = $content }
    }
    [void]$configs.Add($config)
  }
  $pathValues = @{}
  foreach ($scope in 'User', 'Machine') {
    $v = Get-DevboxEnvironment 'Path' $scope
    if ($null -ne $v) { $pathValues[$scope.ToLowerInvariant()] = $v }
  }
  # The roots to look at: the ones asked for, and every one Scoop itself could end up using.
  $candidates = New-Object System.Collections.ArrayList
  if (Test-DevboxProperty $Op 'roots') { foreach ($root in @($Op.roots)) { if ($root) { [void]$candidates.Add([string]$root) } } }
  foreach ($name in 'SCOOP', 'SCOOP_GLOBAL') { foreach ($v in $envs[$name].Values) { [void]$candidates.Add([string]$v) } }
  foreach ($config in $configs) { if ($config.ContainsKey('content')) { foreach ($p in (Get-DevboxConfigPaths $config.content)) { [void]$candidates.Add($p) } } }
  [void]$candidates.Add($userProfile + '\scoop')
  [void]$candidates.Add($programData + '\scoop')
  foreach ($v in $pathValues.Values) {
    foreach ($dir in ([string]$v).Split(';')) {
      if (-not $dir.Trim()) { continue }
      try { $entry = Resolve-DevboxPath $dir.Trim() } catch { continue }
      $expanded = $entry.Windows.TrimEnd('\')
      if ($expanded.ToLowerInvariant().EndsWith('\shims') -and [IO.File]::Exists([IO.Path]::Combine($entry.Local, 'scoop.ps1'))) {
        [void]$candidates.Add($expanded.Substring(0, $expanded.Length - '\shims'.Length))
      }
    }
  }
  $details = (Test-DevboxProperty $Op 'details') -and $Op.details -eq $true
  $roots = New-Object System.Collections.ArrayList
  $done = @{}
  foreach ($root in $candidates) {
    $key = ([string]$root).TrimEnd('\').ToLowerInvariant()
    if ($done.ContainsKey($key)) { continue }
    $done[$key] = $true
    [void]$roots.Add((Get-DevboxScoopRoot ([string]$root).TrimEnd('\') $details))
  }
  return @{ scoop = @{
      env = $envs
      userProfile = $userProfile
      programData = $programData
      path = $pathValues
      configs = $configs.ToArray()
      roots = $roots.ToArray()
    } }
}

$DevboxProbeOps['scoop'] = 'Get-DevboxScoop'
