<#
.SYNOPSIS
  Installs devbox (devbox-win-x64.exe) for the current user, verified by sha256. No administrator
  rights needed; runs on Windows PowerShell 5.1 and PowerShell 7.

.DESCRIPTION
  Downloads devbox-win-x64.exe from the release URL (or, with -Mirror, first from a mirror that
  answers from mainland China), accepts it only when its sha256 equals the value pinned below for
  this release, installs it as devbox.exe in %LOCALAPPDATA%\Programs\devbox and adds that folder to
  the user's PATH once. Running it again with the same release changes nothing.

  The released copy of this file is written by `npm run dist`, which fills in $PinnedVersion and
  $PinnedSha256; the copy in the repository has no pin and refuses to install.

.EXAMPLE
  irm https://github.com/devbox-dev/devbox/releases/latest/download/install.ps1 | iex
.EXAMPLE
  & ([scriptblock]::Create((irm https://github.com/devbox-dev/devbox/releases/latest/download/install.ps1))) -Mirror -Proxy http://127.0.0.1:7890
#>
[CmdletBinding(PositionalBinding = $false)]
param(
  # Try the mirror reachable from mainland China before the release URL.
  [switch]$Mirror,
  # HTTP proxy for the downloads, e.g. http://127.0.0.1:7890.
  [string]$Proxy,
  # Where to install (default: %LOCALAPPDATA%\Programs\devbox).
  [string]$InstallDir,
  # Release locations to use instead of the built-in ones, tried in order (an array, or one
  # comma-separated string); the file is <base>/download/v<version>/devbox-win-x64.exe under each.
  [string[]]$BaseUrl
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
# Windows PowerShell 5.1 redraws its progress bar per packet, which makes downloads crawl.
$ProgressPreference = 'SilentlyContinue'

$PinnedVersion = '0.0.0-unreleased'
$PinnedSha256 = ''

$Asset = 'devbox-win-x64.exe'
$ReleaseBases = @(
  'https://github.com/devbox-dev/devbox/releases',
  'https://ghfast.top/https://github.com/devbox-dev/devbox/releases'
)

if ($PinnedSha256 -notmatch '^[0-9a-f]{64}$') {
  throw 'This install.ps1 carries no pinned sha256 (it is the repository copy). Use the install.ps1 published with a release.'
}

# Windows PowerShell 5.1 on .NET Framework may still offer only TLS 1.0/1.1 by default.
if ($PSVersionTable.PSVersion.Major -lt 6) {
  [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
}

function Get-LocalAppData {
  if ($env:LOCALAPPDATA) { return $env:LOCALAPPDATA }
  return [Environment]::GetFolderPath('LocalApplicationData')
}

# The user's PATH as stored (HKCU\Environment), not this process's merged one. DEVBOX_INSTALL_USER_PATH_FILE
# names a file that stands in for that registry value where there is none (tests on Linux, where
# .NET ignores the User target).
function Get-UserPath {
  if ($env:DEVBOX_INSTALL_USER_PATH_FILE) {
    if (Test-Path -LiteralPath $env:DEVBOX_INSTALL_USER_PATH_FILE) {
      return [IO.File]::ReadAllText($env:DEVBOX_INSTALL_USER_PATH_FILE)
    }
    return ''
  }
  # Read as stored: [Environment]::GetEnvironmentVariable would expand %VAR% entries, and writing that
  # back would flatten them for good.
  $key = [Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Environment', $false)
  if ($null -eq $key) { return '' }
  try {
    $value = $key.GetValue('Path', '', [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
  } finally {
    $key.Close()
  }
  if ($null -eq $value) { return '' }
  return [string]$value
}

function Set-UserPath([string]$Value) {
  if ($env:DEVBOX_INSTALL_USER_PATH_FILE) {
    [IO.File]::WriteAllText($env:DEVBOX_INSTALL_USER_PATH_FILE, $Value)
    return
  }
  # REG_EXPAND_SZ, as Windows keeps the user's Path, so %VAR% entries keep working.
  $key = [Microsoft.Win32.Registry]::CurrentUser.CreateSubKey('Environment')
  try {
    $key.SetValue('Path', $Value, [Microsoft.Win32.RegistryValueKind]::ExpandString)
  } finally {
    $key.Close()
  }
  # A user-scope SetEnvironmentVariable broadcasts WM_SETTINGCHANGE, so Explorer and new terminals see
  # the new Path; a throw-away variable carries it without touching Path's kind.
  [Environment]::SetEnvironmentVariable('DEVBOX_INSTALL_REFRESH', '1', 'User')
  [Environment]::SetEnvironmentVariable('DEVBOX_INSTALL_REFRESH', $null, 'User')
}

function Get-Sha256([string]$Path) {
  return (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash.ToLowerInvariant()
}

if (-not $InstallDir) { $InstallDir = Join-Path (Join-Path (Get-LocalAppData) 'Programs') 'devbox' }
$Target = Join-Path $InstallDir 'devbox.exe'

$bases = $ReleaseBases
if ($BaseUrl) { $bases = @($BaseUrl | ForEach-Object { $_ -split ',' } | Where-Object { $_ -ne '' }) }
elseif ($Mirror) { $bases = @($ReleaseBases[1], $ReleaseBases[0]) }
$urls = @($bases | ForEach-Object { '{0}/download/v{1}/{2}' -f $_.TrimEnd('/'), $PinnedVersion, $Asset })

if ((Test-Path -LiteralPath $Target) -and ((Get-Sha256 $Target) -eq $PinnedSha256)) {
  Write-Host "devbox $PinnedVersion is already installed in $InstallDir."
} else {
  $createdDir = -not (Test-Path -LiteralPath $InstallDir)
  if ($createdDir) { New-Item -ItemType Directory -Path $InstallDir | Out-Null }
  $partial = Join-Path $InstallDir ('.devbox-{0}.download' -f [Guid]::NewGuid().ToString('N'))
  $installed = $false
  $problems = @()
  try {
    foreach ($url in $urls) {
      try {
        Write-Host "Downloading $url"
        $request = @{ Uri = $url; OutFile = $partial; UseBasicParsing = $true }
        if ($Proxy) { $request.Proxy = $Proxy }
        Invoke-WebRequest @request
        $actual = Get-Sha256 $partial
        if ($actual -ne $PinnedSha256) {
          throw "sha256 $actual is not the pinned $PinnedSha256"
        }
        Move-Item -LiteralPath $partial -Destination $Target -Force
        $installed = $true
        break
      } catch {
        $problems += "${url}: $($_.Exception.Message)"
        Write-Warning "${url}: $($_.Exception.Message)"
        if (Test-Path -LiteralPath $partial) { Remove-Item -LiteralPath $partial -Force }
      }
    }
  } finally {
    if (Test-Path -LiteralPath $partial) { Remove-Item -LiteralPath $partial -Force }
    if (-not $installed -and $createdDir -and (Test-Path -LiteralPath $InstallDir)) {
      if (@(Get-ChildItem -LiteralPath $InstallDir -Force).Count -eq 0) { Remove-Item -LiteralPath $InstallDir -Force }
    }
  }
  if (-not $installed) {
    throw ("devbox was not installed; every source failed:`n  " + ($problems -join "`n  ") + "`nTry -Mirror, or -Proxy http://HOST:PORT.")
  }
  Write-Host "Installed devbox $PinnedVersion (sha256 $PinnedSha256) to $Target"
}

$userPath = Get-UserPath
$entries = @($userPath -split ';' | Where-Object { $_ -ne '' })
$present = @($entries | Where-Object { $_.TrimEnd('\') -ieq $InstallDir.TrimEnd('\') }).Count -gt 0
if (-not $present) {
  Set-UserPath ((@($entries) + $InstallDir) -join ';')
  Write-Host "Added $InstallDir to your PATH (new terminals see it)."
}
if (@($env:Path -split [IO.Path]::PathSeparator | Where-Object { $_.TrimEnd('\') -ieq $InstallDir.TrimEnd('\') }).Count -eq 0) {
  $env:Path = $env:Path + [IO.Path]::PathSeparator + $InstallDir
}
Write-Host ''
Write-Host 'Next: devbox up'
