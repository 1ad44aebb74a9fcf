import { describe, expect, it } from 'vitest';
import { DamagedPartError } from './restore-files.js';
import { doneBefore } from './restore.js';

describe('a restore stopped part-way', () => {
  it('names what was restored before it, keeping the error itself (class, exit code)', () => {
    const error = new DamagedPartError('scoop-persist.tar.zst', 'changed since it was verified');
    const done = ['wrote C:\\Users\\ann\\.wslconfig', 'added bucket main from its git bundle'];
    const named = doneBefore(error, done);
    expect(named).toBe(error);
    expect(named).toMatchObject({
      exitCode: 4,
      message: [
        'scoop-persist.tar.zst: changed since it was verified',
        'Restored before it stopped, and kept as they are:',
        '  - wrote C:\\Users\\ann\\.wslconfig',
        '  - added bucket main from its git bundle',
      ].join('\n'),
    });
  });

  it('leaves a bug, or a stop before anything was restored, as it is', () => {
    const bug = new TypeError('x is undefined');
    expect(doneBefore(bug, ['wrote a'])).toMatchObject({ message: 'x is undefined' });
    const early = new DamagedPartError('p', 'why');
    expect(doneBefore(early, [])).toMatchObject({ message: 'p: why' });
  });
});
