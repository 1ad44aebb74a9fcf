/** The table of devbox's commands, shared by the standalone executable and shell completion. */
import type { Command } from '@oclif/core';

export type Loader = () => Promise<{ default: Command.Class }>;

/**
 * Every command, by id, loaded on demand: the executable's bundle evaluates only the modules of the
 * command that runs (and nothing for --version and --help); `devbox completion` loads them all to
 * read their flags. Must match dist/commands (test/dist checks it against oclif.manifest.json).
 */
export const commandLoaders: Record<string, Loader> = {
  backup: () => import('../commands/backup.js'),
  'backup verify': () => import('../commands/backup/verify.js'),
  'cluster debug kubelet': () => import('../commands/cluster/debug/kubelet.js'),
  'cluster ps': () => import('../commands/cluster/ps.js'),
  completion: () => import('../commands/completion.js'),
  'config get': () => import('../commands/config/get.js'),
  'config list': () => import('../commands/config/list.js'),
  'config set': () => import('../commands/config/set.js'),
  'config unset': () => import('../commands/config/unset.js'),
  doctor: () => import('../commands/doctor.js'),
  init: () => import('../commands/init.js'),
  'internal elevated-helper': () => import('../commands/internal/elevated-helper.js'),
  'manifest schema': () => import('../commands/manifest/schema.js'),
  'manifest show': () => import('../commands/manifest/show.js'),
  'manifest validate': () => import('../commands/manifest/validate.js'),
  'net fetch': () => import('../commands/net/fetch.js'),
  'net rank': () => import('../commands/net/rank.js'),
  'net resolve': () => import('../commands/net/resolve.js'),
  plan: () => import('../commands/plan.js'),
  restore: () => import('../commands/restore.js'),
  'self-update': () => import('../commands/self-update.js'),
  status: () => import('../commands/status.js'),
  up: () => import('../commands/up.js'),
};
