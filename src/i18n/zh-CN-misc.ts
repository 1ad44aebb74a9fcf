/** The Simplified Chinese of en-misc.ts. Part of zh-CN.ts. */
import type { enMisc } from './en-misc.js';

export const zhCNMisc: { readonly [K in keyof typeof enMisc]: (typeof enMisc)[K] } = {
  'backup.schemaRoot': '（根）',
  'backup.scoopNotJson': '不是有效的 JSON',
  'backup.scoopRefused': (p) => `${p.at}：${p.problem}（已拒绝：未恢复）`,

  'manifest.cannotReadExtended': (p) =>
    `无法读取清单 ${p.file}：${p.why}；请修正路径（相对路径以 ${p.from} 所在的文件夹为基准）`,
  'manifest.empty':
    '清单是空的：没有要设置的内容。请以第一行 `extends: builtin:default` 从内置设置开始，或运行 `devbox init` 生成清单',
  'manifest.extendsNotString': '必须是路径或 https:// URL（字符串），或由它们组成的列表',
  'manifest.extendsCycle': (p) => `extends 形成循环：${p.chain}。请删除其中一个 extends`,
  'manifest.extendsTooDeep': (p) => `extends 链超过 ${p.max} 层清单：请把其中一些合并到一个文件`,
  'manifest.remoteNotPinned': (p) =>
    `远程清单 ${p.file} 没有固定校验和：请在 URL 后加上 #sha256=<文件的 sha256>，或使用 --trust-remote`,
  'manifest.remoteCannotDownload': (p) => `无法下载清单 ${p.file}：${p.why}`,
  'manifest.remoteTls':
    '：服务器的 TLS 证书对这个名称不可信。请检查 URL 中的主机；' +
    '如果位于做 TLS 解密的代理之后，请用 --ca-bundle FILE 或 DEVBOX_CA_BUNDLE 加入它的 CA',
  'manifest.remotePinMismatch': (p) =>
    `远程清单 ${p.file} 与固定的校验和不符：期望 sha256 ${p.pin}，实际为 ${p.actual}。文件已更改；请审阅后更新固定值`,
  'manifest.remoteUnpinned': (p) =>
    `远程清单 ${p.file} 未固定校验和即被信任（sha256 ${p.actual}）；请用 #sha256=${p.actual} 固定它`,
  'manifest.remoteNotUtf8': (p) => `远程清单 ${p.file} 不是 UTF-8 文本：请以 UTF-8 保存`,

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
  'probe.what.drives': '驱动器',
  'probe.what.adapters': '网络适配器',
  'probe.what.os': 'Windows 版本',
  'probe.what.task': (p) => `计划任务 ${p.name}`,
  'probe.what.featureState': (p) => `${p.name} 的状态`,
  'probe.what.service': (p) => `服务 ${p.name}`,
  'probe.what.wslVersion': 'WSL 软件包版本',
  'probe.what.vmProcess': 'WSL 虚拟机进程',
  'probe.what.aFile': '文件',
  'probe.what.distros': 'WSL 已注册的发行版',
  'probe.what.restartPending': '是否有待完成的重启',
  'manifest.wholeManifest': '（清单）',
  'manifest.rootPath': '（根）',
};
