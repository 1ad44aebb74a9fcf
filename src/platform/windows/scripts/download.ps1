#Requires -Version 5.1
<#
.SYNOPSIS
  devbox downloader for Windows-side files (a WSL installer, a distribution image): keeps a file
  only when its SHA-256 matches.

.DESCRIPTION
  Run as: powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File download.ps1
  Request on stdin (UTF-8 JSON): {"url": "https://...", "path": "%LOCALAPPDATA%\\devbox\\downloads\\x.wsl", "sha256": "<64 hex>"}
  The download goes to <path>.devbox-download and is renamed to <path> only after its hash matched;
  a mismatch deletes it. TLS certificates are always verified (Windows' defaults); TLS 1.2 is
  enabled because Windows PowerShell 5.1 may not offer it by default.
  Answer on stdout: {"ok": true} or {"ok": false, "reason": "sha256", "actual": "<hex>"}.
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'

$utf8 = New-Object System.Text.UTF8Encoding($false)
[Console]::InputEncoding = $utf8
[Console]::OutputEncoding = $utf8
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12

$request = [Console]::In.ReadToEnd() | ConvertFrom-Json
$path = [Environment]::ExpandEnvironmentVariables([string]$request.path)
$expected = ([string]$request.sha256).ToLowerInvariant()
if ($expected -notmatch '^[0-9a-f]{64}$') { throw 'sha256 must be 64 hexadecimal characters' }
$uri = [Uri][string]$request.url
if ($uri.Scheme -ne 'https' -and $uri.Scheme -ne 'http') { throw "unsupported URL scheme $($uri.Scheme)" }

[void][IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($path))
$partial = "$path.devbox-download"
Invoke-WebRequest -Uri $uri -OutFile $partial -UseBasicParsing
$actual = (Get-FileHash -LiteralPath $partial -Algorithm SHA256).Hash.ToLowerInvariant()
if ($actual -ne $expected) {
  Remove-Item -LiteralPath $partial -Force
  [Console]::Out.Write((ConvertTo-Json -InputObject @{ ok = $false; reason = 'sha256'; actual = $actual } -Compress))
  exit 0
}
Move-Item -LiteralPath $partial -Destination $path -Force
[Console]::Out.Write((ConvertTo-Json -InputObject @{ ok = $true } -Compress))
