#Requires -Version 5.1
<#
.SYNOPSIS
  devbox elevation: starts devbox's elevated helper through one UAC prompt.

.DESCRIPTION
  Run (not elevated) as: powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File elevate.ps1
  Request on stdin (UTF-8 JSON): {"file": "C:\\...\\node.exe", "arguments": ["C:\\...\\run.js", "internal", "elevated-helper", "--pipe", "..."]}
  Start-Process -Verb RunAs (Start-DevboxElevated, windows.ps1) shows the UAC prompt. Its -ArgumentList is one string here, built with
  the quoting rules of CommandLineToArgvW, because Windows PowerShell joins an array without quoting
  arguments that contain spaces. The arguments are devbox's own paths and a random pipe name.
  Answer on stdout:
    {"started": true, "pid": 1234}
    {"started": false, "reason": "cancelled"}          the user declined the prompt (ERROR_CANCELLED, 1223)
    {"started": false, "reason": "failed", "code": N, "message": "..."}
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

. ([IO.Path]::Combine($PSScriptRoot, 'protocol.ps1'))
. ([IO.Path]::Combine($PSScriptRoot, 'windows.ps1'))

function ConvertTo-DevboxArgument([string]$Argument) {
  if ($Argument.Length -eq 0) { return '""' }
  if ($Argument -notmatch '[ \t"]') { return $Argument }
  $builder = New-Object System.Text.StringBuilder
  [void]$builder.Append('"')
  $backslashes = 0
  foreach ($ch in $Argument.ToCharArray()) {
    if ($ch -eq '\') {
      $backslashes++
    } elseif ($ch -eq '"') {
      [void]$builder.Append('\' * ($backslashes * 2 + 1)).Append('"')
      $backslashes = 0
    } else {
      [void]$builder.Append('\' * $backslashes).Append($ch)
      $backslashes = 0
    }
  }
  [void]$builder.Append('\' * ($backslashes * 2)).Append('"')
  return $builder.ToString()
}

$request = Read-DevboxRequest
$argumentLine = (@($request.arguments) | ForEach-Object { ConvertTo-DevboxArgument ([string]$_) }) -join ' '
try {
  $process = Start-DevboxElevated ([string]$request.file) $argumentLine
  $answer = @{ started = $true; pid = $process.Id }
} catch {
  $win32 = $_.Exception
  while ($null -ne $win32 -and -not ($win32 -is [ComponentModel.Win32Exception])) { $win32 = $win32.InnerException }
  if ($null -ne $win32 -and $win32.NativeErrorCode -eq 1223) {
    $answer = @{ started = $false; reason = 'cancelled' }
  } else {
    $code = if ($null -ne $win32) { $win32.NativeErrorCode } else { $null }
    $answer = @{ started = $false; reason = 'failed'; code = $code; message = [string]$_.Exception.Message }
  }
}
Write-DevboxAnswer $answer
