import { stringify } from 'yaml';
import { DevboxCommand, manifestFlags } from '../../cli/base.js';
import { loadManifest } from '../../manifest/load.js';
import type { Manifest } from '../../manifest/schema/index.js';
import { manifestSources } from '../../platform/runtime.js';

export default class ManifestShow extends DevboxCommand {
  static override summary = 'Print the fully resolved manifest: extends merged, variables substituted, defaults filled in.';
  static override examples = ['<%= config.bin %> manifest show -m personal.yaml', '<%= config.bin %> manifest show --json'];
  static override flags = manifestFlags;

  async run(): Promise<Manifest> {
    const { flags } = await this.parse(ManifestShow);
    const loaded = await loadManifest(flags.manifest, { sources: manifestSources(), env: process.env, trustRemote: flags['trust-remote'] });
    const { extends: _extends, ...resolved } = loaded.manifest;
    this.say(`# Resolved from: ${loaded.files.join(' ← ')}\n${stringify(resolved, { lineWidth: 0 })}`);
    return resolved;
  }
}
