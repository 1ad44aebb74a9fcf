import { DevboxCommand } from '../../cli/base.js';
import { manifestJsonSchema } from '../../manifest/json-schema.js';

export default class ManifestSchema extends DevboxCommand {
  static override summary = 'Print the JSON Schema of manifests, for editor completion and checks.';
  static override description =
    'Save it and point the VS Code YAML extension at it with a first line `# yaml-language-server: $schema=./devbox.schema.json`.';
  static override examples = ['<%= config.bin %> manifest schema > devbox.schema.json'];

  async run(): Promise<Record<string, unknown>> {
    await this.parse(ManifestSchema);
    const schema = manifestJsonSchema();
    this.say(JSON.stringify(schema, null, 2));
    return schema;
  }
}
