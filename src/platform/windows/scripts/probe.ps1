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
      default { $result = @{ error = "unknown operation $($op.op)" } }
    }
  } catch {
    $result = @{ error = [string]$_.Exception.Message }
  }
  [void]$results.Add($result)
}
[Console]::Out.Write((ConvertTo-Json -InputObject @{ results = $results.ToArray() } -Depth 10 -Compress))
