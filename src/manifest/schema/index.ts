/**
 * The whole manifest, written once in zod. The loader validates against it, the JSON Schema for
 * editors is generated from it, and every resource reads the typed result.
 */
import { z } from 'zod';
import { iniScalar, rule } from './common.js';
import { wslSection } from './wsl.js';
import { distroSection } from './distro.js';
import { scoopSection } from './scoop.js';
import { hostsSection } from './hosts.js';
import { clusterSection } from './cluster.js';

const extendsRef = z.string({ error: rule('rule.extendsRef') }).min(1);

export const manifestSchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .describe(
        'The JSON Schema an editor checks the file against, e.g. ./schema.json (`devbox manifest schema`). devbox ignores it.',
      )
      .meta({ examples: ['./schema.json'] }),
    version: z
      .literal(1, { error: rule('rule.version1') })
      .default(1)
      .describe('The manifest format: 1.'),
    extends: z
      .union([extendsRef, z.array(extendsRef)], { error: rule('rule.extends') })
      .optional()
      .describe('Base manifests this one builds on: relative paths, or https:// URLs pinned with #sha256=<hex>.'),
    vars: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: rule('rule.varName') }), iniScalar)
      .default({})
      .describe('Values usable as ${name} in any string; ${env:NAME} reads the environment.'),
    wsl: wslSection.optional(),
    distro: distroSection.optional(),
    scoop: scoopSection.optional(),
    hosts: hostsSection.optional(),
    cluster: clusterSection.optional(),
  })
  .describe('A devbox manifest: the development environment of one Windows machine.');

/** A validated manifest with every default filled in. */
export type Manifest = z.output<typeof manifestSchema>;
/** A manifest as written by a user (defaults not yet applied). */
export type ManifestInput = z.input<typeof manifestSchema>;
export type WslSection = z.output<typeof wslSection>;
export type DistroSection = z.output<typeof distroSection>;
export type ScoopSection = z.output<typeof scoopSection>;
export type HostsSection = z.output<typeof hostsSection>;
export type ClusterSection = z.output<typeof clusterSection>;
