<#
.SYNOPSIS
  probe.ps1's questions about the machine: Windows build and elevation, optional features,
  services, registry keys, processes, network adapters, scheduled tasks. Each reads through the
  primitives of windows.ps1 and shapes the answer devbox expects.
#>

function Get-DevboxRegistryValues($RegKey) {
  $values = @{}
  foreach ($name in $RegKey.GetValueNames()) {
    $kind = [string]$RegKey.GetValueKind($name)
    $data = $RegKey.GetValue($name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    switch ($kind) {
      'String' { $values[$name] = @{ type = 'REG_SZ'; data = [string]$data } }
      'ExpandString' { $values[$name] = @{ type = 'REG_EXPAND_SZ'; data = [string]$data } }
      # RegistryKey gives a REG_DWORD as a signed Int32; devbox reads it unsigned.
      'DWord' { $values[$name] = @{ type = 'REG_DWORD'; data = [uint32]([BitConverter]::ToUInt32([BitConverter]::GetBytes([int32]$data), 0)) } }
      'QWord' { $values[$name] = @{ type = 'REG_QWORD'; data = [int64]$data } }
      'MultiString' { $values[$name] = @{ type = 'REG_MULTI_SZ'; data = [string[]]$data } }
      'Binary' { $values[$name] = @{ type = 'REG_BINARY'; data = [Convert]::ToBase64String([byte[]]$data) } }
      default { $values[$name] = @{ type = $kind; data = $null } }
    }
  }
  return $values
}

function Get-DevboxRegistry($Op) {
  $regKey = Open-DevboxRegistryKey ([string]$Op.key)
  if ($null -eq $regKey) { return @{ registry = @{ exists = $false; values = @{} } } }
  try {
    $result = @{ exists = $true; values = (Get-DevboxRegistryValues $regKey) }
    if ((Test-DevboxProperty $Op 'depth') -and $Op.depth -ge 1) {
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
  if ($null -eq $script:featureStates) { $script:featureStates = Get-DevboxOptionalFeatures }
  if ($script:featureStates.ContainsKey([string]$Op.name)) { return @{ installState = $script:featureStates[[string]$Op.name] } }
  return @{ installState = $null }
}

$script:services = $null
function Get-DevboxService($Op) {
  if ($null -eq $script:services) { $script:services = Get-DevboxServices }
  $match = @($script:services | Where-Object { $_.Name -eq [string]$Op.name }) | Select-Object -First 1
  if ($null -eq $match) { return @{ service = @{ exists = $false; status = $null } } }
  return @{ service = @{ exists = $true; status = [string]$match.Status } }
}

function Get-DevboxOs {
  $current = Open-DevboxRegistryKey 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
  $ubr = 0
  if ($null -ne $current) { try { $ubr = [int]$current.GetValue('UBR', 0) } finally { $current.Close() } }
  $envValues = @{}
  foreach ($name in 'USERPROFILE', 'LOCALAPPDATA', 'ProgramFiles', 'SystemRoot', 'TEMP', 'USERNAME') {
    $value = Get-DevboxEnvironment $name 'Process'
    if ($null -ne $value) { $envValues[$name] = $value }
  }
  return @{ os = @{ build = Get-DevboxOsBuild; ubr = $ubr; elevated = [bool](Test-DevboxElevated); env = $envValues } }
}

# The user's display language (Get-UICulture; GetUserDefaultUILanguage), e.g. zh-CN: devbox speaks it
# when neither --lang, the language setting nor LC_ALL/LC_MESSAGES/LANG say otherwise.
function Get-DevboxUiCulture {
  return @{ uiCulture = [string][System.Globalization.CultureInfo]::CurrentUICulture.Name }
}

function Get-DevboxAdapters {
  $addresses = Get-DevboxIPv4Addresses
  $list = New-Object System.Collections.ArrayList
  foreach ($adapter in (Get-DevboxNetAdapters)) {
    $ipv4 = New-Object System.Collections.ArrayList
    foreach ($address in $addresses) {
      if ($address.InterfaceIndex -eq $adapter.ifIndex) { [void]$ipv4.Add(@{ address = $address.IPAddress; prefixLength = $address.PrefixLength }) }
    }
    [void]$list.Add(@{ name = $adapter.Name; ifIndex = $adapter.ifIndex; status = $adapter.Status; hidden = $adapter.Hidden; ipv4 = $ipv4.ToArray() })
  }
  return @{ adapters = $list.ToArray() }
}

function Get-DevboxDrives {
  $systemRoot = [string](Get-DevboxEnvironment 'SystemRoot')
  $system = ''
  if ($systemRoot.Length -ge 2) { $system = $systemRoot.Substring(0, 2).ToUpperInvariant() }
  $list = New-Object System.Collections.ArrayList
  foreach ($drive in (Get-DevboxFixedDrives)) {
    $letter = ([string]$drive.Name).Substring(0, 2).ToUpperInvariant()
    [void]$list.Add(@{ letter = $letter; label = [string]$drive.Label; freeBytes = [int64]$drive.FreeBytes; totalBytes = [int64]$drive.TotalBytes; system = ($letter -eq $system) })
  }
  return @{ drives = $list.ToArray() }
}

function Get-DevboxTask($Op) {
  $task = Get-DevboxScheduledTask ([string]$Op.folder) ([string]$Op.name)
  if ($null -eq $task) { return @{ task = @{ exists = $false; actions = @(); triggers = @(); runLevel = $null } } }
  # TASK_ACTION_EXEC = 0; TASK_TRIGGER_LOGON = 9, _BOOT = 8, _TIME = 1; TASK_RUNLEVEL_HIGHEST = 1.
  $actions = @($task.Actions | Where-Object { $_.Type -eq 0 } | ForEach-Object { @{ execute = $_.Path; arguments = $_.Arguments } })
  $names = @{ 9 = 'logon'; 8 = 'boot'; 1 = 'time' }
  $triggers = @($task.Triggers | ForEach-Object { if ($names.ContainsKey([int]$_)) { $names[[int]$_] } else { 'other' } })
  $runLevel = 'limited'
  if ($task.RunLevel -eq 1) { $runLevel = 'highest' }
  return @{ task = @{ exists = $true; actions = $actions; triggers = $triggers; runLevel = $runLevel } }
}

function Get-DevboxProcess($Op) {
  return @{ processes = Get-DevboxProcessCount ([string]$Op.name) }
}

$DevboxProbeOps['os'] = 'Get-DevboxOs'
$DevboxProbeOps['feature'] = 'Get-DevboxFeature'
$DevboxProbeOps['service'] = 'Get-DevboxService'
$DevboxProbeOps['registry'] = 'Get-DevboxRegistry'
$DevboxProbeOps['adapters'] = 'Get-DevboxAdapters'
$DevboxProbeOps['drives'] = 'Get-DevboxDrives'
$DevboxProbeOps['task'] = 'Get-DevboxTask'
$DevboxProbeOps['process'] = 'Get-DevboxProcess'
$DevboxProbeOps['uiCulture'] = 'Get-DevboxUiCulture'
