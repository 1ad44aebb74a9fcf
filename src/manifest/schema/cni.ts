/**
 * The cluster's network plugin and container runtime fields (kept apart from cluster.ts so the CNI
 * work and the cluster section change in different files).
 */
import { z } from 'zod';

export const cniNames = ['kindnet', 'calico', 'kube-ovn', 'none'] as const;

export const cniField = z
  .enum(cniNames, { error: 'must be "kindnet" (kind\'s default), "calico", "kube-ovn" or "none" (bring your own)' })
  .default('kindnet')
  .describe(
    "The CNI: kindnet is kind's own, none leaves it to you. calico and kube-ovn are recognised but not installed by this " +
      'version of devbox (use none and apply them yourself); kube-ovn needs the openvswitch and geneve kernel modules, which devbox doctor checks.',
  );

/**
 * kind's node images run containerd only: CRI-O cannot be the runtime inside kind (kind builds its
 * node image around containerd; there is no CRI-O node image or provider option).
 */
export const containerRuntimeField = z
  .literal('containerd', {
    error:
      'must be "containerd": CRI-O cannot run inside kind, whose node images are built around containerd. Use a VM-based cluster (kubeadm on a VM) if you need CRI-O.',
  })
  .default('containerd')
  .describe('The container runtime in the kind nodes: containerd (the only one kind supports).');
