/** The Simplified Chinese of en-misc.ts. Part of zh-CN.ts. */
import type { enMisc } from './en-misc.js';

export const zhCNMisc: { readonly [K in keyof typeof enMisc]: (typeof enMisc)[K] } = {
  'backup.schemaRoot': '（根）',
  'backup.scoopNotJson': '不是有效的 JSON',
  'backup.scoopRefused': (p) => `${p.at}：${p.problem}（已拒绝：未恢复）`,

  'manifest.cannotReadExtended': (p) =>
    `无法读取清单 ${p.file}：${p.why}；请修正路径（相对路径以 ${p.from} 所在的文件夹为基准）`,

  'help.env': (p) => `[环境变量：${p.name}]`,
  'help.defaultAndEnv': (p) => `[默认：${p.value}，环境变量：${p.name}]`,

  'list.separator': '；',

  'scoop.failedNoInstallJson': (p) => `${p.app} 的所有版本文件夹中都没有 install.json`,
  'scoop.failedNoCurrent': (p) => `apps\\${p.app} 中没有 "current"`,
  'scoop.failedFileMissing': (p) => `缺少 ${p.file}`,
  'scoop.failedFileNotJson': (p) => `${p.file} 不是有效的 JSON`,
  'scoop.failedNoVersion': (p) => `${p.file} 中没有版本号`,

  'guard.scoopWindowsOnly': 'Scoop 只能在 Windows 上检查',
  'guard.scoopWindowsOnlyChange': 'Scoop 只能在 Windows 上更改',
  'guard.hostsWindowsOnly': 'hosts 文件只能在 Windows 上检查',
  'guard.hostsWindowsOnlyChange': 'hosts 文件只能在 Windows 上更改',
  'guard.windowsOnly': 'Windows 资源只能在 Windows 上检查',
  'guard.noNetSmallFiles': '本次运行无法访问网络，不能获取小文件',
  'guard.noNetScoop': '本次运行无法访问网络，不能获取 Scoop 安装程序',
  'guard.noNetWsl': '本次运行无法访问网络，不能获取 WSL 安装程序',
  'guard.noNetImage': '本次运行无法访问网络，不能获取发行版镜像',

  'probe.cannotListSysctl': (p) => `无法列出 sysctl 文件：${p.detail}`,
  'probe.cannotWrite': (p) => `无法写入 ${p.path}：${p.detail}`,
  'probe.cannotSet': (p) => `无法设置 ${p.key}：${p.detail}`,
  'probe.cannotRead': (p) => `无法读取 ${p.what}：${p.detail}`,
  'probe.exit': (p) => `退出码 ${p.code}`,
  'probe.aptSources': 'apt 源文件',
  'probe.dpkgArch': 'dpkg 架构',
  'probe.noResult': (p) => `Windows 探测没有返回 ${p.what} 的结果`,
  'probe.cannotReadWindows': (p) => `无法在 Windows 上读取 ${p.what}：${p.error}`,
  'probe.unexpected': (p) => `Windows 探测对 ${p.what} 返回了意外的结果`,
  'probe.windowsVersion': (p) => `无法读取 Windows 版本：${p.error}`,
  'probe.noAnswer': '没有应答',

  'tool.dismFeature': '无法启用 Windows 功能',
  'tool.regSet': (p) => `无法设置 ${p.value}`,
  'tool.netshAdd': (p) => `无法把 ${p.address} 添加到 "${p.adapter}"`,
  'tool.schtasksCreate': (p) => `无法创建计划任务 ${p.name}`,
  'tool.wslListRunning': '无法列出正在运行的 WSL 发行版',
  'tool.wslList': '无法列出 WSL 发行版',
  'tool.wslStop': '无法停止 WSL',
  'tool.wslDefaultVersion': (p) => `无法把 WSL ${p.version} 设为默认版本`,
  'tool.wslConvert': (p) => `无法把 ${p.name} 转换为 WSL ${p.version}`,
  'tool.wslInstall': (p) => `无法安装 ${p.name}`,
  'tool.wslImport': (p) => `无法从 ${p.file} 导入 ${p.name}`,
  'tool.wslUpdate': '无法安装或更新 WSL 软件包',
  'tool.wslStart': (p) => `无法启动 ${p.name}`,
  'tool.wslFailed': 'wsl.exe 运行失败',
  'tool.wslExitCode': (p) => `退出码 ${p.code}`,
};
