import { describe, expect, it } from 'vitest';
import { debugDropIn, debugDropInPath, execStartBinary, ideConfigs, originalExecStart } from './kubelet.js';
import { readBuild } from './ops.js';

const kindUnit = `# /etc/systemd/system/kubelet.service
[Service]
ExecStart=/usr/bin/kubelet
Restart=always

# /etc/systemd/system/kubelet.service.d/10-kubeadm.conf
[Service]
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

describe('kubelet under Delve', () => {
  it("finds kubelet's effective ExecStart through drop-ins", () => {
    expect(originalExecStart(kindUnit)).toBe(
      '/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS',
    );
  });

  it("ignores devbox's own drop-in, so a second run and --restore see the original", () => {
    const dropIn = debugDropIn({ port: 2345, kubelet: '/usr/bin/kubelet', execStart: originalExecStart(kindUnit)! });
    const withOurs = `${kindUnit}\n# ${debugDropInPath}\n${dropIn}`;
    expect(originalExecStart(withOurs)).toBe(originalExecStart(kindUnit));
  });

  it('wraps kubelet in dlv exec with its arguments after --', () => {
    const text = debugDropIn({
      port: 40000,
      kubelet: '/usr/local/bin/kubelet-devbox-debug',
      execStart: '/usr/bin/kubelet $KUBELET_KUBEADM_ARGS --v=2',
    });
    expect(text.split('\n').filter((l) => l.startsWith('ExecStart='))).toEqual([
      'ExecStart=',
      'ExecStart=/usr/local/bin/dlv-devbox exec --headless --accept-multiclient --api-version=2 --listen=:40000 --continue /usr/local/bin/kubelet-devbox-debug -- $KUBELET_KUBEADM_ARGS --v=2',
    ]);
    expect(execStartBinary('-/usr/bin/kubelet --x')).toBe('/usr/bin/kubelet');
  });

  it('prints IDE settings for the address', () => {
    const ide = ideConfigs('172.18.0.2', 2345);
    expect(ide.vscode.configurations[0]).toMatchObject({
      type: 'go',
      request: 'attach',
      mode: 'remote',
      host: '172.18.0.2',
      port: 2345,
    });
    expect(ide.goland).toContain('Go Remote');
    expect(ide.goland).toContain('Port: 2345');
  });
});

describe('readBuild', () => {
  const info = (gc: string, ld?: string) =>
    [
      'path=/src/k/_output/bin/kubelet',
      '/src/k/_output/bin/kubelet: go1.19.8',
      '\tpath\tk8s.io/kubernetes/cmd/kubelet',
      '\tbuild\t-compiler=gc',
      `\tbuild\t-gcflags=${gc}`,
      ...(ld ? [`\tbuild\t-ldflags=${ld}`] : []),
      '\tbuild\tCGO_ENABLED=0',
    ].join('\n');
  it('accepts a DBG=1 build: -N -l, not stripped', () => {
    expect(readBuild(info('"all=-N -l"'))).toEqual({ path: '/src/k/_output/bin/kubelet', problems: [], checked: true });
  });
  it('names what makes a release build unfit for Delve', () => {
    expect(readBuild(info('""', '"-s -w -X k8s.io/x=1"')).problems).toEqual([
      'optimisations are on (no -gcflags -N)',
      'inlining is on (no -gcflags -l)',
      'it is stripped (-ldflags -s -w -X k8s.io/x=1)',
    ]);
  });
  it('says when Go recorded nothing to check', () => {
    expect(readBuild('path=/k/_output/local/go/bin/kubelet\n')).toEqual({
      path: '/k/_output/local/go/bin/kubelet',
      problems: [],
      checked: false,
    });
  });
});
