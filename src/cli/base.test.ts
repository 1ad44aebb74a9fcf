import { describe, expect, it } from 'vitest';
import { withoutHelpPointer } from './base.js';

describe('withoutHelpPointer', () => {
  it("drops oclif's own --help line, since devbox's suggestion says the same", () => {
    expect(withoutHelpPointer('Expected --plane=windows to be one of: host, guest\nSee more help with --help')).toBe(
      'Expected --plane=windows to be one of: host, guest',
    );
    expect(
      withoutHelpPointer(
        'Parsing --connections \n\tExpected an integer greater than or equal to 1 but received: 0\nSee more help with --help',
      ),
    ).toBe('Parsing --connections \n\tExpected an integer greater than or equal to 1 but received: 0');
    expect(withoutHelpPointer('Unknown flag: --bogus.')).toBe('Unknown flag: --bogus.');
  });
});
