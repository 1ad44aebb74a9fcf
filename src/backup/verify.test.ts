import { describe, expect, it } from 'vitest';
import { parseBackupManifest } from './verify.js';

describe('a backup manifest that devbox cannot read', () => {
  const parse = (text: string) => () => parseBackupManifest('/b', Buffer.from(text));
  it('from a newer devbox: says so and how to update, exit 7', () => {
    expect(parse('{"schema":99,"parts":[]}')).toThrow(
      expect.objectContaining({
        message: '/b was written by a newer devbox (backup schema 99); this devbox reads schema 1.',
        exitCode: 7,
      }),
    );
  });
  it('not an object: names the root, exit 4', () => {
    expect(parse('[]')).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/does not match schema 1: \(root\): /), exitCode: 4 }),
    );
  });
  it('missing or damaged', () => {
    expect(() => parseBackupManifest('/b', undefined)).toThrow('manifest.json is missing');
    expect(parse('{')).toThrow('manifest.json is not valid JSON (damaged)');
  });
});
