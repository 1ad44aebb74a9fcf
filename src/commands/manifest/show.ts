import { stringify } from 'yaml';
import { DevboxCommand, manifestFlags, netFrom } from '../../cli/base.js';
import { loadDevboxManifest } from '../../app/manifest.js';
import type { Manifest } from '../../manifest/schema/index.js';
import { t } from '../../i18n/catalogue.js';

export default class ManifestShow extends DevboxCommand {
  static override summary =
    'Print the fully resolved manifest: extends merged, variables substituted, defaults filled in.';
  static override examples = [
    '<%= config.bin %> manifest show -m personal.yaml',
    '<%= config.bin %> manifest show --json',
  ];
  static override flags = manifestFlags;

  async run(): Promise<Manifest> {
    const { flags } = await this.parse(ManifestShow);
    const loaded = await loadDevboxManifest(flags.manifest, { trustRemote: flags['trust-remote'], ...netFrom(flags) });
    const { extends: _extends, ...resolved } = loaded.manifest;
    this.say(
      `${t('manifestCmd.resolvedFrom', { files: loaded.files.join(' ← ') })}\n${stringify(resolved, { lineWidth: 0 })}`,
    );
    return resolved;
  }
}
