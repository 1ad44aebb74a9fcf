<#
.SYNOPSIS
  devbox's script protocol: one JSON request on stdin, one JSON answer on stdout, both UTF-8
  without a byte order mark (Windows PowerShell 5.1 otherwise reads and writes the console's OEM
  code page). Dot-sourced by each script devbox runs.
#>
$utf8 = New-Object System.Text.UTF8Encoding($false)
[Console]::InputEncoding = $utf8
[Console]::OutputEncoding = $utf8

function Read-DevboxRequest {
  return [Console]::In.ReadToEnd() | ConvertFrom-Json
}

function Write-DevboxAnswer($Answer, [int]$Depth = 4) {
  [Console]::Out.Write((ConvertTo-Json -InputObject $Answer -Depth $Depth -Compress))
}

# Whether a request object carries a property (Set-StrictMode makes reading a missing one an error).
function Test-DevboxProperty($Object, [string]$Name) {
  return $null -ne $Object -and ($Object.PSObject.Properties.Name -contains $Name)
}
