import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { manifestJsonSchema } from './json-schema.js';
import { repoRoot } from '../../test/rig/cli.js';

const schema = manifestJsonSchema();
// strict: every keyword must be known and meaningful to the validator, so a typo in the generated
// schema fails here instead of being silently ignored by editors.
const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);

function check(yamlText: string): string[] {
  const ok = validate(parse(yamlText, { version: '1.2', schema: 'core' }));
  return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

const fileText = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

describe('manifest JSON Schema', () => {
  it('is committed as manifests/schema.json, which default.yaml points editors at, and is up to date', () => {
    expect(fileText('manifests/default.yaml').startsWith('# yaml-language-server: $schema=./schema.json\n')).toBe(true);
    // Regenerate with: npm run docs (it writes docs/manifest.md too)
    expect(JSON.parse(fileText('manifests/schema.json'))).toEqual(schema);
  });

  it.each(['manifests/default.yaml', 'manifests/examples/team-base.yaml', 'manifests/examples/personal.yaml'])(
    'accepts %s',
    (path) => {
      expect(check(fileText(path))).toEqual([]);
    },
  );

  it('rejects bad values, unknown keys and wrong types', () => {
    expect(check('distro:\n  name: "Ubuntu; touch /tmp/pwned"\n')).toContain(
      '/distro/name must match pattern "^(?!-)[a-zA-Z0-9._-]{1,256}$"',
    );
    expect(check('cluster:\n  workers: 20\n')).toContain('/cluster/workers must be <= 8');
    expect(check('wsl:\n  shutdown: sometimes\n')).toContain(
      '/wsl/shutdown must be equal to one of the allowed values',
    );
    expect(check('clustre:\n  workers: 1\n')).toContain('/ must NOT have additional properties');
    expect(check('distro:\n  sysctl:\n    vm.swappiness: [10]\n').length).toBeGreaterThan(0);
    expect(check('version: 2\n')).toContain('/version must be equal to constant');
  });

  it('requires what a complete manifest needs, but not in a file that extends another', () => {
    const scoopWithoutInstaller = "scoop:\n  root: 'D:\\Scoop'\n  globalRoot: 'D:\\Global'\n";
    expect(check(scoopWithoutInstaller)).toContain("/scoop must have required property 'installer'");
    expect(check(`extends: builtin:default\n${scoopWithoutInstaller}`)).toEqual([]);
    // A layer is still checked for types and names.
    expect(check('extends: base.yaml\ncluster:\n  workers: two\n')).toContain('/cluster/workers must be integer');
    expect(check('extends: base.yaml\nscoop:\n  apps:\n    - bucket: extras\n')).toContain(
      "/scoop/apps/0 must have required property 'name'",
    );
    expect(check('extends: base.yaml\ndistro:\n  source:\n    path: "D:\\\\x.wsl"\n').length).toBeGreaterThan(0);
  });

  it('never makes a field with a default required (it describes what users write, not what devbox fills in)', () => {
    const offenders: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${path}/${index}`));
      if (node === null || typeof node !== 'object') return;
      const object = node as Record<string, unknown>;
      const properties = (object.properties ?? {}) as Record<string, unknown>;
      for (const name of (object.required ?? []) as string[]) {
        const property: unknown = properties[name];
        if (property !== null && typeof property === 'object' && 'default' in property)
          offenders.push(`${path}/${name}`);
      }
      for (const [key, value] of Object.entries(object)) walk(value, `${path}/${key}`);
    };
    walk(schema, '');
    expect(offenders).toEqual([]);
    expect(check('{}\n')).toEqual([]);
    expect(check('distro: {}\ncluster: {}\nwsl: {}\nhosts: {}\n')).toEqual([]);
  });
});
