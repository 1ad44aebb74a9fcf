# Stand-ins for Windows' NetAdapter and NetTCPIP cmdlets over the simulated machine, for scripts
# that call them directly (fixed-ip-task.ps1, which runs alone from the user's devbox folder).
# Loaded by module auto-loading: the simulator puts this module on PSModulePath.
. ([IO.Path]::Combine($env:WINSIM_PS, 'windows-sim.ps1'))

function Get-NetAdapter {
  [CmdletBinding()] param([switch]$IncludeHidden)
  foreach ($a in Get-DevboxNetAdapters) {
    if ($IncludeHidden -or -not $a.Hidden) { [pscustomobject]@{ Name = $a.Name; ifIndex = $a.ifIndex; Status = $a.Status; Hidden = $a.Hidden } }
  }
}

function Get-NetIPAddress {
  [CmdletBinding()] param([int]$InterfaceIndex = -1, [string]$AddressFamily = 'IPv4')
  foreach ($a in Get-DevboxIPv4Addresses) {
    if ($InterfaceIndex -lt 0 -or $a.InterfaceIndex -eq $InterfaceIndex) { [pscustomobject]@{ InterfaceIndex = $a.InterfaceIndex; IPAddress = $a.IPAddress; PrefixLength = $a.PrefixLength } }
  }
}

function New-NetIPAddress {
  [CmdletBinding()] param([int]$InterfaceIndex, [string]$IPAddress, [int]$PrefixLength)
  Add-DevboxIPv4Address $InterfaceIndex $IPAddress $PrefixLength
  [pscustomobject]@{ InterfaceIndex = $InterfaceIndex; IPAddress = $IPAddress; PrefixLength = $PrefixLength }
}

Export-ModuleMember -Function Get-NetAdapter, Get-NetIPAddress, New-NetIPAddress
