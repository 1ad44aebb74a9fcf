# Windows PowerShell 5.1 has all of this: none of it may be reported.
$a = if ($true) { 1 } else { 2 }
$b = "abc" -replace "b", "B"
[IO.File]::Move("a", "b")
$h = "{}" | ConvertFrom-Json
$x = $null -eq $a
Get-Content -LiteralPath x -Encoding UTF8
1..3 | ForEach-Object { $_ }
$s = "`t`n"
Set-Content -LiteralPath x -Value y -Encoding ASCII
$s = "中文"
