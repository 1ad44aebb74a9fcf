<#
.SYNOPSIS
  The simulator's Windows primitives: what src/platform/windows/scripts/windows.ps1 asks of Windows,
  answered from the simulated machine. The simulator's powershell.exe runs devbox's real scripts
  with real PowerShell 7 and this file in place of windows.ps1 (test/winsim/powershell.ts).

.DESCRIPTION
  $env:WINSIM_VIEW names a JSON file the simulator wrote from the machine's state just before
  (registry, features, services, tasks, processes, elevation, the fake drives' root). What a script
  changes in Windows itself is written as JSON lines to $env:WINSIM_EFFECTS and applied to the
  machine by the simulator afterwards (a DNS cache flush, a UAC prompt). Files are real files on
  the fake drives: the scripts' own file logic runs on them unchanged.
#>

$script:simView = [IO.File]::ReadAllText($env:WINSIM_VIEW) | ConvertFrom-Json

function Write-SimEffect($Effect) {
  [IO.File]::AppendAllText($env:WINSIM_EFFECTS, (ConvertTo-Json -InputObject $Effect -Compress -Depth 5) + "`n")
}

function Expand-SimVariables([string]$Path) {
  return [regex]::Replace($Path, '%([^%]+)%', {
      param($m)
      $name = $m.Groups[1].Value
      $pair = @($script:simView.env | Where-Object { $_.name -eq $name }) | Select-Object -First 1
      if ($null -ne $pair) { return [string]$pair.value }
      return $m.Value
    })
}

# X:\a\b -> <drives>/x/a/b, each existing entry found whatever its case (NTFS is case-insensitive).
function ConvertTo-SimLocal([string]$WindowsPath) {
  $m = [regex]::Match($WindowsPath.Replace('/', '\'), '^([A-Za-z]):\\(.*)$')
  if (-not $m.Success) { return $null }
  $current = [IO.Path]::Combine([string]$script:simView.driveRoot, $m.Groups[1].Value.ToLowerInvariant())
  foreach ($part in $m.Groups[2].Value.Split('\')) {
    if ($part -eq '' -or $part -eq '.') { continue }
    $name = $part
    if ([IO.Directory]::Exists($current)) {
      $found = [IO.Directory]::GetFileSystemEntries($current) | Where-Object { [IO.Path]::GetFileName($_) -ieq $part } | Select-Object -First 1
      if ($null -ne $found) { $name = [IO.Path]::GetFileName($found) }
    }
    $current = [IO.Path]::Combine($current, $name)
  }
  return $current
}

function Resolve-DevboxPath([string]$Path) {
  $expanded = Expand-SimVariables $Path
  if ($expanded -notmatch '^[A-Za-z]:\\') { throw "not an absolute path: $expanded" }
  # GetFullPath's part: . and .. segments go.
  $parts = New-Object System.Collections.ArrayList
  foreach ($part in $expanded.Substring(3).Split('\')) {
    if ($part -eq '' -or $part -eq '.') { continue }
    if ($part -eq '..') { if ($parts.Count -gt 0) { $parts.RemoveAt($parts.Count - 1) }; continue }
    [void]$parts.Add($part)
  }
  $full = $expanded.Substring(0, 3) + ($parts -join '\')
  return New-Object PSObject -Property @{ Windows = $full; Local = (ConvertTo-SimLocal $full) }
}

function Get-DevboxEnvironment([string]$Name, [string]$Scope = 'Process') {
  if ($Scope -eq 'Process') {
    $pair = @($script:simView.env | Where-Object { $_.name -eq $Name }) | Select-Object -First 1
    if ($null -ne $pair) { return [string]$pair.value }
    return $null
  }
  $key = 'HKCU\Environment'
  if ($Scope -eq 'Machine') { $key = 'HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment' }
  $regKey = Open-DevboxRegistryKey $key
  if ($null -eq $regKey) { return $null }
  $value = $regKey.GetValue($Name, $null, 'None')
  if ($null -eq $value) { return $null }
  return [string]$value
}

function Get-DevboxKnownFolder([string]$Name) {
  switch ($Name) {
    'UserProfile' { return Get-DevboxEnvironment 'USERPROFILE' }
    'CommonApplicationData' { return Get-DevboxEnvironment 'ProgramData' }
    default { throw "winsim: no known folder $Name" }
  }
}

function Get-DevboxOsBuild { return [int]$script:simView.build }
function Test-DevboxElevated { return [bool]$script:simView.elevated }

# A stand-in for Microsoft.Win32.RegistryKey over the simulated registry (values typed as .NET
# gives them: REG_DWORD as a signed Int32, REG_BINARY as bytes, REG_MULTI_SZ as string[]).
class SimRegistryKey {
  [string]$Id
  [object]$Values
  SimRegistryKey([string]$Id, [object]$Values) { $this.Id = $Id; $this.Values = $Values }
  [object] Find([string]$Name) {
    return $this.Values.PSObject.Properties | Where-Object { $_.Name -eq $Name } | Select-Object -First 1
  }
  [string[]] GetValueNames() { return @($this.Values.PSObject.Properties | ForEach-Object { $_.Name }) }
  [Microsoft.Win32.RegistryValueKind] GetValueKind([string]$Name) {
    $kinds = @{ REG_SZ = 'String'; REG_EXPAND_SZ = 'ExpandString'; REG_DWORD = 'DWord'; REG_QWORD = 'QWord'; REG_MULTI_SZ = 'MultiString'; REG_BINARY = 'Binary' }
    return [Microsoft.Win32.RegistryValueKind]$kinds[[string]$this.Find($Name).Value.type]
  }
  [object] GetValue([string]$Name) { return $this.GetValue($Name, $null, 'None') }
  [object] GetValue([string]$Name, [object]$Default) { return $this.GetValue($Name, $Default, 'None') }
  [object] GetValue([string]$Name, [object]$Default, [Microsoft.Win32.RegistryValueOptions]$Options) {
    $found = $this.Find($Name)
    if ($null -eq $found) { return $Default }
    $value = $found.Value
    switch ([string]$value.type) {
      'REG_DWORD' { $n = [uint32][double]$value.data; return [BitConverter]::ToInt32([BitConverter]::GetBytes($n), 0) }
      'REG_QWORD' { return [int64][double]$value.data }
      'REG_MULTI_SZ' { return [string[]]@($value.data) }
      'REG_BINARY' {
        $hex = ([string]$value.data) -replace '[^0-9a-fA-F]', ''
        $bytes = New-Object byte[] ($hex.Length / 2)
        for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($hex.Substring($i * 2, 2), 16) }
        return , $bytes
      }
      default { return [string]$value.data }
    }
    return $null
  }
  [string[]] GetSubKeyNames() {
    $prefix = $this.Id + '\'
    return @($script:simView.registry.PSObject.Properties | Where-Object { $_.Name.StartsWith($prefix) -and -not $_.Name.Substring($prefix.Length).Contains('\') } |
        ForEach-Object { ([string]$_.Value.path).Split('\')[-1] })
  }
  [object] OpenSubKey([string]$Name, [bool]$Writable) { return Open-SimRegistryKey ($this.Id + '\' + $Name.ToLowerInvariant()) }
  [void] Close() {}
}

function Open-SimRegistryKey([string]$Id) {
  $property = $script:simView.registry.PSObject.Properties | Where-Object { $_.Name -eq $Id } | Select-Object -First 1
  if ($null -eq $property) { return $null }
  return [SimRegistryKey]::new($Id, $property.Value.values)
}

function Open-DevboxRegistryKey([string]$Key) {
  if ($Key -match '^HKLM\\(.+)$') { $root = 'hkey_local_machine' } elseif ($Key -match '^HKCU\\(.+)$') { $root = 'hkey_current_user' } else {
    throw "unsupported registry root in $Key (use HKLM\ or HKCU\)"
  }
  return Open-SimRegistryKey ($root + '\' + $Matches[1].TrimEnd('\').ToLowerInvariant())
}

function Get-DevboxOptionalFeatures {
  $states = @{}
  foreach ($p in $script:simView.features.PSObject.Properties) { $states[$p.Name] = [int]$p.Value }
  return $states
}

function Get-DevboxServices { return @($script:simView.services | ForEach-Object { @{ Name = [string]$_.Name; Status = [string]$_.Status } }) }

function Get-DevboxProcessCount([string]$Name) {
  $property = $script:simView.processes.PSObject.Properties | Where-Object { $_.Name -eq $Name } | Select-Object -First 1
  if ($null -eq $property) { return 0 }
  return [int]$property.Value
}

function Get-DevboxProductVersion([string]$LocalPath) {
  $property = $script:simView.productVersions.PSObject.Properties | Where-Object { $_.Name -eq $LocalPath } | Select-Object -First 1
  if ($null -eq $property) { return '' }
  return [string]$property.Value
}

# Adapters and addresses are read live from the machine: fixed-ip-task.ps1 waits for WSL's adapter
# to appear after it started the VM.
# -AsHashtable: the state's Linux environments may hold names that differ only in case.
function Get-SimState { return [IO.File]::ReadAllText([IO.Path]::Combine($env:WINSIM_DIR, 'state.json')) | ConvertFrom-Json -AsHashtable }

function Get-DevboxNetAdapters {
  return @((Get-SimState).adapters | ForEach-Object { @{ Name = [string]$_.name; ifIndex = [int]$_.ifIndex; Status = [string]$_.status; Hidden = [bool]$_.hidden } })
}

function Get-DevboxIPv4Addresses {
  return @((Get-SimState).adapters | ForEach-Object {
      $index = [int]$_.ifIndex
      $_.ipv4 | ForEach-Object { @{ InterfaceIndex = $index; IPAddress = [string]$_.address; PrefixLength = [int]$_.prefixLength } }
    })
}

# The fake drives are the one-letter folders of the drives' root; their space is that of the file
# system holding them. Labels: none (a fresh volume's).
function Get-DevboxFixedDrives {
  $root = [string]$script:simView.driveRoot
  return @([IO.Directory]::GetDirectories($root) | Where-Object { [IO.Path]::GetFileName($_) -match '^[a-z]$' } | Sort-Object | ForEach-Object {
      $info = New-Object IO.DriveInfo($_)
      @{ Name = ([IO.Path]::GetFileName($_).ToUpperInvariant() + ':\'); Label = ''; FreeBytes = [int64]$info.AvailableFreeSpace; TotalBytes = [int64]$info.TotalSize }
    })
}

function Add-DevboxIPv4Address([int]$InterfaceIndex, [string]$Address, [int]$PrefixLength) {
  if (-not $script:simView.elevated) { throw 'Access is denied.' }
  Write-SimEffect @{ addAddress = @{ ifIndex = $InterfaceIndex; address = $Address; prefixLength = $PrefixLength } }
}

function Get-DevboxScheduledTask([string]$Folder, [string]$Name) {
  $id = ($Folder.TrimEnd('\') + '\' + $Name).ToLowerInvariant()
  $property = $script:simView.tasks.PSObject.Properties | Where-Object { $_.Name -eq $id } | Select-Object -First 1
  if ($null -eq $property) { return $null }
  $t = $property.Value
  return @{ Actions = @($t.Actions | ForEach-Object { @{ Type = [int]$_.Type; Path = [string]$_.Path; Arguments = [string]$_.Arguments } }); Triggers = @($t.Triggers); RunLevel = [int]$t.RunLevel }
}

function Clear-DevboxDnsCache { Write-SimEffect @{ dnsFlush = $true } }

# UAC: the machine's policy answers the prompt. An accepted one starts the program for real, with
# the user's environment (not its parent's) and the argument line split by .NET's own parser of
# Windows command lines, its output going to the machine's log.
function Start-DevboxElevated([string]$File, [string]$ArgumentLine) {
  Write-SimEffect @{ uacPrompt = $true }
  if ($script:simView.uac -ne 'accept') {
    $inner = New-Object ComponentModel.Win32Exception(1223)
    throw (New-Object InvalidOperationException("This command cannot be run due to the error: $($inner.Message)", $inner))
  }
  $log = [string]$script:simView.elevatedLog
  $info = New-Object Diagnostics.ProcessStartInfo('/bin/sh', ('-c "exec \"$0\" \"$@\" >>\"$WINSIM_LOG\" 2>&1 </dev/null" "' + $File + '" ' + $ArgumentLine))
  $info.UseShellExecute = $false
  $info.Environment.Clear()
  foreach ($pair in $script:simView.hostEnv) { $info.Environment[[string]$pair.name] = [string]$pair.value }
  $info.Environment['WINSIM_ELEVATED'] = '1'
  $info.Environment['WINSIM_LOG'] = $log
  return [Diagnostics.Process]::Start($info)
}
