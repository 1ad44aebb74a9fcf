#Requires -Version 5.1
<#
.SYNOPSIS
  devbox logon task: puts the fixed host address back on WSL's virtual adapter.

.DESCRIPTION
  devbox copies this file to %LOCALAPPDATA%\devbox\fixed-ip-task.ps1, writes its settings beside it
  as fixed-ip.json ({"distro": "Ubuntu-24.04", "hostAddress": "192.168.50.1", "prefixLength": 24})
  and registers a scheduled task that runs, at each logon and with highest privileges,
    powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -File <that path>
  Windows drops an address added with netsh whenever it recreates the WSL adapter (every restart),
  and the adapter only exists once the WSL 2 VM runs. So this starts the distribution, waits for an
  adapter named "vEthernet (WSL" (or "vEthernet (WSL (Hyper-V firewall))", hidden on Windows 11
  22H2+), and adds the address when it is missing. Settings are read as data from the JSON file.
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$settingsPath = Join-Path $PSScriptRoot 'fixed-ip.json'
$settings = [IO.File]::ReadAllText($settingsPath, (New-Object System.Text.UTF8Encoding($false))) | ConvertFrom-Json
$distro = [string]$settings.distro
if ($distro -notmatch '^[a-zA-Z0-9._-]{1,256}$') { throw "invalid distribution name in $settingsPath" }
$hostAddress = [Net.IPAddress]::Parse([string]$settings.hostAddress).ToString()
$prefixLength = [int]$settings.prefixLength

# Start the VM (and with it the adapter); --exec runs /bin/true directly, no shell.
& wsl.exe -d $distro -u root --cd / --exec /bin/true | Out-Null

$adapter = $null
for ($attempt = 0; $attempt -lt 60 -and $null -eq $adapter; $attempt++) {
  $adapter = Get-NetAdapter -IncludeHidden -ErrorAction SilentlyContinue | Where-Object { $_.Name -like 'vEthernet (WSL*' } | Select-Object -First 1
  if ($null -eq $adapter) { Start-Sleep -Seconds 2 }
}
if ($null -eq $adapter) { throw 'the WSL adapter did not appear within two minutes' }

$present = Get-NetIPAddress -InterfaceIndex $adapter.ifIndex -AddressFamily IPv4 -ErrorAction SilentlyContinue | Where-Object { $_.IPAddress -eq $hostAddress }
if ($null -eq $present) {
  New-NetIPAddress -InterfaceIndex $adapter.ifIndex -IPAddress $hostAddress -PrefixLength $prefixLength | Out-Null
}
