import { describe, expect, it } from 'vitest';
import { daemonJsonChanges, readDaemonJson, renderDaemonJson } from './daemon-json.js';

describe('daemon.json', () => {
  it('adds devbox keys and keeps every other byte', () => {
    const text =
      '{\n    "log-driver": "json-file",\n    "log-opts": {"max-size": "10m"},\n    "data-root": "/srv/docker"\n}\n';
    const out = renderDaemonJson(text, { registryMirrors: ['https://m.example'], cgroupDriver: 'systemd' });
    expect(
      out.startsWith(
        '{\n    "log-driver": "json-file",\n    "log-opts": {"max-size": "10m"},\n    "data-root": "/srv/docker"',
      ),
    ).toBe(true);
    expect(readDaemonJson(out)).toEqual({
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '10m' },
      'data-root': '/srv/docker',
      'registry-mirrors': ['https://m.example'],
      'exec-opts': ['native.cgroupdriver=systemd'],
    });
  });

  it('replaces only the cgroup driver among exec-opts', () => {
    const text = '{"exec-opts": ["native.cgroupdriver=cgroupfs", "other=1"], "registry-mirrors": ["https://a"]}';
    const out = renderDaemonJson(text, { registryMirrors: ['https://a'], cgroupDriver: 'systemd' });
    expect(readDaemonJson(out)['exec-opts']).toEqual(['other=1', 'native.cgroupdriver=systemd']);
    expect(out).toContain('"registry-mirrors": ["https://a"]');
  });

  it('is unchanged when in desired state, and leaves keys the manifest does not set', () => {
    const text = '{"registry-mirrors": ["https://a"]}\n';
    expect(daemonJsonChanges(text, { registryMirrors: ['https://a'] })).toEqual([]);
    expect(renderDaemonJson(text, { registryMirrors: ['https://a'] })).toBe(text);
    expect(daemonJsonChanges('', { registryMirrors: [] })).toEqual([]);
    expect(daemonJsonChanges('{"exec-opts": ["native.cgroupdriver=cgroupfs"]}', { registryMirrors: [] })).toEqual([]);
  });

  it('writes a new file when there is none', () => {
    expect(readDaemonJson(renderDaemonJson('', { registryMirrors: ['https://a'] }))).toEqual({
      'registry-mirrors': ['https://a'],
    });
  });

  it('refuses a file dockerd itself would refuse', () => {
    expect(() => readDaemonJson('{"a": 1,}')).toThrow(/not valid JSON/);
    expect(() => readDaemonJson('[1]')).toThrow(/not a JSON object/);
  });
});
