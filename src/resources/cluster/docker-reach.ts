/**
 * Is Docker Engine reachable in the distro? The cluster commands (`cluster ps`, `cluster debug kubelet`,
 * doctor's cluster part) ask this first, so a stopped engine is reported as what it is — a missing
 * prerequisite (exit 7) with how to start it — instead of as the failure of whatever ran next.
 */
import { PrerequisiteError } from '../../errors.js';
import { t } from '../../i18n/catalogue.js';
import { stdoutText, type GuestReadOp, type OpResult } from '../../engine/ports/guest.js';

const script = String.raw`
command -v docker >/dev/null 2>&1 || { echo 'exit=127'; echo 'docker: command not found'; exit 0; }
out=$(timeout 20 docker version --format '{{.Server.Version}}' 2>&1); rc=$?
printf 'exit=%s\n%s\n' "$rc" "$out"
`;

/** One read-only operation: `exit=N` then `docker version`'s answer. */
export function dockerReachOp(): GuestReadOp {
  return { op: 'run', argv: ['bash', '-c', script, 'devbox-docker-reach'], readOnly: true };
}

/**
 * How to start the engine, for every message that says it is not running. Iterable rather than an
 * array so the texts are made in the locale of the moment they are spread, not at module load
 * (before the command has chosen its language).
 */
export const startDockerSuggestions: Iterable<string> = {
  *[Symbol.iterator]() {
    yield t('docker.startFix');
    yield t('docker.upFix');
    yield t('docker.hostFix');
  },
};

/** The prerequisite error for an engine that does not answer; `detail` is what docker said. */
export function dockerUnreachableError(detail: string, installed = true): PrerequisiteError {
  return new PrerequisiteError(
    installed ? t('docker.unreachable', { detail: detail.split('\n')[0]!.trim() }) : t('docker.notInstalled'),
    { code: 'cluster.docker.unreachable', suggestions: [...startDockerSuggestions] },
  );
}

/** The error for the reach operation's result, or undefined when the engine answered. */
export function dockerUnreachable(result: OpResult | undefined): PrerequisiteError | undefined {
  const text = result ? stdoutText(result) : '';
  const exit = /^exit=(\d+)/.exec(text)?.[1];
  if (exit === '0') return undefined;
  const detail = text.replace(/^exit=\d+\n?/, '').trim() || result?.error || 'no answer';
  return dockerUnreachableError(detail, exit !== '127');
}
