/**
 * The hosts area: devbox's block in Windows' hosts file, one `hosts.entry` per name, each address
 * proved by a TLS handshake before it is written (entry.ts; the file format is file.ts).
 */
import { hostsSection } from '../../manifest/schema/hosts.js';
import type { Manifest } from '../../manifest/schema/index.js';
import { duplicateIndexes } from '../../manifest/checks.js';
import type { Area, Handle } from '../area.js';
import { hostsEntryResource } from './entry.js';

export interface HostsHandles {
  /** Every entry: what downloads through the repaired names (Scoop) waits for. */
  entries: Handle[];
}

export const hostsArea: Area<NonNullable<Manifest['hosts']>, HostsHandles> = {
  name: 'hosts',
  schema: { key: 'hosts', section: hostsSection },
  select: (manifest) => manifest.hosts,
  check(manifest, report) {
    const hosts = manifest.hosts;
    if (!hosts) return;
    for (const index of duplicateIndexes(hosts.entries, (e) => e.name.toLowerCase())) {
      report.error(
        ['hosts', 'entries', index, 'name'],
        `"${hosts.entries[index]!.name}" is listed twice: keep one entry`,
      );
    }
    hosts.entries.forEach((entry, index) => {
      if (entry.address === 'auto' && !entry.verifyTls) {
        const why = 'a resolved address is only trusted once its certificate is verified';
        report.error(['hosts', 'entries', index, 'verifyTls'], `cannot be false with address "auto": ${why}`);
      }
    });
  },
  compile(hosts) {
    const entries = hosts.entries.map((e) =>
      hostsEntryResource({
        name: e.name,
        address: e.address,
        verifyTls: e.verifyTls,
        ensure: e.ensure,
        ...(hosts.resolvers ? { resolvers: hosts.resolvers } : {}),
      }),
    );
    return { resources: entries, handles: { entries } };
  },
};
