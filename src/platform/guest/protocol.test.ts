import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch, agentSource } from './protocol.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('agent protocol', () => {
  it('sends the script, the entry line, one line per operation and an end marker', () => {
    const text = encodeBatch([
      { op: 'read', path: '/etc/wsl.conf' },
      { op: 'run', argv: ['sysctl', '-n', 'x'], stdin: 'in' },
      { op: 'write', path: '/a', content: 'x; rm -rf /\n', mode: '644' },
      { op: 'remove', path: '/b' },
    ]).toString();
    expect(text.startsWith(agentSource())).toBe(true);
    const lines = text.slice(agentSource().length).split('\n');
    expect(lines).toEqual([
      '',
      '__devbox_main; exit $?',
      `read b${b64('/etc/wsl.conf')}`,
      `run b${b64('in')} b${b64('sysctl')} b${b64('-n')} b${b64('x')}`,
      `write b${b64('/a')} b${b64('644')} b${b64('x; rm -rf /\n')}`,
      `remove b${b64('/b')}`,
      'end',
      '',
    ]);
  });

  it('never puts a value in the clear: every field is "b" + base64', () => {
    const hostile = ['$(touch /tmp/pwned)', '`id`', "'; reboot; '", 'a b\tc\nd', '\u0000'];
    const text = encodeBatch([{ op: 'run', argv: hostile }]).toString();
    const opLine = text.split('\n').find((l) => l.startsWith('run '))!;
    for (const field of opLine.split(' ').slice(1)) expect(field).toMatch(/^b[A-Za-z0-9+/=]*$/);
  });

  it('decodes results by index, files, errors and noise', () => {
    const out = [
      'wsl: a warning relayed on stdout',
      '{"hello":"devbox-agent","uid":0}',
      `{"i":1,"code":3,"out":"${b64('o')}","err":"${b64('e')}"}`,
      `{"i":0,"code":0,"kind":"symlink","mode":"777","uid":"0","gid":"0","immutable":false,"target":"${b64('/mnt/wsl/resolv.conf')}","content":"${b64('nameserver 1.1.1.1\n')}"}`,
      `{"i":2,"code":1,"error":"${b64('cannot replace /x')}"}`,
    ].join('\r\n');
    const decoded = decodeBatch(Buffer.from(out), 3);
    expect(decoded.started).toBe(true);
    expect(decoded.uid).toBe(0);
    expect(decoded.noise).toEqual(['wsl: a warning relayed on stdout']);
    expect(decoded.results[0]!.file).toEqual({
      kind: 'symlink',
      immutable: false,
      target: '/mnt/wsl/resolv.conf',
      content: Buffer.from('nameserver 1.1.1.1\n'),
      mode: '777',
      uid: 0,
      gid: 0,
    });
    expect(decoded.results[1]).toMatchObject({ code: 3, stdout: Buffer.from('o'), stderr: Buffer.from('e') });
    expect(decoded.results[2]!.error).toBe('cannot replace /x');
  });

  it('leaves missing results undefined when the agent died part-way', () => {
    const decoded = decodeBatch(Buffer.from('{"hello":"devbox-agent","uid":0}\n{"i":0,"code":0}\n'), 2);
    expect(decoded.results[1]).toBeUndefined();
  });
});
