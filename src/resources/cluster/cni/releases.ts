/**
 * The CNI releases devbox installs, pinned by sha256: what file, where from, which images it names,
 * the pod/service subnets its defaults assume and the DaemonSets whose rollout means "ready".
 *
 * How each hash was established: the file is a git blob at the release tag, and the URL is GitHub's
 * raw endpoint for that tag and path, which serves the blob's bytes unchanged (no LFS, no filters:
 * neither repository has a `.gitattributes` rule that rewrites these files). The blob was read from
 * the tag in a clone, its git blob id checked against the tree (`git hash-object` of the bytes equals
 * the id in `git ls-tree TAG PATH`), and the sha256 computed over those bytes.
 */

/** Where a CNI's images come from and what they are called in its file. */
export interface CniRelease {
  cni: 'calico' | 'kube-ovn';
  version: string;
  /** The upstream URL of the file (GitHub raw at the release tag). */
  url: string;
  /** sha256 of the file's bytes (lowercase hex). */
  sha256: string;
  /**
   * `manifest`: Kubernetes objects, applied with `kubectl apply --server-side`.
   * `install-script`: the project's own installer (bash, run in the control-plane node with kubectl).
   */
  format: 'manifest' | 'install-script';
  /** Every image the file names, fully qualified as written (the rewrite refuses a file naming others). */
  images: string[];
  /**
   * install-script only: the exact line naming the image registry. devbox replaces it with one that
   * reads the registry from the environment, so the mirror is passed as data, never spliced into the script.
   */
  registryLine?: { line: string; default: string };
  /** The subnets the file's defaults assume; the kind config uses the same. */
  podSubnet: string;
  serviceSubnet: string;
  /** The DaemonSets whose rollout on every node means the CNI is ready. */
  readiness: { namespace: string; daemonSets: string[] };
  /** The source of the facts above. */
  source: string;
}

export const cniReleases: readonly CniRelease[] = [
  {
    cni: 'calico',
    version: 'v3.32.1',
    url: 'https://raw.githubusercontent.com/projectcalico/calico/v3.32.1/manifests/calico.yaml',
    // Blob 2b3c7c391aea9080c54f94047b76791e44925542 at tag v3.32.1 (commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8).
    sha256: 'a1df919d9721cf667accdc3e72848911b0cb25cfab7d2478ad0c996302c95744',
    format: 'manifest',
    images: ['quay.io/calico/cni:v3.32.1', 'quay.io/calico/node:v3.32.1', 'quay.io/calico/kube-controllers:v3.32.1'],
    // calico.yaml leaves CALICO_IPV4POOL_CIDR commented out: calico-node then uses 192.168.0.0/16, the
    // subnet Calico's own kind quickstart configures (`networking.podSubnet: 192.168.0.0/16`).
    podSubnet: '192.168.0.0/16',
    serviceSubnet: '10.96.0.0/16',
    readiness: { namespace: 'kube-system', daemonSets: ['calico-node'] },
    source: 'projectcalico/calico v3.32.1 manifests/calico.yaml',
  },
  {
    cni: 'kube-ovn',
    version: 'v1.15.24',
    url: 'https://raw.githubusercontent.com/kubeovn/kube-ovn/v1.15.24/dist/images/install.sh',
    // Blob 79a7e9a7e1b4ac0d3256c1ebea7bce89acd96dac at tag v1.15.24 (commit c95b7e889c6c77a4022f078cbdb77c8aa102d340).
    // kube-ovn publishes no rendered manifest: install.sh (the documented install) writes and applies its
    // objects itself, labels the control plane kube-ovn/role=master and waits for the rollouts.
    sha256: '1007786cab8199654b29e7fa7da202982780c95308c637d3ea03e9db78dd237f',
    format: 'install-script',
    images: ['docker.io/kubeovn/kube-ovn:v1.15.24', 'docker.io/kubeovn/vpc-nat-gateway:v1.15.24'],
    registryLine: { line: 'REGISTRY="docker.io/kubeovn"', default: 'docker.io/kubeovn' },
    // install.sh hard-codes POD_CIDR 10.16.0.0/16 and SVC_CIDR 10.96.0.0/12 (not read from the environment);
    // kube-ovn's own kind config (yamls/kind.yaml.j2) uses the same.
    podSubnet: '10.16.0.0/16',
    serviceSubnet: '10.96.0.0/12',
    readiness: { namespace: 'kube-system', daemonSets: ['ovs-ovn', 'kube-ovn-cni'] },
    source: 'kubeovn/kube-ovn v1.15.24 dist/images/install.sh',
  },
];

/** The pinned release of a CNI devbox installs; undefined for kindnet and none. */
export function cniRelease(cni: string): CniRelease | undefined {
  return cniReleases.find((r) => r.cni === cni);
}
