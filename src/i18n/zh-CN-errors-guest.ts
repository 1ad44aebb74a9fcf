/** The Simplified Chinese errors of the distro, network and Scoop resources (see en-errors-guest.ts). */
import type { Catalogue } from './catalogue.js';
import type { enErrorsGuest } from './en-errors-guest.js';

export const zhCNErrorsGuest: Pick<Catalogue, keyof typeof enErrorsGuest> = {
  'apt.noEntries': (p) =>
    `没有找到可以指向 ${p.mirror} 的 ${p.distro} 软件源条目（查找了 ${p.where}）；devbox 通过已知的软件源主机、` +
    '发行版的仓库密钥环或 apt 缓存的 Origin 识别条目。请先添加该发行版的源条目，或把你的软件源 URL 写到 apt.mirror。',
  'apt.noSourceFiles': '没有任何源文件',
  'apt.cannotWrite': (p) => `无法写入 ${p.file}：${p.error}`,
  'apt.updateFailedAt': (p) => `通过 ${p.mirror}（${p.root}）执行 apt-get update 失败：\n  ${p.lines}`,
  'apt.updateFailed': (p) => `通过 ${p.mirror} 执行 apt-get update 失败：\n  ${p.lines}`,
  'apt.notRestored': (p) => `无法恢复 ${p.files}：原文件保存在 /var/backups/devbox 下。`,
  'apt.restored': (p) => `已把 ${p.files} 恢复原样。`,
  'apt.removedAgain': (p) => `已重新删除 ${p.file}；其他源文件未被改动。`,
  'apt.mirrorFix': '请确认该镜像源提供你的发行版和版本，或换一个（apt.mirror：名称、URL 或 auto）。',
  'apt.installFailed': (p) => `apt-get install ${p.packages} 失败：\n${p.output}`,
  'apt.noCandidate': (p) => `没有候选镜像源在 ${p.ms} ms 内提供 dists/${p.suite}/InRelease：${p.failures}`,
  'apt.unsupported': (p) => `distro.apt 管理基于 Debian 和 Ubuntu 的发行版；这个发行版是 ${p.id}`,

  'dns.notResolved': (p) =>
    `通过 ${p.nameservers} 无法解析 ${p.name}（getent -s dns ahosts ${p.name} 没有找到任何结果）`,
  'dns.notPutBack': (p) => `无法把原来的 ${p.file} 放回去（${p.errors}）；原文件保存在 /var/backups/devbox 下。`,
  'dns.putBack': (p) => `原来的 ${p.file}（${p.was}）已放回原处。`,
  'dns.failed': (p) => `${p.why}。${p.after}`,
  'dns.nameserversFix': (p) => `请确认这些 DNS 服务器在发行版内可以应答，或把 ${p.key} 设为它们能解析的域名。`,
  'dns.notAFile': (p) => `${p.file} 是${p.directory ? '目录' : '特殊文件'}；请把它移走，然后再运行 devbox`,
  'wslconf.notAFile': (p) => `${p.file} 是${p.directory ? '目录' : '特殊文件'}，不是普通文件`,
  'wslconf.cannotWrite': (p) => `无法写入 ${p.file}：${p.error}`,

  'network.noInterface': (p) =>
    `发行版中没有网卡 ${p.iface}（现有 ${p.interfaces}）；请设置 distro.network.fixedIp.interface`,
  'network.conflict': (p) => `无法使用固定 IP ${p.cidr}：${p.conflicts}`,
  'network.conflictFix':
    '请在发行版中没有其他东西使用的子网里选择 distro.network.fixedIp.address 和 hostAddress，' +
    '例如 192.168.50.2/24 和 192.168.50.1。',
  'network.notMirrored': '.wslconfig 没有选择镜像网络模式（见 wsl.config）',
  'network.noMirrored': (p) => `${p.reason}；请选择 nat-registry 或 alias 策略`,

  'scoop.envDecides': (p) =>
    `Scoop 的 ${p.dir} 由 ${p.scope} 环境变量 ${p.name}=${p.value} 决定，而不是清单中的 ${p.want}。` +
    'devbox 不会改动你的环境变量。',
  'scoop.envDecidesFix': (p) =>
    `在环境变量中删除 ${p.name}（或把它设为 ${p.want}），或在清单中把 scoop.${p.dir} 设为 ${p.value}。`,
  'scoop.elsewhere': (p) => `Scoop 已安装在 ${p.folders}；devbox 不会在 ${p.root} 再装一份 Scoop。`,
  'scoop.elsewhereFix':
    '请在清单中把 scoop.root（以及 globalRoot）设为现有的目录，或先卸载那个 Scoop（scoop uninstall scoop）。',
  'scoop.bucketBlockedFix': (p) =>
    `如果这里无法访问 ${p.host}，请为该 bucket 设置镜像（scoop.buckets[].mirror，例如 Gitee 上的副本），或设置 scoop.proxy。`,
  'scoop.mirrorFailedToo': (p) => `${p.first}\n\n镜像也不可用：\n${p.second}`,
};
