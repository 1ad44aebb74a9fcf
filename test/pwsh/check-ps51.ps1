<#
.SYNOPSIS
  Parses PowerShell files with PowerShell's own parser and checks their AST for what Windows
  PowerShell 5.1 (the powershell.exe devbox runs) does not have.

.DESCRIPTION
  Run by real pwsh (PowerShell 7) in the tests:
    pwsh -NoProfile -NonInteractive -File check-ps51.ps1 -Rules rules-ps51.json FILE...
  Answers on stdout with UTF-8 JSON, one entry per file:
    [{"file": "...", "parseErrors": [{"line": 1, "column": 2, "message": "..."}],
      "findings": [{"rule": "ternary", "line": 3, "column": 5, "text": "$a ? 1 : 2"}]}]
  The syntax rules are fixed here (each AST node type 5.1's parser does not know, or a node property
  it does not have); the cmdlets, parameters, variables and .NET members that 5.1 lacks are data in
  rules-ps51.json, each with its source.
#>
param(
  [Parameter(Mandatory = $true)][string]$Rules,
  [Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Files
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false)

$table = [IO.File]::ReadAllText($Rules) | ConvertFrom-Json
$missingCmdlets = @{}
foreach ($c in $table.cmdlets) { $missingCmdlets[$c.name.ToLowerInvariant()] = $c }
$aliases = @{}
foreach ($p in $table.aliases.PSObject.Properties) { $aliases[$p.Name.ToLowerInvariant()] = [string]$p.Value }
$missingParameters = @{}
foreach ($p in $table.parameters) {
  $key = $p.cmdlet.ToLowerInvariant()
  if (-not $missingParameters.ContainsKey($key)) { $missingParameters[$key] = @() }
  $missingParameters[$key] += $p
}
$missingVariables = @{}
foreach ($v in $table.variables) { $missingVariables[$v.name.ToLowerInvariant()] = $v }
$missingMembers = @{}
foreach ($m in $table.members) { $missingMembers[($m.type + '::' + $m.member).ToLowerInvariant()] = $m }

function Get-TypeFullName([System.Management.Automation.Language.TypeExpressionAst]$TypeAst) {
  $name = $TypeAst.TypeName.FullName
  $resolved = $TypeAst.TypeName.GetReflectionType()
  if ($null -ne $resolved) { return $resolved.FullName }
  return $name
}

function Get-Findings([System.Management.Automation.Language.Ast]$Root) {
  $found = New-Object System.Collections.ArrayList
  $add = {
    param($Rule, $Node, $Detail)
    [void]$found.Add([ordered]@{
        rule = $Rule
        line = $Node.Extent.StartLineNumber
        column = $Node.Extent.StartColumnNumber
        text = $Node.Extent.Text
        detail = $Detail
      })
  }
  $nodes = $Root.FindAll({ $true }, $true)
  foreach ($node in $nodes) {
    $type = $node.GetType().Name
    switch ($type) {
      'TernaryExpressionAst' { & $add 'ternary' $node 'the ?: operator is PowerShell 7.0+' }
      'PipelineChainAst' { & $add 'pipeline-chain' $node '&& and || between pipelines are PowerShell 7.0+' }
      'BinaryExpressionAst' {
        $op = [string]$node.Operator
        if ($op -eq 'QuestionQuestion') { & $add 'null-coalescing' $node 'the ?? operator is PowerShell 7.0+' }
        if ($op -in 'Ireplace', 'Creplace', 'Replace' -and $node.Right -is [System.Management.Automation.Language.ArrayLiteralAst]) {
          $elements = $node.Right.Elements
          if ($elements.Count -ge 2 -and $elements[1] -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) {
            & $add 'replace-scriptblock' $node '-replace with a script block substitute is PowerShell 6.1+ (5.1 uses the block''s text)'
          }
        }
      }
      'AssignmentStatementAst' {
        if ([string]$node.Operator -eq 'QuestionQuestionEquals') { & $add 'null-coalescing-assignment' $node 'the ??= operator is PowerShell 7.0+' }
      }
      { $_ -in 'MemberExpressionAst', 'InvokeMemberExpressionAst', 'IndexExpressionAst' } {
        if ($node.PSObject.Properties.Name -contains 'NullConditional' -and $node.NullConditional) {
          & $add 'null-conditional' $node 'the ?. and ?[] operators are PowerShell 7.0+'
        }
        if ($type -ne 'IndexExpressionAst' -and $node.Static -and $node.Expression -is [System.Management.Automation.Language.TypeExpressionAst] -and
          $node.Member -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
          $key = ((Get-TypeFullName $node.Expression) + '::' + $node.Member.Value).ToLowerInvariant()
          if ($missingMembers.ContainsKey($key)) {
            $m = $missingMembers[$key]
            $argCount = 0
            if ($type -eq 'InvokeMemberExpressionAst' -and $null -ne $node.Arguments) { $argCount = @($node.Arguments).Count }
            if ($null -eq $m.PSObject.Properties['arguments'] -or $m.arguments -eq $argCount) {
              & $add 'dotnet-member' $node "$($m.type)::$($m.member) is not in .NET Framework 4.x ($($m.source))"
            }
          }
        }
      }
      'ScriptBlockAst' {
        if ($node.PSObject.Properties.Name -contains 'CleanBlock' -and $null -ne $node.CleanBlock) {
          & $add 'clean-block' $node.CleanBlock 'clean blocks are PowerShell 7.3+'
        }
      }
      'PipelineAst' {
        if ($node.PSObject.Properties.Name -contains 'Background' -and $node.Background) { & $add 'background-operator' $node 'a trailing & (background job) is PowerShell 6.0+' }
      }
      'VariableExpressionAst' {
        $name = $node.VariablePath.UserPath.ToLowerInvariant()
        if ($missingVariables.ContainsKey($name)) { & $add 'variable' $node "`$$($missingVariables[$name].name) is $($missingVariables[$name].since)+ ($($missingVariables[$name].source))" }
      }
      { $_ -in 'StringConstantExpressionAst', 'ExpandableStringExpressionAst' } {
        if ($node.StringConstantType -in 'DoubleQuoted', 'DoubleQuotedHereString' -and $node.Extent.Text -match '`u\{') {
          & $add 'unicode-escape' $node 'the `u{...} escape is PowerShell 6.0+ (5.1 reads it as u)'
        }
      }
      'CommandAst' {
        $commandName = $node.GetCommandName()
        if ($null -eq $commandName) { break }
        $name = $commandName.ToLowerInvariant()
        if ($aliases.ContainsKey($name)) { $name = $aliases[$name].ToLowerInvariant() }
        if ($missingCmdlets.ContainsKey($name)) {
          $c = $missingCmdlets[$name]
          & $add 'cmdlet' $node "$($c.name) is $($c.since)+ ($($c.source))"
        }
        $elements = $node.CommandElements
        for ($i = 0; $i -lt $elements.Count; $i++) {
          $element = $elements[$i]
          if ($element -isnot [System.Management.Automation.Language.CommandParameterAst] -or $element.ParameterName -ne 'Encoding') { continue }
          $value = $element.Argument
          if ($null -eq $value -and $i + 1 -lt $elements.Count) { $value = $elements[$i + 1] }
          if ($value -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $value.Value -in $table.encodings7) {
            & $add 'parameter' $element "-Encoding $($value.Value) is PowerShell 6.0+ ($($table.encodingsSource))"
          }
        }
        if ($missingParameters.ContainsKey($name)) {
          foreach ($element in $node.CommandElements) {
            if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
            $given = $element.ParameterName.ToLowerInvariant()
            foreach ($p in $missingParameters[$name]) {
              $full = $p.parameter.ToLowerInvariant()
              # PowerShell accepts any unambiguous prefix of a parameter name.
              if ($full -eq $given -or ($given.Length -ge 4 -and $full.StartsWith($given))) {
                & $add 'parameter' $element "$($p.cmdlet) -$($p.parameter) is $($p.since)+ ($($p.source))"
              }
            }
          }
        }
      }
    }
  }
  return $found.ToArray()
}

$report = New-Object System.Collections.ArrayList
foreach ($file in $Files) {
  $tokens = $null
  $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
  $parseErrors = @($errors | ForEach-Object { [ordered]@{ line = $_.Extent.StartLineNumber; column = $_.Extent.StartColumnNumber; message = $_.Message } })
  $findings = @(Get-Findings $ast)
  # Windows PowerShell 5.1 reads a .ps1 without a byte order mark in the ANSI code page: any
  # non-ASCII byte then turns into other characters (about_Character_Encoding).
  $bytes = [IO.File]::ReadAllBytes($file)
  $bom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
  if (-not $bom) {
    $index = [Array]::FindIndex($bytes, [Predicate[byte]] { param($b) $b -gt 0x7F })
    if ($index -ge 0) {
      $line = 1
      for ($i = 0; $i -lt $index; $i++) { if ($bytes[$i] -eq 0x0A) { $line++ } }
      $findings += [ordered]@{ rule = 'file-encoding'; line = $line; column = 0; text = ''; detail = 'non-ASCII text in a file without a UTF-8 byte order mark: Windows PowerShell 5.1 reads it as ANSI' }
    }
  }
  [void]$report.Add([ordered]@{ file = $file; parseErrors = $parseErrors; findings = $findings })
}
[Console]::Out.Write((ConvertTo-Json -InputObject $report.ToArray() -Depth 6 -Compress))
