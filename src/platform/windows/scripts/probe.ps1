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

  The operations live in parts, each registering its handlers in $DevboxProbeOps: the machine
  (probe-system.ps1), files (probe-files.ps1) and Scoop (resources\scoop\scoop-probe.ps1, with the
  rest of the Scoop area).
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
. ([IO.Path]::Combine($PSScriptRoot, 'protocol.ps1'))
. ([IO.Path]::Combine($PSScriptRoot, 'windows.ps1'))

$maxFileBytes = 1MB
# Operation name -> the function answering it (given the operation's object).
$DevboxProbeOps = @{}
. ([IO.Path]::Combine($PSScriptRoot, 'probe-system.ps1'))
. ([IO.Path]::Combine($PSScriptRoot, 'probe-files.ps1'))
. ([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'resources', 'scoop', 'scoop-probe.ps1'))

$request = Read-DevboxRequest
$results = New-Object System.Collections.ArrayList
foreach ($op in @($request.ops)) {
  try {
    $name = [string]$op.op
    if ($DevboxProbeOps.ContainsKey($name)) {
      $result = & $DevboxProbeOps[$name] $op
    } else {
      $result = @{ error = "unknown operation $name" }
    }
  } catch {
    $result = @{ error = [string]$_.Exception.Message }
  }
  [void]$results.Add($result)
}
Write-DevboxAnswer @{ results = $results.ToArray() } 12
