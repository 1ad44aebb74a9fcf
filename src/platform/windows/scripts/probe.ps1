#Requires -Version 5.1
<#
.SYNOPSIS
  devbox host probe: answers a batch of read-only questions about Windows in one process.

.DESCRIPTION
  devbox runs this file as
    powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File probe.ps1
  and writes the request to stdin as UTF-8 JSON:
    {"ops":[{"op":"os"},{"op":"registry","key":"HKCU\\Software\\...","depth":1}, ...]}
  It answers on stdout with UTF-8 JSON {"results":[...]}, one result per operation, in order.
  Every value in the request is data: paths, names and keys are used through .NET APIs that take
  them literally (no wildcards, no evaluation). One failing operation yields {"error": "..."} in its
  place; the others still run. Nothing here changes the machine and nothing needs elevation.
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$utf8 = New-Object System.Text.UTF8Encoding($false)
[Console]::InputEncoding = $utf8
[Console]::OutputEncoding = $utf8

$maxFileBytes = 1MB

function Expand-DevboxPath([string]$Path) {
  # %VAR% references only; nothing else in the path is interpreted.
  return [Environment]::ExpandEnvironmentVariables($Path)
}

function Open-DevboxRegistryKey([string]$Key) {
  if ($Key -match '^HKLM\\(.+)$') {
    $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)
  } elseif ($Key -match '^HKCU\\(.+)$') {
    $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::CurrentUser, [Microsoft.Win32.RegistryView]::Registry64)
  } else {
    throw "unsupported registry root in $Key (use HKLM\ or HKCU\)"
  }
  return $base.OpenSubKey($Matches[1], $false)
}

function Get-DevboxRegistryValues($RegKey) {
  $values = @{}
  foreach ($name in $RegKey.GetValueNames()) {
    $kind = $RegKey.GetValueKind($name)
    $data = $RegKey.GetValue($name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    switch ($kind) {
      'String' { $values[$name] = @{ type = 'REG_SZ'; data = [string]$data } }
      'ExpandString' { $values[$name] = @{ type = 'REG_EXPAND_SZ'; data = [string]$data } }
      'DWord' { $values[$name] = @{ type = 'REG_DWORD'; data = [uint32]([BitConverter]::ToUInt32([BitConverter]::GetBytes([int32]$data), 0)) } }
      'QWord' { $values[$name] = @{ type = 'REG_QWORD'; data = [int64]$data } }
      'MultiString' { $values[$name] = @{ type = 'REG_MULTI_SZ'; data = [string[]]$data } }
      'Binary' { $values[$name] = @{ type = 'REG_BINARY'; data = [Convert]::ToBase64String([byte[]]$data) } }
      default { $values[$name] = @{ type = [string]$kind; data = $null } }
    }
  }
  return $values
}

function Get-DevboxRegistry($Op) {
  $regKey = Open-DevboxRegistryKey $Op.key
  if ($null -eq $regKey) { return @{ registry = @{ exists = $false; values = @{} } } }
  try {
    $result = @{ exists = $true; values = (Get-DevboxRegistryValues $regKey) }
    if (($Op.PSObject.Properties.Name -contains 'depth') -and $Op.depth -ge 1) {
      $subkeys = @{}
      foreach ($subName in $regKey.GetSubKeyNames()) {
        $sub = $regKey.OpenSubKey($subName, $false)
        if ($null -ne $sub) {
          try { $subkeys[$subName] = @{ values = (Get-DevboxRegistryValues $sub) } } finally { $sub.Close() }
        }
      }
      $result.subkeys = $subkeys
    }
    return @{ registry = $result }
  } finally {
    $regKey.Close()
  }
}

$script:featureStates = $null
function Get-DevboxFeature($Op) {
  # Win32_OptionalFeature is readable without elevation (dism /Get-FeatureInfo is not). One query for
  # all features, matched by exact name: no WQL filter is built from the request.
  if ($null -eq $script:featureStates) {
    $script:featureStates = @{}
    foreach ($feature in (Get-CimInstance -ClassName Win32_OptionalFeature)) {
      $script:featureStates[[string]$feature.Name] = [int]$feature.InstallState
    }
  }
  if ($script:featureStates.ContainsKey([string]$Op.name)) { return @{ installState = $script:featureStates[[string]$Op.name] } }
  return @{ installState = $null }
}

$script:services = $null
function Get-DevboxService($Op) {
  if ($null -eq $script:services) { $script:services = [System.ServiceProcess.ServiceController]::GetServices() }
  $match = $script:services | Where-Object { $_.ServiceName -eq [string]$Op.name } | Select-Object -First 1
  if ($null -eq $match) { return @{ service = @{ exists = $false; status = $null } } }
  return @{ service = @{ exists = $true; status = [string]$match.Status } }
}

function Get-DevboxOs {
  $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
  $principal = New-Object Security.Principal.WindowsPrincipal($identity)
  $current = Open-DevboxRegistryKey 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
  $ubr = 0
  if ($null -ne $current) { try { $ubr = [int]$current.GetValue('UBR', 0) } finally { $current.Close() } }
  $envNames = 'USERPROFILE', 'LOCALAPPDATA', 'ProgramFiles', 'SystemRoot', 'TEMP', 'USERNAME'
  $envValues = @{}
  foreach ($name in $envNames) {
    $value = [Environment]::GetEnvironmentVariable($name)
    if ($null -ne $value) { $envValues[$name] = $value }
  }
  return @{ os = @{
      build = [Environment]::OSVersion.Version.Build
      ubr = $ubr
      elevated = $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
      env = $envValues
    } }
}

function Get-DevboxFile($Op) {
  $path = Expand-DevboxPath $Op.path
  if (-not [IO.File]::Exists($path)) { return @{ file = @{ exists = $false } } }
  $info = New-Object IO.FileInfo($path)
  if ($info.Length -gt $maxFileBytes) { throw "$path is larger than $maxFileBytes bytes" }
  return @{ file = @{ exists = $true; content = [Convert]::ToBase64String([IO.File]::ReadAllBytes($path)) } }
}

function Get-DevboxFileHash($Op) {
  $path = Expand-DevboxPath $Op.path
  if (-not [IO.File]::Exists($path)) { return @{ hash = $null } }
  return @{ hash = (Get-FileHash -LiteralPath $path -Algorithm SHA256).Hash.ToLowerInvariant() }
}

function Get-DevboxFileVersion($Op) {
  $path = Expand-DevboxPath $Op.path
  if (-not [IO.File]::Exists($path)) { return @{ version = $null } }
  return @{ version = [string][Diagnostics.FileVersionInfo]::GetVersionInfo($path).ProductVersion }
}

function Get-DevboxAdapters {
  # -IncludeHidden: on Windows 11 22H2+ the WSL adapter is hidden from the default listing.
  $addresses = @(Get-NetIPAddress -AddressFamily IPv4 -ErrorAction SilentlyContinue)
  $list = New-Object System.Collections.ArrayList
  foreach ($adapter in @(Get-NetAdapter -IncludeHidden -ErrorAction SilentlyContinue)) {
    $ipv4 = New-Object System.Collections.ArrayList
    foreach ($address in $addresses) {
      if ($address.InterfaceIndex -eq $adapter.ifIndex) {
        [void]$ipv4.Add(@{ address = [string]$address.IPAddress; prefixLength = [int]$address.PrefixLength })
      }
    }
    [void]$list.Add(@{
        name = [string]$adapter.Name
        ifIndex = [int]$adapter.ifIndex
        status = [string]$adapter.Status
        hidden = [bool]$adapter.Hidden
        ipv4 = $ipv4.ToArray()
      })
  }
  return @{ adapters = $list.ToArray() }
}

function Get-DevboxTask($Op) {
  # The Task Scheduler COM API takes folder and task names literally (the cmdlets take wildcards).
  $scheduler = New-Object -ComObject Schedule.Service
  $scheduler.Connect()
  $none = @{ task = @{ exists = $false; actions = @(); triggers = @(); runLevel = $null } }
  try { $folder = $scheduler.GetFolder([string]$Op.folder) } catch { return $none }
  try { $task = $folder.GetTask([string]$Op.name) } catch { return $none }
  $actions = New-Object System.Collections.ArrayList
  foreach ($action in $task.Definition.Actions) {
    if ($action.Type -eq 0) { [void]$actions.Add(@{ execute = [string]$action.Path; arguments = [string]$action.Arguments }) }
  }
  $triggers = New-Object System.Collections.ArrayList
  foreach ($trigger in $task.Definition.Triggers) {
    switch ([int]$trigger.Type) {
      9 { [void]$triggers.Add('logon') }
      8 { [void]$triggers.Add('boot') }
      1 { [void]$triggers.Add('time') }
      default { [void]$triggers.Add('other') }
    }
  }
  $runLevel = if ($task.Definition.Principal.RunLevel -eq 1) { 'highest' } else { 'limited' }
  return @{ task = @{ exists = $true; actions = $actions.ToArray(); triggers = $triggers.ToArray(); runLevel = $runLevel } }
}

function Get-DevboxScopedValue([string]$Name) {
  $value = @{}
  foreach ($scope in 'Process', 'User', 'Machine') {
    $v = [Environment]::GetEnvironmentVariable($Name, $scope)
    if (-not [string]::IsNullOrEmpty($v)) { $value[$scope.ToLowerInvariant()] = $v }
  }
  return $value
}

function Read-DevboxText([string]$Path) {
  if (-not [IO.File]::Exists($Path)) { return $null }
  if ((New-Object IO.FileInfo($Path)).Length -gt $maxFileBytes) { throw "$Path is larger than $maxFileBytes bytes" }
  return [IO.File]::ReadAllText($Path)
}

function Read-DevboxBase64([string]$Path) {
  if (-not [IO.File]::Exists($Path)) { return $null }
  if ((New-Object IO.FileInfo($Path)).Length -gt $maxFileBytes) { throw "$Path is larger than $maxFileBytes bytes" }
  return [Convert]::ToBase64String([IO.File]::ReadAllBytes($Path))
}

function Get-DevboxConfigPaths($Config) {
  # root_path / global_path from a config.json (PowerShell reads its keys case-insensitively, as Scoop does).
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

function Get-DevboxScoopRoot([string]$Root, [bool]$Details) {
  $result = @{ path = $Root; exists = [IO.Directory]::Exists($Root); core = $false; shim = $false; apps = @(); buckets = @() }
  if (-not $result.exists) { return $result }
  $result.core = [IO.File]::Exists([IO.Path]::Combine($Root, 'apps\scoop\current\bin\scoop.ps1'))
  $result.shim = [IO.File]::Exists([IO.Path]::Combine($Root, 'shims\scoop.ps1'))
  $portable = Read-DevboxBase64 ([IO.Path]::Combine($Root, 'config.json'))
  if ($null -ne $portable) { $result.portableConfig = $portable }
  $apps = New-Object System.Collections.ArrayList
  $appsDir = [IO.Path]::Combine($Root, 'apps')
  if ([IO.Directory]::Exists($appsDir)) {
    foreach ($appDir in (New-Object IO.DirectoryInfo($appsDir)).GetDirectories()) {
      if ($appDir.Name -eq 'scoop') { continue }
      $app = @{ name = $appDir.Name; versions = @(); updated = $appDir.LastWriteTimeUtc.ToString('o') }
      $versions = New-Object System.Collections.ArrayList
      foreach ($versionDir in $appDir.GetDirectories()) {
        if ($versionDir.Name -eq 'current') { continue }
        $version = @{ name = $versionDir.Name }
        $install = Read-DevboxText ([IO.Path]::Combine($versionDir.FullName, 'install.json'))
        if ($null -ne $install) { $version.install = $install }
        [void]$versions.Add($version)
      }
      $app.versions = $versions.ToArray()
      $current = [IO.Path]::Combine($appDir.FullName, 'current')
      if ([IO.Directory]::Exists($current)) {
        $item = Get-Item -LiteralPath $current -Force
        $entry = @{}
        if ($item.PSObject.Properties.Name -contains 'Target' -and $null -ne $item.Target) {
          $target = @($item.Target)[0]
          if ($target) { $entry.target = [IO.Path]::GetFileName(([string]$target).TrimEnd('\')) }
        }
        $manifest = Read-DevboxText ([IO.Path]::Combine($current, 'manifest.json'))
        if ($null -ne $manifest) { $entry.manifest = $manifest }
        $install = Read-DevboxText ([IO.Path]::Combine($current, 'install.json'))
        if ($null -ne $install) { $entry.install = $install }
        $app.current = $entry
        $app.updated = $item.LastWriteTimeUtc.ToString('o')
      }
      [void]$apps.Add($app)
    }
  }
  $result.apps = $apps.ToArray()
  $buckets = New-Object System.Collections.ArrayList
  $bucketsDir = [IO.Path]::Combine($Root, 'buckets')
  if ([IO.Directory]::Exists($bucketsDir)) {
    foreach ($bucketDir in (New-Object IO.DirectoryInfo($bucketsDir)).GetDirectories()) {
      $git = [IO.Path]::Combine($bucketDir.FullName, '.git')
      $bucket = @{ name = $bucketDir.Name; git = [IO.Directory]::Exists($git); updated = $bucketDir.LastWriteTimeUtc.ToString('o') }
      if ($bucket.git) {
        $gitConfig = Read-DevboxText ([IO.Path]::Combine($git, 'config'))
        if ($null -ne $gitConfig) { $bucket.gitConfig = $gitConfig }
        $bucket.updated = (New-Object IO.DirectoryInfo($git)).LastWriteTimeUtc.ToString('o')
      }
      if ($Details) {
        $manifests = [IO.Path]::Combine($bucketDir.FullName, 'bucket')
        if (-not [IO.Directory]::Exists($manifests)) { $manifests = $bucketDir.FullName }
        $bucket.manifests = @([IO.Directory]::GetFileSystemEntries($manifests, '*', [IO.SearchOption]::AllDirectories)).Count
      }
      [void]$buckets.Add($bucket)
    }
  }
  $result.buckets = $buckets.ToArray()
  return $result
}

function Get-DevboxScoop($Op) {
  # Everything is read from disk and the registry: no scoop command runs (its output is for people,
  # and its exit codes are unreliable).
  $userProfile = [Environment]::GetFolderPath('UserProfile')
  $programData = [Environment]::GetFolderPath('CommonApplicationData')
  $envs = @{}
  foreach ($name in 'SCOOP', 'SCOOP_GLOBAL', 'SCOOP_CACHE', 'XDG_CONFIG_HOME') { $envs[$name] = Get-DevboxScopedValue $name }
  $configs = New-Object System.Collections.ArrayList
  $configHomes = @()
  foreach ($scope in 'process', 'user') { if ($envs.XDG_CONFIG_HOME.ContainsKey($scope)) { $configHomes += $envs.XDG_CONFIG_HOME[$scope] } }
  $configHomes += [IO.Path]::Combine($userProfile, '.config')
  $seen = @{}
  foreach ($configHome in $configHomes) {
    $path = [IO.Path]::Combine($configHome, 'scoop\config.json')
    if ($seen.ContainsKey($path.ToLowerInvariant())) { continue }
    $seen[$path.ToLowerInvariant()] = $true
    $config = @{ path = $path }
    $content = Read-DevboxBase64 $path
    if ($null -ne $content) { $config.content = $content }
    [void]$configs.Add($config)
  }
  $pathValues = @{}
  foreach ($scope in 'User', 'Machine') {
    $v = [Environment]::GetEnvironmentVariable('Path', $scope)
    if ($null -ne $v) { $pathValues[$scope.ToLowerInvariant()] = $v }
  }
  # The roots to look at: the ones asked for, and every one Scoop itself could end up using.
  $candidates = New-Object System.Collections.ArrayList
  foreach ($root in @($Op.roots)) { if ($root) { [void]$candidates.Add([string]$root) } }
  foreach ($name in 'SCOOP', 'SCOOP_GLOBAL') { foreach ($v in $envs[$name].Values) { [void]$candidates.Add([string]$v) } }
  foreach ($config in $configs) { if ($config.ContainsKey('content')) { foreach ($p in (Get-DevboxConfigPaths $config.content)) { [void]$candidates.Add($p) } } }
  [void]$candidates.Add([IO.Path]::Combine($userProfile, 'scoop'))
  [void]$candidates.Add([IO.Path]::Combine($programData, 'scoop'))
  foreach ($v in $pathValues.Values) {
    foreach ($dir in ([string]$v).Split(';')) {
      $expanded = [Environment]::ExpandEnvironmentVariables($dir.Trim()).TrimEnd('\')
      if ($expanded -and $expanded.ToLowerInvariant().EndsWith('\shims') -and [IO.File]::Exists([IO.Path]::Combine($expanded, 'scoop.ps1'))) {
        [void]$candidates.Add([IO.Path]::GetDirectoryName($expanded))
      }
    }
  }
  $details = ($Op.PSObject.Properties.Name -contains 'details') -and $Op.details -eq $true
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

function Get-DevboxProcess($Op) {
  # GetProcessesByName takes the image name literally (Get-Process -Name takes wildcards).
  return @{ processes = @([Diagnostics.Process]::GetProcessesByName([string]$Op.name)).Count }
}

$request = [Console]::In.ReadToEnd() | ConvertFrom-Json
$results = New-Object System.Collections.ArrayList
foreach ($op in @($request.ops)) {
  try {
    switch ([string]$op.op) {
      'os' { $result = Get-DevboxOs }
      'feature' { $result = Get-DevboxFeature $op }
      'service' { $result = Get-DevboxService $op }
      'registry' { $result = Get-DevboxRegistry $op }
      'file' { $result = Get-DevboxFile $op }
      'fileHash' { $result = Get-DevboxFileHash $op }
      'fileVersion' { $result = Get-DevboxFileVersion $op }
      'adapters' { $result = Get-DevboxAdapters }
      'task' { $result = Get-DevboxTask $op }
      'process' { $result = Get-DevboxProcess $op }
      'scoop' { $result = Get-DevboxScoop $op }
      default { $result = @{ error = "unknown operation $($op.op)" } }
    }
  } catch {
    $result = @{ error = [string]$_.Exception.Message }
  }
  [void]$results.Add($result)
}
[Console]::Out.Write((ConvertTo-Json -InputObject @{ results = $results.ToArray() } -Depth 12 -Compress))
