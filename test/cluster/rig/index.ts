/** The cluster test rig's API (README.md). */
export { ensureDocker, lacksSysResource, clusterCache, rigBin, type DockerEngine } from './docker.js';
export { debFromSuite, kindBinary, kubectlBinary, runcFromSuite, type UnpackedDeb } from './debs.js';
export { nodeImage, nodeImageTag, nodeRootfsTarball, nodePackages, nodeSuite } from './node-image.js';
export {
  createKindCluster,
  randomClusterName,
  loadTinyImage,
  hostSnapshot,
  leftovers,
  shortenPlegThreshold,
  watchedSysctls,
  type KindCluster,
  type CreateOptions,
  type HostSnapshot,
} from './cluster.js';
export { run, tryRun, type RunOptions } from './sh.js';
export { rc93UpstreamRunc, rc93DebianRunc, rc93BuildCommands } from './rc93.js';

import { missingPrerequisites } from '../../rig/privileges.js';

/** Why the cluster rig cannot run here (a missing tool), or undefined: every rig test skips or fails on it. */
export function rigUnavailable(): string | undefined {
  return missingPrerequisites('cluster rig', ['dockerd', 'debootstrap', 'flock', 'jq', 'apt-get', 'dpkg-deb']);
}
