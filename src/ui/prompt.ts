/**
 * Questions to the user. Never asks when there is no terminal: callers pass what to do instead. The
 * prompt library is loaded only when a question is really asked (it costs ~0.1 s to load).
 */

/** True when both stdin and stdout are terminals, so a question can be answered. */
export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env.CI === undefined;
}

/** Asks a yes/no question (default no). */
export async function askYesNo(message: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  try {
    return await confirm({ message, default: false });
  } catch (error) {
    // Ctrl-C at the prompt: treat as "no" so the caller reports it as not confirmed.
    if ((error as Error).name === 'ExitPromptError') return false;
    throw error;
  }
}
