/** The `cluster` section: Docker Engine in the distro and a local kind cluster with a safe runc. */
import { z } from 'zod';
import { t } from '../../i18n/catalogue.js';
import { httpUrl, httpUrlChoice, httpsUrl, rule, safeText, semver, sha256, type WhatKey } from './common.js';
import { cniField, cniMirrorsField, containerRuntimeField } from './cni.js';

/** The named mirrors of Docker's apt repository (their URLs: resources/cluster/sources.ts). */
export const dockerAptMirrorNames = ['docker', 'tuna', 'aliyun', 'ustc'] as const;
export type DockerAptMirrorName = (typeof dockerAptMirrorNames)[number];

const aptMirrorChoice = rule('rule.dockerAptMirror', { mirrors: dockerAptMirrorNames.join(', ') });
const linuxPath = (what: WhatKey) =>
  safeText(what).refine((s) => s.startsWith('/') && !s.split('/').includes('..'), {
    error: () => t('rule.linuxPath', { what: t(what) }),
  });

const pinnedDownload = z.strictObject({
  url: httpsUrl
    .optional()
    .describe('Where to download from; defaults to the upstream release.')
    .meta({ examples: ['https://downloads.example.com/releases/FILE'] }),
  mirrors: z
    .array(httpUrl)
    .default([])
    .describe('Tried in order when the main URL fails; content is verified by sha256 either way.')
    .meta({ examples: [['https://mirror.example.com/releases/FILE']] }),
  sha256: sha256
    .optional()
    .describe(
      'Pinned checksum. Without it devbox uses the checksum the project publishes beside the file, and says so.',
    ),
});

export const clusterSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe('false leaves Docker and kind alone.'),
    name: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$/, {
        error: rule('rule.clusterName'),
      })
      .default('devbox')
      .describe('The kind cluster (`kind create cluster --name`).'),
    docker: z
      .strictObject({
        engine: z
          .enum(['docker-ce', 'docker.io'], {
            error: rule('rule.dockerEngine'),
          })
          .default('docker-ce')
          .describe("docker-ce (Docker's apt repository) or docker.io (the distro's own package)."),
        aptMirror: z
          .union([z.enum(dockerAptMirrorNames), httpUrlChoice(aptMirrorChoice)], { error: aptMirrorChoice })
          .default('docker')
          .describe(
            'docker-ce only: a known mirror name or the URL of a mirror of download.docker.com (without /linux/ubuntu).',
          ),
        cgroupDriver: z
          .enum(['systemd', 'cgroupfs'], { error: rule('rule.cgroupDriver') })
          .optional()
          .describe('exec-opts native.cgroupdriver in daemon.json; left as Docker chooses when unset.'),
        user: safeText('rule.what.linuxUser')
          .optional()
          .describe('Added to the docker group; defaults to distro.defaultUser, else the first user (uid 1000).')
          .meta({ examples: ['dev'] }),
        registryMirrors: z
          .array(httpUrl)
          .default([])
          .describe('Docker Hub mirrors for dockerd (registry-mirrors).')
          .meta({ examples: [['https://docker-mirror.example.com']] }),
      })
      .prefault({})
      .describe('Docker Engine in the distro.'),
    kind: z
      .strictObject({ version: semver.default('v0.32.0').describe('The kind release, e.g. v0.32.0.') })
      .extend(pinnedDownload.shape)
      .prefault({})
      .describe('The kind binary: its release and where it is downloaded from.'),
    nodeImage: z
      .string()
      .regex(/^[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?$/, {
        error: rule('rule.imageReference'),
      })
      .optional()
      .describe('Node image; pin it with @sha256:. Defaults to the image the kind release was built for.')
      .meta({
        examples: ['kindest/node:v1.35.0@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
      }),
    nodeImageArchive: z
      .strictObject({
        path: linuxPath('rule.what.imageArchive')
          .describe('The archive, a path in the distro.')
          .meta({ examples: ['/var/cache/devbox/kind-node.tar'] }),
        sha256: sha256.describe('sha256 of the archive.'),
      })
      .optional()
      .describe('An offline node image (docker save output) loaded with docker load, pinned by its sha256.')
      .meta({
        examples: [
          {
            path: '/var/cache/devbox/kind-node.tar',
            sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
          },
        ],
      }),
    workers: z.number().int().min(0).max(8).default(0).describe('Worker nodes besides the control plane (0-8).'),
    registryMirrors: z
      .record(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, { error: rule('rule.registryHost') }), z.array(httpUrl))
      .default({})
      .describe('Registry mirrors for workload images inside the nodes (containerd), by registry host.')
      .meta({ examples: [{ 'docker.io': ['https://docker-mirror.example.com'] }] }),
    portMappings: z
      .array(
        z.strictObject({
          containerPort: z
            .number()
            .int()
            .min(1)
            .max(65535)
            .describe('The port in the node.')
            .meta({ examples: [30080] }),
          hostPort: z
            .number()
            .int()
            .min(1)
            .max(65535)
            .describe('The port in the distro.')
            .meta({ examples: [8080] }),
          listenAddress: z
            .string()
            .regex(/^[0-9a-f.:]+$/, { error: rule('rule.ipAddress') })
            .optional()
            .describe("The distro's address it listens on (default: every address).")
            .meta({ examples: ['127.0.0.1'] }),
          protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP').describe('TCP, UDP or SCTP.'),
        }),
      )
      .default([])
      .describe('extraPortMappings of the control-plane node.')
      .meta({ examples: [[{ containerPort: 30080, hostPort: 8080 }]] }),
    mounts: z
      .array(
        z.strictObject({
          hostPath: linuxPath('rule.what.distroDir')
            .describe('A directory in the distro.')
            .meta({ examples: ['/home/dev/src'] }),
          containerPath: linuxPath('rule.what.nodePath')
            .describe('Where it appears in each node.')
            .meta({ examples: ['/src'] }),
          readOnly: z.boolean().default(false).describe('Mount it read-only.'),
        }),
      )
      .default([])
      .describe('extraMounts of every node.')
      .meta({ examples: [[{ hostPath: '/home/dev/src', containerPath: '/src', readOnly: true }]] }),
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
          .enum(['safe-floor', 'pin'], { error: rule('rule.runcPolicy') })
          .default('safe-floor')
          .describe(
            "safe-floor: keep the node image's runc if it is at or above the safety floor, else replace it; pin: always use `version`.",
          ),
        version: semver
          .optional()
          .describe('A runc release to download and pin in every node (directory mount + containerd BinaryName).'),
        path: linuxPath('rule.what.runcDir')
          .optional()
          .describe(
            'A directory holding `runc`, mounted read-only into every node and used through containerd BinaryName. Never a file.',
          )
          .meta({ examples: ['/opt/runc/v1.4.3'] }),
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
            message: t('rule.runcPinVersion'),
          });
        }
      })
      .describe('The runc the nodes run containers with: at or above the safety floor, or pinned.'),
    cni: cniField,
    cniMirrors: cniMirrorsField,
    containerRuntime: containerRuntimeField,
    apiServerPort: z
      .number()
      .int()
      .min(1024)
      .max(65535)
      .optional()
      .describe("The API server's port in the distro (default: a free port kind picks).")
      .meta({ examples: [6443] }),
  })
  .describe('Docker Engine and a kind cluster inside the distro, with runc at or above a safe version.');
