import { describe, expect, it } from 'vitest';
import { PrerequisiteError } from '../../errors.js';
import { enableFeatureArgs, interpretEnable, parseFeatureState } from './dism.js';

describe('dism', () => {
  it('always asks for English output, never restarts, and enables parents too', () => {
    expect(enableFeatureArgs('VirtualMachinePlatform')).toEqual([
      '/Online',
      '/NoRestart',
      '/English',
      '/Enable-Feature',
      '/FeatureName:VirtualMachinePlatform',
      '/All',
    ]);
    expect(() => enableFeatureArgs('x /Quiet')).toThrow('invalid optional feature name');
  });

  it('maps exit codes: 0 done, 3010 restart needed, 740 not elevated, anything else an error with the output', () => {
    expect(interpretEnable([], 0, '')).toEqual({ rebootRequired: false });
    expect(interpretEnable([], 3010, '')).toEqual({ rebootRequired: true });
    expect(() => interpretEnable([], 740, '')).toThrow(PrerequisiteError);
    expect(() => interpretEnable(['/x'], 2148532236, 'Feature name X is unknown.')).toThrow(
      /exited with code 2148532236\nFeature name X is unknown\./,
    );
  });

  it('reads the State line of /English /Get-FeatureInfo', () => {
    expect(
      parseFeatureState(
        '\r\nFeature Name : VirtualMachinePlatform\r\nRestart Required : Possible\r\nState : Enable Pending\r\n\r\n',
      ),
    ).toBe('Enable Pending');
    expect(parseFeatureState('状态 : 已启用\r\n')).toBeUndefined();
  });
});
