/**
 * `wsl.features`: the Windows optional features WSL 2 runs on. VirtualMachinePlatform always;
 * Microsoft-Windows-Subsystem-Linux where Windows 10 (or WSL 1) needs it. The state is read without
 * elevation; enabling runs dism.exe in the elevated context; "enabled, waiting for a restart" is a
 * state of its own, which the executor turns into a resume after the restart.
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { enableFeature, featureInfoState } from '../../platform/windows/dism.js';
import { expectResult, type OsFacts } from '../../engine/ports/host.js';
import {
  applyHost,
  checkWindowsBuild,
  featureServices,
  featureState,
  readHost,
  rebootPendingKey,
  windows11Build,
  type FeatureState,
} from './facts.js';
import { t } from '../../i18n/catalogue.js';

export type FeatureName = 'VirtualMachinePlatform' | 'Microsoft-Windows-Subsystem-Linux';

interface FeatureActual {
  os: OsFacts;
  state: FeatureState;
  rebootPending: boolean;
}

export interface FeatureOptions {
  /** true: always; 'auto': only where needed (Windows 10, or WSL 1 as the default). */
  want: true | 'auto';
  defaultVersion: 1 | 2;
}

const describeState: Record<FeatureState, string> = {
  enabled: 'enabled',
  'enable-pending': 'enabled, waiting for a restart',
  disabled: 'disabled',
  absent: 'not available on this Windows',
  unknown: 'unknown',
};

/** The feature resource. */
export function wslFeatureResource(name: FeatureName, options: FeatureOptions): ManagedResource<FeatureActual> {
  const services = featureServices[name] ?? [];
  const needed = (os: OsFacts) => options.want === true || os.build < windows11Build || options.defaultVersion === 1;
  return {
    kind: 'managed',
    type: 'wsl.features',
    key: name,
    plane: 'host',
    needsElevation: true,
    dependsOn: [],
    summary: t('summary.feature', { name, auto: options.want === 'auto' }),

    async get(ctx) {
      const results = await readHost(ctx).probe([
        { op: 'os' },
        { op: 'feature', name },
        { op: 'registry', key: rebootPendingKey },
        ...services.map((service) => ({ op: 'service' as const, name: service })),
      ]);
      const os = expectResult(results[0], 'os', t('probe.what.os'));
      checkWindowsBuild(os);
      const installState = expectResult(results[1], 'installState', t('probe.what.featureState', { name }));
      const rebootPending = expectResult(results[2], 'registry', t('probe.what.restartPending')).exists;
      const servicesPresent = results
        .slice(3)
        .every((r, i) => expectResult(r, 'service', t('probe.what.service', { name: services[i]! })).exists);
      return { os, state: featureState(installState, servicesPresent), rebootPending };
    },

    test(actual): TestResult {
      if (!needed(actual.os)) {
        return {
          inDesiredState: true,
          changes: [],
          notes: actual.state === 'enabled' ? [] : [t('note.featureNotNeeded', { build: actual.os.build })],
        };
      }
      if (actual.state === 'absent' || actual.state === 'unknown') {
        // Nothing dism could do: say so, rather than fail later.
        return {
          inDesiredState: false,
          changes: [{ property: 'state', before: describeState[actual.state], after: 'enabled' }],
          notes: [t('note.noFeature', { name })],
        };
      }
      if (actual.state === 'enabled') return { inDesiredState: true, changes: [] };
      const changes: PropertyChange[] = [{ property: 'state', before: describeState[actual.state], after: 'enabled' }];
      if (actual.state === 'enable-pending') {
        return {
          inDesiredState: false,
          action: 'update',
          changes,
          rebootRequired: true,
          notes: [t('note.restartToFinish')],
        };
      }
      // Disabled while Windows waits for a restart: whether Win32_OptionalFeature already shows a
      // requested enable is not documented, so after enabling, a restart is the next step either way.
      return {
        inDesiredState: false,
        action: 'update',
        changes,
        ...(actual.rebootPending ? { rebootRequired: true, notes: [t('note.restartMayComplete')] } : {}),
      };
    },

    async apply(actual, ctx) {
      const host = applyHost(ctx);
      if (actual.state === 'absent' || actual.state === 'unknown')
        throw new Error(t('wsl.noFeature', { name, build: actual.os.build }));
      const outcome = await enableFeature(host, name);
      const dismState = await featureInfoState(host, name);
      ctx.report(t('detail.featureEnabled', { name, restart: Boolean(outcome.rebootRequired), dism: dismState ?? '' }));
    },
  };
}
