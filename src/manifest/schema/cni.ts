/**
 * The cluster's network plugin and container runtime fields (kept apart from cluster.ts so the CNI
 * work and the cluster section change in different files).
 */
import { z } from 'zod';
import { t } from '../../i18n/catalogue.js';
import { httpUrl } from './common.js';

export const cniNames = ['kindnet', 'calico', 'kube-ovn', 'none'] as const;

/** CRI-O is a container runtime, often put under `cni:` by mistake; the message says where it belongs. */
const isCrio = (input: unknown) => typeof input === 'string' && /^cri-?o$/i.test(input);

export const cniField = z
  .enum(cniNames, {
    error: (issue) =>
      t('rule.cni') +
      (isCrio(issue.input) ? t('list.separator') + t('rule.cniCrio', { why: t('rule.crioInKind') }) : ''),
  })
  .default('kindnet')
  .describe(
    "The CNI: kindnet is kind's own, none leaves it to you (nodes stay NotReady until you apply one). calico " +
      '(v3.32.1, manifests/calico.yaml) and kube-ovn (v1.15.24, its install.sh) are installed by devbox from files ' +
      'pinned by sha256, their images pulled through cluster.registryMirrors; the kind config disables kindnet and ' +
      'sets the pod/service subnets they expect. kube-ovn needs the openvswitch and geneve kernel modules (checked first).',
  );

export const cniMirrorsField = z
  .array(httpUrl)
  .default([])
  .describe(
    "Other URLs of the CNI's pinned file (calico.yaml / kube-ovn's install.sh), tried after the release URL; verified by the same sha256.",
  )
  .meta({ examples: [['https://mirror.example.com/calico/v3.32.1/manifests/calico.yaml']] });

/**
 * kind's node images run containerd only: CRI-O cannot be the runtime inside kind (kind builds its
 * node image around containerd; there is no CRI-O node image or provider option).
 */
export const containerRuntimeField = z
  .literal('containerd', {
    // Only a CRI-O value gets the CRI-O story; "docker" or a typo is told what kind runs.
    error: (issue) => (isCrio(issue.input) ? t('rule.runtimeCrio', { why: t('rule.crioInKind') }) : t('rule.runtime')),
  })
  .default('containerd')
  .describe('The container runtime in the kind nodes: containerd (the only one kind supports).');
