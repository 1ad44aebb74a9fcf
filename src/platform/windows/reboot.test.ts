import { describe, expect, it } from 'vitest';
import { FakeHost } from '../../../test/fakes/fake-host.js';
import { WindowsReboot } from './reboot.js';

describe('WindowsReboot', () => {
  it('registers `devbox up --resume` in RunOnce as one quoted command line', async () => {
    const host = new FakeHost().on((c) => (c.tool === 'reg.exe' ? {} : undefined));
    const reboot = new WindowsReboot(host, {
      file: 'C:\\Program Files\\nodejs\\node.exe',
      args: ['C:\\Users\\dev\\AppData\\Roaming\\npm\\node_modules\\devbox\\bin\\run.js'],
    });
    const line = await reboot.scheduleResume(['up', '--resume', '--yes']);
    expect(line).toBe(
      '"C:\\Program Files\\nodejs\\node.exe" C:\\Users\\dev\\AppData\\Roaming\\npm\\node_modules\\devbox\\bin\\run.js up --resume --yes',
    );
    expect(host.commands).toEqual([
      {
        tool: 'reg.exe',
        args: [
          'add',
          'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
          '/v',
          'devbox-resume',
          '/t',
          'REG_SZ',
          '/d',
          line,
          '/f',
        ],
      },
    ]);
  });

  it('refuses a command line longer than RunOnce runs', async () => {
    const reboot = new WindowsReboot(new FakeHost(), { file: `C:\\${'x'.repeat(250)}\\node.exe`, args: ['run.js'] });
    await expect(reboot.scheduleResume(['up', '--resume'])).rejects.toThrow(/at most 260/);
  });

  it('restarts with a countdown the user can cancel', async () => {
    const host = new FakeHost().on((c) => (c.tool === 'shutdown.exe' ? {} : undefined));
    await new WindowsReboot(host, { file: 'node', args: [] }).restart(60);
    expect(host.commands[0]!.args.slice(0, 3)).toEqual(['/r', '/t', '60']);
  });
});
