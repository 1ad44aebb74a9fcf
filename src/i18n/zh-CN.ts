/**
 * The Simplified Chinese catalogue. Typed as the English one: a missing or extra key, or a message
 * with other parameters, is a compile error. Terms follow what Chinese developers write (WSL, Scoop,
 * 镜像源, 清单 for the manifest); command names, flags, file names and ids stay as they are.
 */
import type { Catalogue } from './catalogue.js';
import type { enCore } from './en.js';
import { joinParts } from './join-parts.js';
import { zhCNDetail } from './zh-CN-detail.js';
import { zhCNDoctor } from './zh-CN-doctor.js';
import { zhCNErrors } from './zh-CN-errors.js';
import { zhCNErrorsCluster } from './zh-CN-errors-cluster.js';
import { zhCNErrorsGuest } from './zh-CN-errors-guest.js';
import { zhCNInit } from './zh-CN-init.js';
import { zhCNNotes } from './zh-CN-notes.js';
import { zhCNResources } from './zh-CN-resources.js';
import { zhCNCommands } from './zh-CN-commands.js';
import { zhCNBackup } from './zh-CN-backup.js';
import { zhCNPlatform } from './zh-CN-platform.js';
import { zhCNManifest } from './zh-CN-manifest.js';
import { zhCNNetDownload } from './zh-CN-net-download.js';
import { zhCNMisc } from './zh-CN-misc.js';
import { zhCNYaml } from './zh-CN-yaml.js';
import { zhCNSchemaRules } from './zh-CN-schema-rules.js';
import { zhCNNetViews } from './zh-CN-net-views.js';
import { zhCNClusterViews } from './zh-CN-cluster-views.js';

const zhCNCore: { readonly [K in keyof typeof enCore]: (typeof enCore)[K] } = {
  'exit.0': '成功',
  'exit.1': '内部错误（devbox 的 bug，请报告）',
  'exit.2': '用法错误（未知参数、参数值错误）',
  'exit.3': '清单无效',
  'exit.4': '有步骤执行失败或未收敛（net resolve：没有通过校验的地址；net rank：没有可用的镜像源）',
  'exit.5': '发现偏差：机器状态与清单不一致',
  'exit.6': '已中断（收到信号、未确认，或需要重启 Windows 才能继续）',
  'exit.7': '缺少前提条件（未以管理员身份运行、不是 root、没有安装 WSL 等）',

  'help.USAGE': '用法',
  'help.ARGUMENTS': '参数',
  'help.FLAGS': '选项',
  'help.GLOBAL FLAGS': '全局选项',
  'help.DESCRIPTION': '说明',
  'help.EXAMPLES': '示例',
  'help.FLAG DESCRIPTIONS': '选项说明',
  'help.ALIASES': '别名',
  'help.VERSION': '版本',
  'help.TOPICS': '主题',
  'help.COMMANDS': '命令',
  'help.EXIT CODES': '退出码',

  'error.line': (p) => `错误：${p.message}`,
  'error.internal': '内部错误（devbox 的 bug，请附上以下内容报告）：',
  'error.seeHelp': '参见 --help。',
  'error.seeCommandHelp': (p) => `参见 devbox ${p.command} --help。`,
  'cli.unknownFlag': (p) => `未知参数：${p.flags}。`,
  'cli.unknownFlags': (p) => `未知参数：${p.flags}。`,
  'cli.didYouMean': (p) => `你是不是想用 ${p.guess}？`,
  'cli.flagDidYouMean': (p) => ` ${p.flag}：你是不是想用 ${p.guess}？`,
  'cli.unknownCommand': (p) => `未知命令“${p.typed}”。`,
  'cli.didYouMeanCommand': (p) => `你是不是想用“${p.guess}”？`,
  'cli.listCommands': 'devbox --help 会列出所有命令。',
  'cli.flagBeforeCommand': (p) => `没有给出命令：${p.flag} 是选项，选项要写在命令之后（devbox plan ${p.flag} …）。`,

  'consent.passYes': '加上 --yes 可不经询问直接应用',
  'consent.required': (p) =>
    `devbox 需要询问“${p.question}”，但当前不在终端中运行（或指定了 --json）：加上 --yes 可不经询问直接应用。`,
  'consent.requiredFix': '在终端中运行以便回答，或加上 --yes。',
  'consent.applyChanges': (p) => `应用 ${p.count} 项变更？`,

  'session.emptyRoot': '--root 为空：请指定一个根文件系统的目录，或去掉 --root 以作用于当前系统。',
  'session.rootWithHostPlane': '--root DIR 只针对 guest 平面：请去掉 --plane host（--root 隐含 --plane guest）。',
  'session.unmatched': (p) => `--only/--skip：${p.patterns} 没有匹配到该清单中的任何资源。有效的 id：\n  ${p.ids}`,
  'session.unmatchedFix': '请使用上面列出的 id、它的类型（如 distro.apt），或通配符（如 distro.*）。',

  'manifest.problems': (p) => `清单有 ${p.count} 个问题：\n${p.issues}`,
  'manifest.problemsFix': '逐条修正上面的问题，然后再次运行 `devbox manifest validate`。',
  'manifest.fileNotFound': '找不到文件',
  'manifest.isDirectory': '这是一个目录',
  'manifest.permissionDenied': '权限不足',
  'manifest.unreadable': (p) => `${p.why}：${p.file}`,
  'manifest.unreadableFix': '检查 -m/--manifest 指定的路径。',
  'manifest.emptyFlag': '-m/--manifest 为空：请指定清单文件或 https URL，或去掉 -m 以使用内置清单。',
  'manifest.warning': '警告：',

  'guest.local': '本机系统',
  'guest.chroot': (p) => `根文件系统 ${p.root}（chroot）`,
  'guest.wsl': (p) => `WSL 发行版 ${p.distro}`,
  'guest.needsRoot': (p) => `更改${p.guest}需要 root 权限。`,
  'guest.needsRootFix': '用 sudo 运行 devbox，或在发行版内以 root 身份运行。',

  'up.nothingToResume': '没有可以继续的中断运行：上一次 `devbox up` 已经完成（或从未运行过）。',
  'up.nothingToResumeFix': '去掉 --resume 运行 `devbox up`。',
  'up.resumeCap': (p) =>
    `运行 ${p.origin} 已经启动过 ${p.attempts} 次仍未完成；为避免失败的步骤无限循环，devbox 不再继续它。`,
  'up.resumeCapFix': '用 `devbox status` 查看失败的步骤，修复原因后运行 `devbox up`（不带 --resume）。',
  'up.rebootCap': (p) =>
    `${p.waiting} 仍在等待 Windows 重启，而本次运行已经启动过 ${p.attempt} 次（上限为 ${p.cap} 次）。` +
    `devbox 不再安排下一次继续，以免一个永远完成不了的步骤让机器反复重启。${p.failures}`,
  'up.rebootCapFix': '查看上面的步骤（常见原因是 Windows 更新或 BIOS 中的虚拟化设置），修复后运行 `devbox up`。',
  'up.restartByHand': (p) => `重启机器以完成：${p.waiting}。然后运行 \`devbox up --resume\`。${p.failures}`,
  'up.restartScheduled': (p) =>
    `需要重启 Windows 才能完成：${p.waiting}。${p.next} 重新登录后 devbox 会自动继续` +
    `（已注册在下次登录时运行一次 \`devbox up --resume\`；第 ${p.attempt} 次，最多 ${p.cap} 次）。${p.failures}`,
  'up.restartScheduledFix': '如果想在重启后手动继续：devbox up --resume',
  'up.failuresList': (p) => `\n以下步骤失败：\n${p.steps}`,
  'up.restartIn': (p) => `Windows 将在 ${p.seconds} 秒后重启（\`shutdown /a\` 可取消）。`,
  'up.restartNow': '请立即重启 Windows。',
  'up.notConfirmed': '未做任何更改：计划未被确认。',
  'up.interrupted': '已中断：剩余步骤未应用。运行 `devbox up --resume` 继续。',
  'up.notConverged': (p) => `${p.count} 个步骤未收敛：\n${p.steps}`,
  'up.wouldFail': (p) => `${p.count} 个步骤将会失败（演练未做任何更改）：\n${p.steps}`,
  'up.wouldFailFix': (p) => `修复上面的原因（\`${p.plan}\` 也会显示它），然后运行 \`${p.up}\`。`,
  'up.notConvergedFix': (p) => `修复上面的原因后再次运行 \`${p.command}\`（或 \`devbox up --resume\`）。`,
  'up.stopping': '当前步骤完成后停止（再按一次 Ctrl-C 立即退出）……',
  'up.nothingToDo': '无需操作：机器已处于期望状态。',

  'net.noFileName': (p) => `${p.url} 中没有可用作保存的文件名。`,
  'net.noFileNameFix': '用 -o FILE 指定输出文件名。',
  'net.notUrl': (p) => `${p.url} 不是 URL：请给出 http:// 或 https:// 地址。`,
  'net.notUrlFix': (p) => `例如 ${p.example}`,
  'net.noMirror': (p) => `没有可用的镜像源：全部 ${p.failed} 个都失败了，或返回了错误的文件。`,
  'net.noMirrorFix': '检查各个 URL 和 --path（以及 --sha256），网络较慢时可调大 --budget。',
  'net.notHttpUrl': (p) => `“${p.url}”不是 http(s) URL。`,
  'net.destIsFolder': (p) => `${p.path} 是一个文件夹：请用 -o FILE 指定要写入的文件。`,
  'net.destNotAFile': (p) =>
    `${p.path} 不是普通文件（而是设备、管道或套接字），下载不会替换它：请用 -o FILE 指定要写入的文件。`,
  'net.destUnderFile': (p) => `无法写入 ${p.path}：${p.file} 是文件，不是文件夹。`,
  'net.alreadyInPlace': (p) => `已在目标位置：${p.what}`,
  'net.fromCache': (p) => `来自缓存：${p.what}`,
  'net.saved': (p) =>
    `已保存 ${p.what}\n  来自 ${p.url}，用时 ${p.seconds} 秒${p.rate ? `（${p.rate}）` : ''}` +
    `${p.resumed ? `，从 ${p.resumed} 处续传` : ''}`,
  'net.gaveUp': (p) => `尝试 ${p.count} 次后放弃`,
  'settings.manifestEmpty': '不能为空：请给出文件路径、https:// URL 或 builtin:default',
  'settings.manifestControl': '不能包含控制字符',
  'settings.manifestHttp': '必须是 https:// URL：devbox 从不通过 http 获取清单',
  'net.notSha256': (p) => `“${p.value}”不是 sha256：必须是 64 位十六进制数字。`,
  'net.noVerifiedAddress': (p) =>
    `${p.name} 没有任何地址通过 TLS 校验（${p.rejected} 个被拒绝）：没有可以写入 hosts 文件的地址。`,
  'net.noVerifiedAddressFix': '换用其他解析器（--resolver），或在被 SNI 阻断时通过代理（--proxy）访问。',
  'net.caBundleUnreadable': (p) => `无法读取 CA 证书包 ${p.file}：${p.reason}`,
  'net.caBundleUnreadableFix': '用 --ca-bundle FILE 或 DEVBOX_CA_BUNDLE 指定一个 PEM 文件。',
  'net.caBundleNotPem': (p) => `CA 证书包 ${p.file} 中没有 PEM 证书（找不到 "${p.marker}" 这一行）。`,

  'task.running': (p) => `运行中 ${p.elapsed}`,
  'task.changed': '已更改',
  'task.wouldChange': '将会更改',
  'task.unchanged': '已处于期望状态',
  'task.failed': '失败',
  'task.blocked': (p) => p.why || '未执行',
  'task.interrupted': '未执行（已中断）',
  'task.skipped': (p) => `已跳过（${p.why}）`,
  'task.reboot': '已更改；Windows 重启后完成',
  'task.transfer': (p) => `${p.done} / ${p.total}（${p.percent}%）`,
  'task.eta': (p) => `剩余 ${p.left}`,
  'task.aptDownloading': 'apt：正在下载',
  'task.aptInstalling': 'apt：正在安装',
  'task.outputTailPart': (p) => `${p.step}：${p.command} 输出的最后 ${p.shown} 行（共 ${p.total} 行）：`,
  'task.outputTail': (p) => `${p.step}：${p.command} 的输出：`,

  'log.written': (p) => `本次运行的日志：${p.path}`,
  'log.unwritable': (p) => `注意：devbox 无法在 ${p.folder} 下写入运行日志（${p.why}），将不记录日志继续运行。`,
  'log.header': 'devbox 运行日志',
  'log.argv': '命令',
  'log.cwd': '目录',
  'log.version': 'devbox',
  'log.plan': '计划',
  'log.start': '开始',
  'log.end': '结束',
  'log.detail': '详情',
  'log.exit': '退出码',

  'render.skipped': (p) => `已跳过：${p.reason}`,
  'render.skippedGroup': (p) => `  已跳过，${p.reason}：${p.types}`,
  'render.note': (p) => `注意：${p.note}`,
  'render.inDesiredState': (p) => `处于期望状态：检查了 ${p.checked} 个资源，没有偏差。`,
  'render.driftFound': (p) => `发现偏差（${p.guest}）：`,
  'render.planTitle': '计划',
  'render.dryRunTitle': '演练（dry run）',
  'render.planFor': (p) => `${p.title}（${p.guest}）：`,
  'render.planCounts': (p) =>
    `${p.create} 个待创建，${p.update} 个待更新，${p.remove} 个待删除，${p.pending} 个待依赖完成后检查，` +
    `${p.noop} 个已处于期望状态，${p.skip} 个已跳过${p.error ? `，${p.error} 个有问题（无法检查或无法应用）` : ''}。`,
  'render.wouldChange': '将会更改',
  'render.changed': '已更改',
  'render.unchanged': '已处于期望状态',
  'render.failed': (p) => `失败：${p.error}`,
  'render.blocked': (p) => `未应用（${p.error}）`,
  'render.dependencyFailed': '依赖的步骤失败',
  'render.interrupted': '未应用（已中断）',
  'render.skippedOutcome': '已跳过',
  'render.rebootRequired': '已更改；Windows 重启后生效',
  'render.duration': (p) => `（${p.ms} ms）`,
  'render.dryRunSummary': (p) =>
    `演练：将会更改 ${p.applied} 项${p.failed ? `，${p.failed} 项将会失败` : ''}；未做任何更改。`,
  'render.done': (p) => `完成：更改了 ${p.applied} 项。`,
  'render.partly': (p) =>
    `更改了 ${p.applied} 项，失败 ${p.failed} 项${p.reboot ? `，${p.waiting} 项等待 Windows 重启` : ''}。`,
  'render.nothingWritten': '演练：不会写入任何内容。',
  'render.dryRunWould': '演练：devbox 将会',
  'render.would': (p) => `  将会 ${p.what}${p.notRun ? ' —— 未运行' : ''}`,
  'render.nothingToReport': (p) => `没有需要报告的问题：检查了 ${p.checked} 个资源，全部处于期望状态。`,
  'render.fix': (p) => `    修复：${p.fix}`,
  'render.problems': (p) => `发现 ${p.count} 个问题。`,
  'render.noProblems': '没有发现问题。',
};

export const zhCN: Catalogue = joinParts(
  zhCNCore,
  zhCNInit,
  zhCNDoctor,
  zhCNResources,
  zhCNNotes,
  zhCNErrors,
  zhCNDetail,
  zhCNErrorsGuest,
  zhCNErrorsCluster,
  zhCNCommands,
  zhCNBackup,
  zhCNPlatform,
  zhCNManifest,
  zhCNNetDownload,
  zhCNMisc,
  zhCNYaml,
  zhCNSchemaRules,
  zhCNNetViews,
  zhCNClusterViews,
);
