import { describe, expect, it } from 'vitest';
import { editDistance } from '../util/edit-distance.js';
import { closest } from './closest.js';

describe('closest', () => {
  it('measures edits', () => {
    expect(editDistance('pln', 'plan')).toBe(1);
    expect(editDistance('statsu', 'status')).toBe(1);
    expect(editDistance('plna', 'plan')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('', 'up')).toBe(2);
  });
  it('suggests the nearest command or flag, or nothing when none is close', () => {
    const commands = ['plan', 'up', 'status', 'doctor', 'init', 'manifest validate', 'net fetch', 'net resolve'];
    expect(closest('pln', commands)).toBe('plan');
    expect(closest('plna', commands)).toBe('plan');
    expect(closest('stauts', commands)).toBe('status');
    expect(closest('net fetc', commands)).toBe('net fetch');
    expect(closest('docter', commands)).toBe('doctor');
    expect(closest('deploy', commands)).toBeUndefined();
    expect(closest('--jsn', ['--json', '--yes', '--manifest'])).toBe('--json');
    expect(closest('--dryrun', ['--dry-run', '--resume'])).toBe('--dry-run');
  });
  it('counts a swap of two neighbouring letters as one slip', () => {
    expect(editDistance('plna', 'plan')).toBe(1);
    expect(editDistance('statsu', 'status')).toBe(1);
    expect(editDistance('pln', 'plan')).toBe(1);
    expect(editDistance('', 'up')).toBe(2);
    const commands = ['plan', 'up', 'status', 'doctor', 'init'];
    expect(closest('plna', commands)).toBe('plan');
    expect(closest('uo', commands)).toBe('up');
  });
});
