/** The `cluster` section: Docker Engine in the distro and a local kind cluster with a safe runc. */
import { z } from 'zod';
import { httpUrl, httpsUrl, semver, sha256 } from './common.js';
import { cniField, containerRuntimeField } from './cni.js';

const pinnedDownload = z.strictObject({
  url: httpsUrl.optional().describe('Where to download from; defaults to the upstream release.'),
  mirrors: z.array(httpUrl).default([]).describe('Tried in order when the main URL fails; content is verified by sha256 either way.'),
  sha256: sha256.optional().describe('Pinned checksum. Without it devbox uses the checksum the project publishes beside the file, and says so.'),
});

export const clusterSection = z
  .strictObject({
    enabled: z.boolean().default(true),
    name: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$/, { error: 'must be a cluster name: lowercase letters, digits and "-", at most 50 characters' })
      .default('devbox'),
    docker: z
      .strictObject({
        engine: z.enum(['docker-ce', 'docker.io'], { error: 'must be "docker-ce" (Docker\'s apt repository) or "docker.io" (the distro\'s package)' }).default('docker-ce'),
        aptMirror: httpUrl.optional().describe('A mirror of download.docker.com/linux/ubuntu.'),
        registryMirrors: z.array(httpUrl).default([]).describe('Docker Hub mirrors for dockerd (registry-mirrors).'),
      })
      .prefault({}),
    kind: z
      .strictObject({ version: semver.default('v0.32.0') })
      .extend(pinnedDownload.shape)
      .prefault({}),
    nodeImage: z
      .string()
      .regex(/^[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?$/, { error: 'must be an image reference such as kindest/node:v1.36.1@sha256:<64 hex>' })
      .optional()
      .describe('Node image; pin it with @sha256:. Defaults to the image the kind release was built for.'),
    workers: z.number().int().min(0).max(8).default(0),
    runc: z
      .strictObject({
        policy: z
          .enum(['safe-floor', 'pin'], { error: 'must be "safe-floor" or "pin"' })
          .default('safe-floor')
          .describe('safe-floor: keep the node image\'s runc if it is at or above the safety floor, else replace it; pin: always use `version`.'),
        version: semver.optional(),
        allowUnsafe: z.boolean().default(false).describe('Allow a pinned runc below the safety floor (not recommended).'),
      })
      .extend(pinnedDownload.shape)
      .prefault({})
      .superRefine((v, ctx) => {
        if (v.policy === 'pin' && v.version === undefined) {
          ctx.addIssue({ code: 'custom', path: ['version'], message: 'is required when policy is "pin"' });
        }
      }),
    cni: cniField,
    containerRuntime: containerRuntimeField,
    apiServerPort: z.number().int().min(1024).max(65535).optional(),
  })
  .describe('Docker Engine and a kind cluster inside the distro, with runc at or above a safe version.');
