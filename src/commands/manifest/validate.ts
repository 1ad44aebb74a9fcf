import { DevboxCommand, manifestFlags, netFrom } from '../../cli/base.js';
import { loadDevboxManifest } from '../../app/manifest.js';
import { formatIssue, type ManifestIssue } from '../../manifest/issues.js';
import { t } from '../../i18n/catalogue.js';

export default class ManifestValidate extends DevboxCommand {
  static override summary = 'Check a manifest (and everything it extends) without touching the machine.';
  static override description =
    'Every problem is listed at once as FILE:LINE:COL  PATH  MESSAGE. Exit code 3 when the manifest is invalid.';
  static override examples = ['<%= config.bin %> manifest validate -m devbox.yaml'];
  static override flags = manifestFlags;

  async run(): Promise<{ valid: true; files: string[]; hash: string; warnings: ManifestIssue[] }> {
    const { flags } = await this.parse(ManifestValidate);
    const loaded = await loadDevboxManifest(flags.manifest, { trustRemote: flags['trust-remote'], ...netFrom(flags) });
    for (const warning of loaded.warnings) this.progress(formatIssue(warning));
    this.say(t('manifestCmd.valid', { files: loaded.files.join(' ← ') }));
    return { valid: true, files: loaded.files, hash: loaded.hash, warnings: loaded.warnings };
  }
}
