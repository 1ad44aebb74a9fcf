#!/usr/bin/env node
// `npm run docs`: docs/manifest.md (the manifest reference) and manifests/schema.json (the JSON Schema for
// editors), both generated from the zod schema in src/manifest/schema/. The schema is bundled from the
// TypeScript sources with esbuild, so no build is needed first. src/manifest/reference.test.ts and
// json-schema.test.ts fail when the committed files differ from what this writes.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const esbuild = await import('esbuild');
const work = mkdtempSync(join(tmpdir(), 'devbox-docs-'));
try {
  const entry = join(work, 'entry.ts');
  writeFileSync(
    entry,
    `export { manifestReference } from ${JSON.stringify(join(root, 'src/manifest/reference.ts'))};\n` +
      `export { manifestJsonSchema } from ${JSON.stringify(join(root, 'src/manifest/json-schema.ts'))};\n`,
  );
  const out = join(work, 'docs.mjs');
  await esbuild.build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    nodePaths: [join(root, 'node_modules')],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const { manifestReference, manifestJsonSchema } = await import(pathToFileURL(out).href);
  const samples = [
    { name: 'manifests/default.yaml', text: readFileSync(join(root, 'manifests/default.yaml'), 'utf8') },
    ...readdirSync(join(root, 'manifests/examples'))
      .filter((n) => n.endsWith('.yaml'))
      .sort()
      .map((n) => ({
        name: `manifests/examples/${n}`,
        text: readFileSync(join(root, 'manifests/examples', n), 'utf8'),
      })),
  ];
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs/manifest.md'), manifestReference(samples));
  writeFileSync(join(root, 'manifests/schema.json'), `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
  process.stderr.write('wrote docs/manifest.md and manifests/schema.json\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
