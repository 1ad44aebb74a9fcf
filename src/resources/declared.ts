/** Resources the manifest declares but this version of devbox cannot manage yet. */
import type { DeclaredResource, Plane } from '../engine/resource.js';
import { t } from '../i18n/catalogue.js';

export function declared(
  type: string,
  key: string,
  plane: Plane,
  summary: string,
  options: { needsElevation?: boolean; dependsOn?: string[]; probeAfter?: string[] } = {},
): DeclaredResource {
  return {
    kind: 'declared',
    type,
    key,
    plane,
    summary,
    needsElevation: options.needsElevation ?? false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    // Why it is skipped; the README lists what each is waiting for.
    reason: t('plan.notYetManaged'),
  };
}
