/** The Simplified Chinese errors raised inside resources (see en-errors.ts); part of zh-CN.ts. */
import type { Catalogue } from './catalogue.js';
import type { enErrors } from './en-errors.js';

export const zhCNErrors: Pick<Catalogue, keyof typeof enErrors> = {
  'hosts.noVerifiedAddress': (p) =>
    `${p.name} 没有任何地址能证明自己是 ${p.name}（持有对该名称有效的证书），hosts 文件保持原样。` +
    `${p.details ? `\n${p.details}` : ''}`,
  'hosts.rejected': (p) => `  ${p.address}：${p.why}（来自 ${p.resolvers}）`,
  'hosts.resolverFailed': (p) => `  解析器 ${p.resolver}：${p.error}`,
  'hosts.noAddresses': '  解析器没有返回任何地址',
  'hosts.useProxyFix':
    '未通过 TLS 校验的地址是被污染的应答或被封锁的服务器；hosts 条目解决不了 SNI 过滤：' +
    '这类域名请使用代理（scoop.proxy、HTTPS_PROXY）。',
  'hosts.resolversFix': '可以用 hosts.resolvers（或 DEVBOX_DOH_RESOLVERS）设置其他 DoH 解析器。',
  'hosts.noVerifiedValue': (p) => `（没有通过校验的地址：${p.error}）`,
  'hosts.pinnedUnproved': (p) =>
    `清单把 ${p.name} 固定为 ${p.address}，但 ${p.address} 无法证明是 ${p.name}：${p.why}。devbox 不会写入无法证明的地址。`,
  'hosts.pinnedUnprovedFix': (p) =>
    `使用 address: auto 查找通过校验的地址、固定另一个地址，或为 ${p.name} 设置 verifyTls: false 以不经校验写入。`,
  'hosts.busy': (p) => `另一个程序占用着 hosts 文件（${p.error}）；devbox 重试后放弃，文件未改动。`,
  'hosts.busyFix': '关闭打开了 hosts 文件的编辑器（或等杀毒软件扫描结束），然后再运行一次 devbox up。',
  'hosts.race': 'devbox 编辑 hosts 文件期间另一个程序不断改动它；devbox 没有写入任何内容。请再运行一次 devbox up。',
  'hosts.blockBroken': (p) => `${p.error}；请手动修正，devbox 不会猜测哪些行属于它。`,
  'hosts.outsideUnproved': (p) =>
    `${p.name} 在 devbox 的区块外有一个条目（第 ${p.line} 行：${p.address}），它无法证明是 ${p.name}：${p.why}。` +
    'Windows 使用的是这一行；devbox 从不编辑区块外的行，也不会为同一个名称再添加一条。',
  'hosts.outsideUnprovedFix': (p) => `删除 hosts 文件的第 ${p.line} 行（或修正它的地址），然后运行 ${p.refresh}。`,

  'wsl.installerMissing': (p) => `离线 WSL 安装程序 ${p.file} 不存在。`,
  'wsl.installerSha256': (p) =>
    `离线 WSL 安装程序 ${p.file} 的 sha256 是 ${p.actual}，不是清单固定的 ${p.pinned}；devbox 不会运行它。`,
  'wsl.installerFailed': (p) => `安装 ${p.file} 失败：msiexec.exe 退出码 ${p.code}。${p.output}`.trim(),
  'wsl.updateFailed': (p) =>
    `${p.error}\n如果这里无法访问 github.com，请把 wsl.update.offlineInstaller 设为一个 WSL .msi（路径，或带 sha256 的 https URL）。`,
  'wsl.imageMissing': (p) => `发行版镜像 ${p.file} 不存在。`,
  'wsl.imageSha256': (p) =>
    `发行版镜像 ${p.file} 的 sha256 是 ${p.actual}，不是清单固定的 ${p.pinned}；devbox 不会导入它。`,
  'wsl.userNotCreated': (p) => `无法在 ${p.distro} 中创建用户 ${p.user}：${p.error}`,
  'wsl.oldWindows': (p) =>
    `WSL 2 需要 Windows 10 版本 2004（内部版本 ${p.minimum}）或更高；这台 Windows 的内部版本是 ${p.build}。请先更新 Windows。`,
  'wsl.noFeature': (p) => `Windows 没有可启用的可选功能 ${p.name}（内部版本 ${p.build}）`,

  'scoop.failed': (p) =>
    `${p.what}：\`scoop ${p.command}\`（退出码 ${p.code}${p.timedOut ? '，已超时' : ''}，Scoop 设置的退出码并不可靠；` +
    `devbox 检查了文件）${p.output ? `\n${p.output}` : ''}`,
  'scoop.none': '无',
  'scoop.elevated': (p) =>
    `${p.what} 不能以管理员身份运行，而当前 devbox 正以提升的权限运行：Scoop 会被安装到管理员账户下（它的安装程序会直接拒绝）。`,
  'scoop.elevatedFix':
    '请在普通终端（不是“以管理员身份运行”）中运行 `devbox up`；需要管理员权限的步骤，devbox 会自己申请。',
  'scoop.configInvalid': (p) => `无法编辑 Scoop 的 ${p.file}：${p.error}。devbox 不会覆盖它无法读取的文件。`,
  'scoop.configInvalidFix': (p) => `修正或删除 ${p.file}（Scoop 会重新创建它），然后再运行一次 devbox up。`,
  'scoop.configBusy': (p) => `${p.file} 被另一个程序占用：${p.error}`,
  'scoop.configRace':
    'devbox 编辑 Scoop 的 config.json 期间另一个程序不断改动它；devbox 的更改没有丢失，也没有写入一半。请再运行一次 devbox up。',
  'scoop.installFailed': (p) => `把 Scoop 安装到 ${p.root} 没有成功`,
  'scoop.bucketAddFailed': (p) => `从 ${p.from} 添加 bucket ${p.name} 没有成功`,
  'scoop.bucketRemoveFailed': (p) => `删除 bucket ${p.name} 没有成功`,
  'scoop.uninstallFailed': (p) => `卸载 ${p.name} 没有成功`,
  'scoop.appFailed': (p) => `安装 ${p.app} 没有成功${p.detail ? `（${p.detail}）` : ''}`,
  'scoop.leftFailed': (p) => `留下了安装失败的残留：${p.reason}`,
  'scoop.blockedFix':
    '在 GitHub 被封锁的网络中下载失败，通常可以用 hosts 条目（hosts.entries，address: auto）或 scoop.proxy 解决。',
};
