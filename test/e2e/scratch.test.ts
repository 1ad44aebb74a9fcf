import { it } from 'vitest';
import { WindowsMachine } from '../winsim/machine.js';
import { cachedRootfsTarball } from '../rig/rootfs.js';
import { runDevbox } from '../rig/cli.js';

it('scratch', async () => {
  const m = WindowsMachine.create({ preset: 'win10', locale: 'zh-CN', catalogue: { 'Ubuntu-24.04': { friendlyName: 'Ubuntu 24.04 LTS', tarball: cachedRootfsTarball() } } });
  try {
    const sel = ['--only', 'wsl.*,network.fixedIp,distro.wslconf'];
    let r = runDevbox(['plan', ...sel], { env: m.env });
    console.log('PLAN', r.code, r.stdout, r.stderr);
    r = runDevbox(['up', '--yes', ...sel], { env: m.env });
    console.log('UP1', r.code, r.stdout, r.stderr);
    console.log(JSON.stringify(m.state().features), m.state().uac, m.processLog().map((e) => e.tool + ' ' + e.args.join(' ')).join('\n'));
    m.reboot();
    const runs = await m.logon();
    console.log('LOGON', JSON.stringify(runs, null, 1));
    r = runDevbox(['status', ...sel], { env: m.env });
    console.log('STATUS', r.code, r.stdout, r.stderr);
    m.clearProcessLog();
    r = runDevbox(['up', '--yes', ...sel], { env: m.env });
    console.log('UP2', r.code, r.stdout, r.stderr, m.processLog());
  } finally {
    m.dispose();
  }
});
