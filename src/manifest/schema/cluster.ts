/** The `cluster` section: Docker Engine in the distro and a local kind cluster with a safe runc. */
import { z } from 'zod';
import { httpUrl, httpUrlChoice, httpsUrl, safeText, semver, sha256 } from './common.js';
import { cniField, cniMirrorsField, containerRuntimeField } from './cni.js';

/** The named mirrors of Docker's apt repository (their URLs: resources/cluster/sources.ts). */
export const dockerAptMirrorNames = ['docker', 'tuna', 'aliyun', 'ustc'] as const;
export type DockerAptMirrorName = (typeof dockerAptMirrorNames)[number];

const aptMirrorChoice = `must be a known mirror of Docker's apt repository (${dockerAptMirrorNames.join(', ')}) or an http(s) URL`;
const linuxPath = (what: string) =>
  safeText(what).refine((s) => s.startsWith('/') && !s.split('/').includes('..'), {
    error: `must be ${what}: an absolute Linux path without ".."`,
  });

const pinnedDownload = z.strictObject({
  url: httpsUrl.optional().describe('Where to download from; defaults to the upstream release.'),
  mirrors: z
    .array(httpUrl)
    .default([])
    .describe('Tried in order when the main URL fails; content is verified by sha256 either way.'),
  sha256: sha256
    .optional()
    .describe(
      'Pinned checksum. Without it devbox uses the checksum the project publishes beside the file, and says so.',
    ),
});

export const clusterSection = z
  .strictObject({
    enabled: z.boolean().default(true),
    name: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$/, {
        error: 'must be a cluster name: lowercase letters, digits and "-", at most 50 characters',
      })
      .default('devbox'),
    docker: z
      .strictObject({
        engine: z
          .enum(['docker-ce', 'docker.io'], {
            error: 'must be "docker-ce" (Docker\'s apt repository) or "docker.io" (the distro\'s package)',
          })
          .default('docker-ce'),
        aptMirror: z
          .union([z.enum(dockerAptMirrorNames), httpUrlChoice(aptMirrorChoice)], { error: aptMirrorChoice })
          .default('docker')
          .describe(
            'docker-ce only: a known mirror name or the URL of a mirror of download.docker.com (without /linux/ubuntu).',
          ),
        cgroupDriver: z
          .enum(['systemd', 'cgroupfs'], { error: 'must be "systemd" or "cgroupfs"' })
          .optional()
          .describe('exec-opts native.cgroupdriver in daemon.json; left as Docker chooses when unset.'),
        user: safeText('a Linux user name')
          .optional()
          .describe('Added to the docker group; defaults to distro.defaultUser, else the first user (uid 1000).'),
        registryMirrors: z.array(httpUrl).default([]).describe('Docker Hub mirrors for dockerd (registry-mirrors).'),
      })
      .prefault({}),
    kind: z
      .strictObject({ version: semver.default('v0.32.0') })
      .extend(pinnedDownload.shape)
      .prefault({}),
    nodeImage: z
      .string()
      .regex(/^[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?$/, {
        error: 'must be an image reference such as kindest/node:v1.36.1@sha256:<64 hex>',
      })
      .optional()
      .describe('Node image; pin it with @sha256:. Defaults to the image the kind release was built for.'),
    nodeImageArchive: z
      .strictObject({
        path: linuxPath('the path of an image archive in the distro'),
        sha256,
      })
      .optional()
      .describe('An offline node image (docker save output) loaded with docker load, pinned by its sha256.'),
    workers: z.number().int().min(0).max(8).default(0),
    registryMirrors: z
      .record(
        z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, { error: 'must be a registry host such as docker.io' }),
        z.array(httpUrl),
      )
      .default({})
      .describe('Registry mirrors for workload images inside the nodes (containerd), by registry host.'),
    portMappings: z
      .array(
        z.strictObject({
          containerPort: z.number().int().min(1).max(65535),
          hostPort: z.number().int().min(1).max(65535),
          listenAddress: z
            .string()
            .regex(/^[0-9a-f.:]+$/, { error: 'must be an IP address' })
            .optional(),
          protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
        }),
      )
      .default([])
      .describe('extraPortMappings of the control-plane node.'),
    mounts: z
      .array(
        z.strictObject({
          hostPath: linuxPath('a directory in the distro'),
          containerPath: linuxPath('a path in the node'),
          readOnly: z.boolean().default(false),
        }),
      )
      .default([])
      .describe('extraMounts of every node.'),
    readyTimeout: z
      .number()
      .int()
      .min(10)
      .max(3600)
      .default(300)
      .describe('Seconds to wait for every node to be Ready.'),
    runc: z
      .strictObject({
        policy: z
          .enum(['safe-floor', 'pin'], { error: 'must be "safe-floor" or "pin"' })
          .default('safe-floor')
          .describe(
            "safe-floor: keep the node image's runc if it is at or above the safety floor, else replace it; pin: always use `version`.",
          ),
        version: semver
          .optional()
          .describe('A runc release to download and pin in every node (directory mount + containerd BinaryName).'),
        path: linuxPath('a directory in the distro holding a runc executable')
          .optional()
          .describe(
            'A directory holding `runc`, mounted read-only into every node and used through containerd BinaryName. Never a file.',
          ),
        allowUnsafe: z
          .boolean()
          .default(false)
          .describe('Allow a pinned runc below the safety floor (not recommended).'),
      })
      .extend(pinnedDownload.shape)
      .prefault({})
      .superRefine((v, ctx) => {
        if (v.policy === 'pin' && v.version === undefined && v.path === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['version'],
            message: 'is required when policy is "pin" (or give path: a directory holding runc)',
          });
        }
      }),
    cni: cniField,
    cniMirrors: cniMirrorsField,
    containerRuntime: containerRuntimeField,
    apiServerPort: z.number().int().min(1024).max(65535).optional(),
  })
  .describe('Docker Engine and a kind cluster inside the distro, with runc at or above a safe version.');
