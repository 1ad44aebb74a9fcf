import { describe, expect, it } from 'vitest';
import { confirmWith, ConsentRequiredError } from './consent.js';
import { ExitCode } from '../errors.js';

describe('confirmWith', () => {
  it('--yes answers yes without asking', async () => {
    const ask = () => {
      throw new Error('asked');
    };
    await expect(confirmWith({ yes: true, ask }, 'Apply?')).resolves.toBe(true);
  });
  it('at a terminal the answer is the user’s', async () => {
    await expect(confirmWith({ yes: false, ask: async () => false }, 'Apply?')).resolves.toBe(false);
    await expect(confirmWith({ yes: false, ask: async () => true }, 'Apply?')).resolves.toBe(true);
  });
  it('nobody to ask and no --yes: a usage error that says to pass --yes', async () => {
    const refused = confirmWith({ yes: false }, 'Apply 3 change(s)?');
    await expect(refused).rejects.toBeInstanceOf(ConsentRequiredError);
    await expect(refused).rejects.toMatchObject({
      exitCode: ExitCode.usage,
      message: expect.stringContaining('pass --yes to apply without asking'),
    });
  });
});
