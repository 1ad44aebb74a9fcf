/**
 * Where real PowerShell 7 is. The project's machines install it as a .NET global tool
 * (`dotnet tool install --global PowerShell --version 7.6.9`, see .ci/run), which puts `pwsh` in
 * ~/.dotnet/tools; $DEVBOX_PWSH overrides, then PATH is searched.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The pwsh executable, or undefined when this machine has none. */
export function findPwsh(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [
    env.DEVBOX_PWSH,
    join(env.HOME ?? homedir(), '.dotnet', 'tools', 'pwsh'),
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((d) => join(d, 'pwsh')),
  ];
  return candidates.find((c): c is string => Boolean(c) && existsSync(c!));
}
