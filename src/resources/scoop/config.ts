/**
 * `scoop.config`: devbox's keys in the config.json Scoop uses (aria2-*, proxy, scoop_repo /
 * scoop_branch for a mirror of Scoop itself, and the manifest's other keys), matched
 * case-insensitively; every other key stays as it is. The file is edited directly (one guarded
 * write, no `scoop config` process per key).
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { sameConfigValue, topLevelKeys, type ScoopConfigValue } from './config-file.js';
import {
  configValue,
  effectiveConfig,
  probeScoop,
  scoopApplyHost,
  scoopReadHost,
  type ScoopConfigFile,
  type ScoopLayout,
} from './facts.js';
import { updateScoopConfig } from './run.js';
import { t } from '../../i18n/catalogue.js';

export interface ScoopConfigOptions {
  layout: ScoopLayout;
  /** Key → value, in the order they are written. */
  values: Record<string, ScoopConfigValue>;
}

interface ConfigActual {
  config: ScoopConfigFile;
}

/** What differs between the file and the wanted keys. */
export function configChanges(
  config: ScoopConfigFile,
  values: Readonly<Record<string, ScoopConfigValue>>,
): PropertyChange[] {
  const changes: PropertyChange[] = [];
  const names = config.bytes ? topLevelKeys(config.bytes.toString('utf8')) : [];
  for (const [key, want] of Object.entries(values)) {
    const found = configValue(config.values, key);
    // PowerShell reads keys case-insensitively and refuses a file holding one name twice: one key, whatever its case.
    const spellings = names.filter((n) => n.toLowerCase() === key.toLowerCase());
    if (spellings.length > 1)
      changes.push({
        property: key,
        before: `${spellings.join(', ')} (one setting written ${spellings.length} times)`,
        after: want,
      });
    else if (!found || !sameConfigValue(found.value, want))
      changes.push({ property: key, before: found?.value ?? null, after: want });
  }
  return changes;
}

export function scoopConfigResource(
  options: ScoopConfigOptions,
  deps: { dependsOn: string[] },
): ManagedResource<ConfigActual> {
  const keys = Object.keys(options.values);
  return {
    kind: 'managed',
    type: 'scoop.config',
    key: 'config.json',
    plane: 'host',
    needsElevation: false,
    dependsOn: deps.dependsOn,
    summary: t('summary.scoopConfig', { values: keys.map((k) => `${k}=${String(options.values[k])}`).join(', ') }),

    async get(ctx) {
      return { config: effectiveConfig(await probeScoop(scoopReadHost(ctx), options.layout), options.layout.root) };
    },

    test(actual): TestResult {
      const { config } = actual;
      if (config.bytes && !config.values) {
        return {
          inDesiredState: false,
          action: 'update',
          changes: [{ property: 'config.json', before: config.error, after: 'a JSON object' }],
          notes: [t('note.configUnreadable', { file: config.path })],
        };
      }
      const changes = configChanges(config, options.values);
      return {
        inDesiredState: changes.length === 0,
        action: config.bytes ? 'update' : 'create',
        changes,
        notes: [t('note.configFile', { file: config.path, portable: Boolean(config.portable) })],
      };
    },

    async apply(_actual, ctx) {
      const written = await updateScoopConfig(scoopApplyHost(ctx), options.layout, (config) => {
        const changes = configChanges(config, options.values);
        return changes.length === 0
          ? undefined
          : { set: Object.fromEntries(changes.map((c) => [c.property, options.values[c.property]!])) };
      });
      if (written) ctx.report(t('detail.scoopConfig', { count: keys.length, file: written.path }));
    },
  };
}
