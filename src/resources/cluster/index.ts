/**
 * The cluster area: Docker Engine in the distro, a kind cluster, and a safe runc in every node. This
 * version of devbox declares them (plans show them as not managed yet); the runc safety floor
 * (runc-floor.ts) is already enforced on the manifest.
 */
import { clusterSection } from '../../manifest/schema/cluster.js';
import type { Manifest } from '../../manifest/schema/index.js';
import { resourceId } from '../../engine/resource.js';
import type { Area } from '../area.js';
import { declared } from '../declared.js';
import type { WslHandles } from '../wsl/index.js';
import { judgeRuncVersion, runcLinePolicies } from './runc-floor.js';

/** The floors of the runc lines upstream still supports, for messages: "1.3.6, 1.4.3, 1.5.0". */
const safeRuncFloors = runcLinePolicies
  .filter((p) => p.verdict === 'floor' && p.supported)
  .map((p) => p.floor)
  .join(', ');

export const clusterArea: Area<NonNullable<Manifest['cluster']>, Record<string, never>, { wsl: WslHandles }> = {
  name: 'cluster',
  schema: { key: 'cluster', section: clusterSection },
  select: (manifest) => (manifest.cluster?.enabled ? manifest.cluster : undefined),
  check(manifest, report) {
    const runc = manifest.cluster?.runc;
    if (runc?.version === undefined) return;
    const verdict = judgeRuncVersion(runc.version);
    if (!verdict.safe && !runc.allowUnsafe) {
      const use = verdict.floor ? `${verdict.floor} or newer` : `a supported line at or above its floor (${safeRuncFloors})`;
      report.error(['cluster', 'runc', 'version'], `${verdict.reason}: use ${use} (or set allowUnsafe: true to accept the risk)`);
    } else if (!verdict.safe) {
      report.warn(['cluster', 'runc', 'version'], `${verdict.reason}; accepted because allowUnsafe is true`);
    }
  },
  compile(cluster, refs) {
    const onDistro = refs.wsl?.distro ? { probeAfter: [resourceId(refs.wsl.distro)] } : {};
    const docker = declared('cluster.docker', cluster.docker.engine, 'guest', `Docker Engine (${cluster.docker.engine})`, onDistro);
    const kind = declared('cluster.kind', cluster.name, 'guest', `kind ${cluster.kind.version} cluster "${cluster.name}" with ${cluster.workers} worker(s)`, {
      ...onDistro,
      dependsOn: [resourceId(docker)],
    });
    const runcPolicy = cluster.runc.policy === 'pin' ? cluster.runc.version : 'at or above the safety floor';
    const runc = declared('cluster.runc', cluster.name, 'guest', `runc ${runcPolicy} in every node`, { ...onDistro, dependsOn: [resourceId(kind)] });
    return { resources: [docker, kind, runc], handles: {} };
  },
};
