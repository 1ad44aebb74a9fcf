import { describe, expect, it } from 'vitest';
import { parseClusterOutput, parseScan } from './scan.js';

describe('parseScan', () => {
  it('rejects what the scanner does not print', () => {
    expect(parseScan('not json')).toBeUndefined();
    expect(parseScan('{"procs": 3}')).toBeUndefined();
  });
});

describe('parseClusterOutput', () => {
  const out = [
    '@@node devbox-control-plane 4242 control-plane',
    '@@runc-path /opt/devbox/runc/runc',
    '@@runc-version',
    'runc version 1.0.0-rc93',
    'commit: 12644e61',
    '@@runc-sha256 ' + 'a'.repeat(64),
    '@@kubelet-log',
    'E1130 14:02:03.000000 123 kubelet.go:2412] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m4.1s ago; threshold is 3m0s"',
    '@@nodes',
    'devbox-control-plane\tFalse\tKubeletNotReady\tPLEG is not healthy: pleg was last seen active 3m4.1s ago; threshold is 3m0s',
    'devbox-worker\tTrue\tKubeletReady\tkubelet is posting ready status',
    '@@done',
    '@@node devbox-worker 4300 worker',
    'Error response from daemon: container 123 is not running',
    '@@end',
    '',
  ].join('\n');

  it('reads each node section', () => {
    const r = parseClusterOutput(out);
    expect(r.dockerError).toBeUndefined();
    expect(r.nodes).toHaveLength(2);
    const [cp, worker] = r.nodes;
    expect(cp).toMatchObject({
      name: 'devbox-control-plane',
      pid: 4242,
      role: 'control-plane',
      runcPath: '/opt/devbox/runc/runc',
      runcVersionText: 'runc version 1.0.0-rc93\ncommit: 12644e61',
      runcSha256: 'a'.repeat(64),
    });
    expect(cp!.kubeletLines).toHaveLength(1);
    expect(cp!.nodes.map((n) => [n.name, n.ready, n.reason])).toEqual([
      ['devbox-control-plane', 'False', 'KubeletNotReady'],
      ['devbox-worker', 'True', 'KubeletReady'],
    ]);
    expect(worker).toMatchObject({
      name: 'devbox-worker',
      pid: 4300,
      kubeletLines: [],
      nodes: [],
      noise: ['Error response from daemon: container 123 is not running'],
    });
  });

  it('keeps docker errors', () => {
    expect(parseClusterOutput('@@docker-error\nCannot connect to the Docker daemon\n')).toEqual({
      dockerError: 'Cannot connect to the Docker daemon',
      nodes: [],
    });
  });
});
