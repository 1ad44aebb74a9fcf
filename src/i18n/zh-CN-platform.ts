/** The Simplified Chinese texts of oclif's parse errors, help labels and platform/net errors (see en-platform.ts). */
import type { enPlatform } from './en-platform.js';

export const zhCNPlatform: { readonly [K in keyof typeof enPlatform]: (typeof enPlatform)[K] } = {
  'cli.listItemEmpty': (p) => `${p.flag}：第 ${p.position} 项（共 ${p.count} 项）为空。`,
  'cli.listItemBlank': (p) => `${p.flag}：第 ${p.position} 项（共 ${p.count} 项）只有空格。`,
  'cli.listItemFixDelimited': (p) =>
    `给 ${p.flag} 的名称以 "${p.delimiter}" 分隔，之间不能为空（不要有重复或末尾的 "${p.delimiter}"），或者不使用这个选项。`,
  'cli.listItemFixRepeated': (p) =>
    `给每个 ${p.flag} 一个值，或者去掉那个 ${p.flag}（未设置的 shell 变量会给出空值）。`,
  'cli.flagNotOneOf': (p) => `${p.given} 无效：取值必须是 ${p.options} 之一`,
  'cli.argNotOneOf': (p) => `参数 ${p.given} 无效：取值必须是 ${p.options} 之一`,
  'cli.flagNotInteger': (p) => `${p.given} 无效：取值必须是整数${p.range ? `（范围 ${p.range}）` : ''}`,
  'cli.unexpectedArgs': (p) => `多余的参数（${p.count} 个）：${p.args}`,
  'cli.missingArgs': (p) => `缺少 ${p.count} 个必需的参数：${p.args}`,
  'cli.missingFlag': (p) => `缺少必需的选项 ${p.flag}`,
  'cli.exclusiveFlags': (p) => `${p.other} 不能与 ${p.flag} 同时使用`,
  'cli.flagErrors': (p) => `发生了以下错误（${p.count} 个）：\n  ${p.reasons}`,
  'help.default': (p) => `[默认：${p.value}]`,
  'help.required': '（必需）',
  'help.options': (p) => `<可选值：${p.options}>`,

  'state.unwritable': (p) => `devbox 无法写入它的状态文件夹：${p.path}（${p.why}）。`,
  'state.unwritableFix':
    '让该文件夹可写，或用 DEVBOX_STATE_DIR 指向一个你可以写入的文件夹（devbox 在那里保存日志记录和运行锁）。',
  'state.locked': (p) => `另一个 devbox 运行（pid ${p.pid}）正在更改这台机器。`,
  'state.lockedFix': (p) => `请等它结束。如果没有 devbox 在运行，请删除 ${p.path}。`,

  'platform.notOnPath': (p) => `在 PATH 中找不到 ${p.file}`,
  'platform.cannotStart': (p) => `无法启动 ${p.file}：${p.error}`,
  'platform.cannotReach': (p) => `无法连接到 ${p.guest}：${p.error}。`,
  'platform.cannotRun': (p) => `无法在 ${p.guest} 中运行命令（${p.file} 退出，结果为 ${p.exit}）。`,
  'platform.runAsRoot': '请以 root 身份运行 devbox（sudo）。',
  'platform.rootOnWindows': '--root 只用于 Linux 上的 guest 平面；在 Windows 上 devbox 通过 wsl.exe 访问发行版。',
  'platform.rootMissing': '不存在',
  'platform.rootNotDir': '不是目录',
  'platform.rootNoBash': '中没有 bin/bash，所以不是 devbox 可以进入的根文件系统（例如用 debootstrap 创建的那种）',
  'platform.badRoot': (p) => `--root ${p.root}：${p.why}。它必须是一个根文件系统的目录（即 chroot 会进入的目录）。`,

  'windows.toolMissing': (p) => `这台 Windows 上没有可用的 ${p.tool}：${p.error}。`,
  'windows.enableWslFirst': '请先启用 WSL（devbox up 的 wsl.features 步骤会做这件事），然后重启 Windows。',
  'windows.powershellMissing': (p) => `无法启动 Windows PowerShell（powershell.exe）：${p.error}。`,
  'windows.dismNotElevated': 'dism.exe 需要管理员权限才能启用 Windows 功能，但没有获得该权限。',
  'windows.dismNotElevatedFix': '从以管理员身份打开的终端运行 devbox，或在 devbox 请求时接受 UAC 提示。',
  'windows.needsAdmin': (p) => `devbox 需要管理员权限来执行：${p.steps}`,
  'windows.uacDeclined': (p) => `${p.what}；Windows UAC 提示被拒绝，因此未做任何更改。`,
  'windows.uacDeclinedFix': '再次运行 `devbox up` 并接受提示，或从以“以管理员身份运行”打开的终端中运行。',
  'windows.uacSkip': (p) => `或者跳过这些步骤：--skip ${p.steps}`,
  'windows.helperNotStarted': (p) => `${p.what}，但无法启动提权的辅助进程（${p.why}）；未做任何更改。`,
  'windows.helperNoAnswer': '没有回应',
  'windows.helperNotConnected': '提权的 devbox 辅助进程已启动，但没有连接回来；未做任何更改。',
  'windows.resumeTooLong': (p) =>
    `devbox 无法登记它的继续运行命令：该命令长 ${p.length} 个字符，而 Windows 的 RunOnce 命令最多只能有 ${p.max} 个字符。`,
  'windows.resumeByHand': '重启之后，请自己运行 `devbox up --resume`。',
  'windows.restartRefused': (p) => `Windows 拒绝安排重启（shutdown.exe 退出码 ${p.exit}）：${p.output}`,
  'windows.restartByHand': '请自己重启 Windows；登录后 devbox 会继续运行。',
  'windows.scriptFailed': (p) => `devbox 的 PowerShell 步骤 ${p.name}.ps1 失败：${p.detail}`,
  'platform.agentFailed': (p) => `${p.guest} 中的 devbox 代理失败：${p.error}`,
  'platform.agentTimedOut': '超时',
  'platform.agentStopped': (p) => `停止（退出 ${p.exit}）`,
  'platform.agentIncomplete': (p) => `${p.guest} 中的 devbox 代理在第 ${p.at} 个操作（共 ${p.of} 个）时${p.why}。`,
  'platform.commandKilled': (p) => `${p.command} 被终止`,
  'platform.commandExited': (p) => `${p.command} 退出，退出码为 ${p.code}`,

  'net.caBundleFlagUnreadable': (p) => `无法读取 CA 证书包 ${p.file}（--ca-bundle 或 DEVBOX_CA_BUNDLE）：${p.error}`,
  'net.noPem': 'CA 证书包中没有 PEM 证书（-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----）。',
  'net.proxyNotUrl': (p) => `代理 "${p.value}" 不是 URL：请写成 http://HOST:PORT。`,
  'net.proxyScheme': (p) => `代理 "${p.value}" 使用了不支持的协议 ${p.scheme}（请用 http://、https:// 或 socks5://）。`,
  'net.notResolver': (p) => `"${p.spec}" 不是 DoH 解析器 URL（例如 https://dns.alidns.com/dns-query）。`,
  'net.resolverNotHttps': (p) => `${p.spec}：DoH 解析器必须是 https:// URL。`,
  'net.resolverFormat': (p) => `${p.spec}：# 后面的格式必须是 json 或 wire。`,
  'net.notHostName': (p) => `"${p.name}" 不是主机名。`,
  'net.redirectLoop': (p) => `重定向循环：${p.chain}`,
  'net.tooManyRedirects': (p) => `重定向超过 ${p.max} 次：${p.chain} → ...`,
  'net.insecureRedirect': (p) => `拒绝从 https 重定向到 ${p.target}`,
  'net.allFailed': (p) => `无法从 ${p.count} 个来源中的任何一个下载 ${p.what}：\n${p.failures}`,
  'net.allFailedFix': '检查网络或代理（HTTPS_PROXY），或添加一个提供同一文件的镜像。',
  'net.checksumFixManifest':
    '服务器发送的内容与清单固定的校验和不符：可能是校验和写错、文件已更改，或镜像被篡改。请向发布者核对清单中的 sha256。',
  'net.checksumFixFlag':
    '服务器发送的内容与 --sha256 给出的校验和不符：可能是校验和输错、文件已更改，或镜像被篡改。请向发布者核对 --sha256 的值。',
  'net.checksumFixPublisher':
    '服务器发送的内容与发布者的校验和文件不符：镜像损坏或被篡改，或发布后文件被更改。请核对文件，再在清单中固定它的 sha256。',
  'net.tlsFix':
    '如果有代理或杀毒软件检查 TLS，请用 --ca-bundle FILE 或 DEVBOX_CA_BUNDLE 添加它的 CA 证书（devbox 从不关闭证书校验）。',
  'net.redirectsFix': '服务器（或强制门户）在循环重定向：换一个镜像，或先登录网络。',
  'net.retryFix': '连接一直失败：稍后重试、换一个镜像，或设置 HTTPS_PROXY。',
  'net.httpStatus': (p) => `服务器返回 HTTP ${p.status}${p.redirectedTo ? `（重定向到 ${p.redirectedTo}）` : ''}`,
  'net.tlsFailed': (p) => `TLS 证书校验失败：${p.why}（${p.code}：${p.detail}）`,
  'net.timedOut': (p) => `超时（${p.code}）`,
  'net.noSuchHost': (p) => `无法解析主机名（${p.detail}）`,
  'net.checksumMismatch': (p) =>
    `校验和不符：期望 sha256 ${p.expected}，实际为 ${p.actual}（${p.size} 字节` +
    `${p.resumed ? '，部分来自之前被中断的运行' : ''}）`,
};
