/**
 * Every user-facing word of the task list, live progress, output tails and the run log, in one
 * place so a message catalogue (i18n) can take them over mechanically. Functions take the values
 * they place; they never colour (renderers do).
 */
export const words = {
  noColorFlag: 'Plain text: no colours (also NO_COLOR=1; FORCE_COLOR=1 forces colour).',

  // The task list of `devbox up`.
  stepRunning: (seconds: string) => `running ${seconds}`,
  stepChanged: 'changed',
  stepWouldChange: 'would change',
  stepUnchanged: 'already in desired state',
  stepFailed: 'failed',
  stepBlocked: (why: string) => `not applied (${why})`,
  stepInterrupted: 'not applied (interrupted)',
  stepSkipped: (why: string) => `skipped (${why})`,
  stepReboot: 'changed; completes when Windows restarts',
  stepStarted: 'started',

  // Live progress on the running step's line.
  transfer: (done: string, total: string | undefined, percent: number | undefined) =>
    total === undefined ? done : `${done} / ${total} (${percent ?? 0}%)`,
  eta: (left: string) => `ETA ${left}`,
  aptDownloading: 'apt: downloading',
  aptInstalling: 'apt: installing',

  // The tail of a failing command's output.
  outputTail: (step: string, command: string, shown: number, total: number) =>
    shown < total
      ? `${step}: last ${shown} of ${total} lines of the output of ${command}:`
      : `${step}: output of ${command}:`,

  // The run log.
  logWritten: (path: string) => `The log of this run: ${path}`,
  logUnwritable: (folder: string, why: string) =>
    `Note: devbox cannot write its run log under ${folder} (${why}); carrying on without one.`,
  logHeader: 'devbox run log',
  logArgv: 'command',
  logCwd: 'folder',
  logVersion: 'devbox',
  logPlan: 'plan',
  logStart: 'start',
  logEnd: 'end',
  logDetail: 'detail',
  logExit: 'exit code',
  logError: 'error',
} as const;
