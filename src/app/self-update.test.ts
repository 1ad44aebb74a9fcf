import { describe, expect, it } from 'vitest';
import { ExitCode, UserError } from '../errors.js';
import { refuseDowngrade } from './self-update.js';

describe('refuseDowngrade', () => {
  it('lets the same or a newer release through', () => {
    expect(() => refuseDowngrade('0.1.0', '0.1.0', false)).not.toThrow();
    expect(() => refuseDowngrade('0.1.0', '0.10.0', false)).not.toThrow();
  });

  it('refuses an older release (exit 4) unless forced', () => {
    const attempt = () => refuseDowngrade('0.10.0', '0.9.3', false);
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/names devbox 0\.9\.3, older than the running 0\.10\.0/);
    try {
      attempt();
    } catch (error) {
      expect((error as UserError).exitCode).toBe(ExitCode.applyFailed);
    }
    expect(() => refuseDowngrade('0.10.0', '0.9.3', true)).not.toThrow();
  });
});
