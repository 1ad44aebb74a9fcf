<#
.SYNOPSIS
  The Windows primitives devbox's scripts stand on: each function is one call into Windows (the
  registry, CIM, services, the Task Scheduler, network adapters, elevation, the DNS client) or one
  Windows-only fact (paths, environment scopes). Everything else in the scripts is logic that runs
  the same anywhere .NET and PowerShell do.

.DESCRIPTION
  Dot-sourced by devbox's scripts. The tests run the same scripts with real PowerShell 7 over
  test/winsim/windows-sim.ps1, which defines these functions over the simulated machine's state:
  keep the two in step (same names, parameters and shapes of what they return).
#>

# A Windows path from a request: %VAR% references expanded (nothing else is interpreted), made
# absolute. Windows is the path to report; Local the one .NET's file APIs take (the same here).
function Resolve-DevboxPath([string]$Path) {
  $expanded = [Environment]::ExpandEnvironmentVariables($Path)
  if (-not [IO.Path]::IsPathRooted($expanded)) { throw "not an absolute path: $expanded" }
  $full = [IO.Path]::GetFullPath($expanded)
  return New-Object PSObject -Property @{ Windows = $full; Local = $full }
}

# An environment variable in one scope: Process, User or Machine ($null when unset).
function Get-DevboxEnvironment([string]$Name, [string]$Scope = 'Process') {
  return [Environment]::GetEnvironmentVariable($Name, $Scope)
}

# A known folder's Windows path: UserProfile or CommonApplicationData.
function Get-DevboxKnownFolder([string]$Name) {
  return [Environment]::GetFolderPath($Name)
}

function Get-DevboxOsBuild { return [Environment]::OSVersion.Version.Build }

function Test-DevboxElevated {
  $principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
  return $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

# A registry key opened read-only in the 64-bit view, or $null when it does not exist. Takes
# HKLM\... or HKCU\...; the result has RegistryKey's GetValueNames, GetValueKind, GetValue,
# GetSubKeyNames, OpenSubKey and Close.
function Open-DevboxRegistryKey([string]$Key) {
  if ($Key -match '^HKLM\\(.+)$') {
    $hive = [Microsoft.Win32.RegistryHive]::LocalMachine
  } elseif ($Key -match '^HKCU\\(.+)$') {
    $hive = [Microsoft.Win32.RegistryHive]::CurrentUser
  } else {
    throw "unsupported registry root in $Key (use HKLM\ or HKCU\)"
  }
  $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey($hive, [Microsoft.Win32.RegistryView]::Registry64)
  return $base.OpenSubKey($Matches[1], $false)
}

# Every optional feature's InstallState by name (Win32_OptionalFeature is readable without
# elevation; dism /Get-FeatureInfo is not). One query, no WQL filter built from a request.
function Get-DevboxOptionalFeatures {
  $states = @{}
  foreach ($feature in (Get-CimInstance -ClassName Win32_OptionalFeature)) { $states[[string]$feature.Name] = [int]$feature.InstallState }
  return $states
}

# Every service as @{ Name; Status }.
function Get-DevboxServices {
  return @([System.ServiceProcess.ServiceController]::GetServices() | ForEach-Object { @{ Name = [string]$_.ServiceName; Status = [string]$_.Status } })
}

# How many processes run an image name (taken literally; Get-Process -Name takes wildcards).
function Get-DevboxProcessCount([string]$Name) {
  return @([Diagnostics.Process]::GetProcessesByName($Name)).Count
}

# A file's ProductVersion ('' when it has none).
function Get-DevboxProductVersion([string]$LocalPath) {
  return [string][Diagnostics.FileVersionInfo]::GetVersionInfo($LocalPath).ProductVersion
}

# Network adapters, hidden ones too (on Windows 11 22H2+ WSL's adapter is hidden), as
# @{ Name; ifIndex; Status; Hidden }.
function Get-DevboxNetAdapters {
  return @(Get-NetAdapter -IncludeHidden -ErrorAction SilentlyContinue | ForEach-Object {
      @{ Name = [string]$_.Name; ifIndex = [int]$_.ifIndex; Status = [string]$_.Status; Hidden = [bool]$_.Hidden }
    })
}

# IPv4 addresses as @{ InterfaceIndex; IPAddress; PrefixLength }.
function Get-DevboxIPv4Addresses {
  return @(Get-NetIPAddress -AddressFamily IPv4 -ErrorAction SilentlyContinue | ForEach-Object {
      @{ InterfaceIndex = [int]$_.InterfaceIndex; IPAddress = [string]$_.IPAddress; PrefixLength = [int]$_.PrefixLength }
    })
}

# Fixed drives that are ready, as @{ Name ('D:\'); Label; FreeBytes; TotalBytes }.
function Get-DevboxFixedDrives {
  return @([IO.DriveInfo]::GetDrives() | Where-Object { $_.DriveType -eq [IO.DriveType]::Fixed -and $_.IsReady } | ForEach-Object {
      @{ Name = [string]$_.Name; Label = [string]$_.VolumeLabel; FreeBytes = [int64]$_.AvailableFreeSpace; TotalBytes = [int64]$_.TotalSize }
    })
}

function Add-DevboxIPv4Address([int]$InterfaceIndex, [string]$Address, [int]$PrefixLength) {
  New-NetIPAddress -InterfaceIndex $InterfaceIndex -IPAddress $Address -PrefixLength $PrefixLength | Out-Null
}

# A scheduled task through the Task Scheduler COM API (it takes folder and task names literally;
# the cmdlets take wildcards), or $null. Actions as @{ Type; Path; Arguments }, triggers as their
# TASK_TRIGGER_TYPE2 numbers, RunLevel as TASK_RUNLEVEL_TYPE.
function Get-DevboxScheduledTask([string]$Folder, [string]$Name) {
  $scheduler = New-Object -ComObject Schedule.Service
  $scheduler.Connect()
  try { $task = $scheduler.GetFolder($Folder).GetTask($Name) } catch { return $null }
  return @{
    Actions = @($task.Definition.Actions | ForEach-Object { @{ Type = [int]$_.Type; Path = [string]$_.Path; Arguments = [string]$_.Arguments } })
    Triggers = @($task.Definition.Triggers | ForEach-Object { [int]$_.Type })
    RunLevel = [int]$task.Definition.Principal.RunLevel
  }
}

# Clears the DNS client's cache (ipconfig /flushdns).
function Clear-DevboxDnsCache { Clear-DnsClientCache }

# Starts a program as administrator through one UAC prompt; returns the process (its Id). A
# declined prompt throws with a Win32Exception (NativeErrorCode 1223) inside. The argument line is
# one string: Windows PowerShell joins an array without quoting arguments that hold spaces.
function Start-DevboxElevated([string]$File, [string]$ArgumentLine) {
  return Start-Process -FilePath $File -ArgumentList $ArgumentLine -Verb RunAs -WindowStyle Hidden -PassThru
}
