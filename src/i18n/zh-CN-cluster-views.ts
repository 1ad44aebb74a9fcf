/** The Simplified Chinese text of the cluster's views and checks (see en-cluster-views.ts); part of zh-CN.ts. */
import type { Catalogue } from './catalogue.js';
import type { enClusterViews } from './en-cluster-views.js';

export const zhCNClusterViews: Pick<Catalogue, keyof typeof enClusterViews> = {
  'clusterView.heading': (p) => `集群${p.cluster ? ` ${p.cluster}` : ''}：`,
  'clusterView.pipes': (p) =>
    `管道：fs.pipe-user-pages-soft=${p.soft} fs.pipe-user-pages-hard=${p.hard}；` +
    `探测管道（uid 0，无 CAP_SYS_RESOURCE）：${p.canary}`,
  'clusterView.notMeasured': (p) => `未测得（${p.error}）`,
  'clusterView.unknown': '未知',
  'clusterView.inits': (p) =>
    `runc init 进程：${p.stuck} 个卡在写管道上，${p.created} 个在等待 exec.fifo，${p.other} 个处于其他长时间睡眠`,
  'clusterView.nodesUnread': (p) => `节点：未读取（docker：${p.error}）`,
  'clusterView.noNodes': (p) => `节点：未找到 kind 集群 ${p.cluster} 的节点`,
  'clusterView.node': (p) => `节点 ${p.name}：Ready=${p.ready}；runc ${p.runc}`,
  'clusterView.nodeRunc': (p) =>
    `${p.version}，位于 ${p.path}：管道卡死问题：${p.hang}，安全下限：${p.floorOk ? '满足' : '未满足'}`,
  'clusterView.hang.unaffected': '不受影响',
  'clusterView.hang.signature': '有此特征',
  'clusterView.hang.unknown': '未知',
  'clusterView.hang.fixed': '已修复',
  'clusterView.cost': (p) => `开销：${p.calls} 次 guest agent 调用，${p.execs} 次 docker exec，${p.ms} 毫秒`,
  'clusterView.noneToEnd': '没有需要结束的卡住的 runc init 进程。',
  'clusterView.killed': (p) => `runc init 进程 pid ${p.pid} 已结束（SIGKILL）`,
  'clusterView.gone': (p) => `runc init 进程 pid ${p.pid} 已经自行退出`,
  'clusterView.changed': (p) => `runc init 进程 pid ${p.pid} 已不是原来那个卡住的进程：未做处理`,
  'clusterView.failed': (p) => `无法结束 runc init 进程 pid ${p.pid}${p.detail ? `：${p.detail}` : ''}`,
  'clusterView.exit': (p) => `退出码 ${p.code}`,
  'clusterView.noResult': '没有结果',
  'clusterView.notRun': '未运行',
  'clusterView.procUnreadable': (p) => `无法读取发行版中的进程（/proc）：${p.error}`,
  'clusterView.procUnreadableFix': 'devbox 需要发行版中有 perl（Debian/Ubuntu：perl-base）并以 root 身份运行。',

  'debug.binaryOrBuild': '--binary 和 --build 只能给一个。',
  'debug.badPort': (p) => `--port 必须在 1-65535 之间，而不是 ${p.port}。`,
  'debug.badNode': (p) => `"${p.node}" 不是有效的容器名。`,
  'debug.restoreFailed': (p) => `无法在 ${p.node} 中恢复 kubelet：${p.error}`,
  'debug.unitUnreadable': (p) => `无法读取节点 ${p.node} 中 kubelet 的 unit：${p.error}`,
  'debug.checkNode': (p) => `检查节点名称：${p.command}`,
  'debug.noDlv': (p) => `在发行版中${p.path ? ` ${p.path} 处` : ''}找不到 Delve（dlv）。`,
  'debug.noDlvFix': 'apt-get install delve（Debian/Ubuntu），或用 --dlv PATH 指定 Delve 可执行文件。',
  'debug.noExecStart': (p) => `${p.node} 中 kubelet 的 unit 没有 ExecStart。`,
  'debug.buildFailed': (p) => `在 ${p.dir} 中执行 ${p.command} 失败：${p.error}`,
  'debug.buildLeftNothing': (p) => `在 ${p.dir} 中执行 ${p.command} 后没有生成 kubelet。`,
  'debug.notDebugBuild': (p) =>
    `${p.path} 不是调试构建：${p.problems}。Delve 需要 -gcflags "all=-N -l" 以及 DWARF 调试信息。`,
  'debug.notDebugBuildFix': '检查源码树的 Makefile 是否支持 DBG=1（kubernetes 的 build/root/Makefile 支持）。',
  'debug.optimised': '开启了优化（没有 -gcflags -N）',
  'debug.inlined': '开启了内联（没有 -gcflags -l）',
  'debug.stripped': (p) => `已去除符号（-ldflags ${p.ldflags}）`,
  'debug.notListening': (p) => `Delve 下的 kubelet 没有在 ${p.node} 的端口 ${p.port} 上开始监听：${p.error}`,
  'debug.restoreFix': (p) => `${p.command} 可以换回原来的 kubelet。`,
  'debug.golandDisconnect':
    '  On disconnect：选 Leave it running（kubelet 继续运行；Delve 以 --accept-multiclient 启动）',

  'runcFloor.line1.0': '已停止维护；1.0.0-rc93 有 runc init 管道卡死问题（runc#2871）',
  'runcFloor.line1.1': '已停止维护；1.1.15 仍有三个 2025 年的高危 CVE',
  'runcFloor.line1.2': '上游已不再支持；CVE-2026-41579（低危）在这个版本线上永远不会修复',
  'runcFloor.line1.3': '1.3.0-1.3.5 可能让 runc run/exec 卡住（SIGCHLD 竞争）',
  'runcFloor.line1.4': '1.4.0-1.4.1 同样有 SIGCHLD 卡死问题；1.4.3 修复了所有列出的 CVE',
  'runcFloor.line1.5': '1.5.1 修复了 1.5.0 的回归问题（seccomp WAIT_KILLABLE_RECV、tmpfs nr_inodes）',
  'runcFloor.notVersion': (p) => `"${p.version}" 不是 runc 版本号`,
  'runcFloor.newer': (p) => `runc ${p.line} 比安全表中的版本更新；视为安全`,
  'runcFloor.endOfLife': (p) => `runc ${p.line} 已停止维护`,
  'runcFloor.rejected': (p) => `runc ${p.line} 版本线不可用：${p.note}`,
  'runcFloor.below': (p) => `runc ${p.version} 低于 ${p.line} 版本线的安全下限 ${p.floor}（${p.note}）`,
  'runcFloor.unsupported': (p) => `上游已不再支持 runc ${p.line}：${p.note}`,
  'runcFloor.distroBuild': (p) => `${p.origin} 构建 ${p.name}`,
  'runcFloor.carries': (p) => `；它带有 ${p.fixes} 的向后移植修复`,
  'runcFloor.hasHang': '；它有 runc init 管道卡死问题（runc#2871）',
  'runcFloor.hangUnknown': '；它的修订版本未知，无法排除 rc93 的管道卡死问题',
  'runcFloor.buildBelow': (p) =>
    `${p.label} 基于 runc ${p.upstream} 构建：${p.reason}${p.carried}，但没有已知的向后移植能让它达到安全下限${p.hang}`,

  'clusterCheck.kindUrlSha':
    '在设置了 kind.url 时必须提供：来自你自己 URL 的文件没有 devbox 可以信任的公开校验和；请给出它的 sha256',
  'clusterCheck.kindUnknown': (p) =>
    `没有校验和：${p.version} 不是 devbox 已知的 kind 版本；请给出 kind.sha256（kind-linux-amd64 的 sha256）`,
  'clusterCheck.noImageDigest': '没有已知的默认节点镜像摘要：请把 cluster.nodeImage 设为用 @sha256: 固定的镜像',
  'clusterCheck.latest': '不能是 :latest 或不带标签：请写明确切的 Kubernetes 版本，并用 @sha256:<digest> 固定',
  'clusterCheck.unpinned': '必须用摘要固定（…@sha256:<64 位十六进制>），或来自 nodeImageArchive（由它的 sha256 固定）',
  'clusterCheck.archiveImage': '在设置了 nodeImageArchive 时必须提供：写明归档中镜像的引用名',
  'clusterCheck.useFloor': (p) => `${p.floor} 或更新的版本`,
  'clusterCheck.useLine': (p) => `一个仍受支持且不低于其安全下限的版本线（${p.floors}）`,
  'clusterCheck.unsafeRunc': (p) => `${p.reason}：请使用 ${p.use}（或设置 allowUnsafe: true 接受风险）`,
  'clusterCheck.unsafeAccepted': (p) => `${p.reason}；因为 allowUnsafe 为 true 而接受`,
  'clusterCheck.runcUrlSha': '在设置了 runc.url 时必须提供：给出 runc 可执行文件的 sha256',
  'clusterCheck.pathAndVersion':
    '与 runc.version 都固定了 runc：只保留一个（path：你自己的目录；version：由 devbox 校验的下载）。' +
    '你所继承的清单设置的版本（builtin:default 固定了一个）可以用 `version: null` 去掉',
  'clusterCheck.pathIsFile':
    '看起来是一个文件：请给出包含 runc 的目录。不允许对 runc 做单文件绑定挂载：' +
    'runc ≥ 1.2 会通过它所在的目录重新执行自身，会在不知不觉中运行被覆盖的那个文件',
  'clusterCheck.pinIsFile': (p) =>
    `${p.where} 是一个文件。不允许对 runc 做单文件绑定挂载：runc ≥ 1.2 会通过其目录的 overlay 重新执行自身，` +
    '会在不知不觉中把被覆盖的那个文件当作 runc init 运行。请给出包含 runc 的目录',
  'clusterCheck.pinMissing': (p) => `${p.where} 在发行版中不存在：请创建它并在其中放入可执行的 runc，或修正路径`,
  'clusterCheck.pinEmpty': (p) => `${p.where} 中没有名为 runc 的可执行文件`,
  'clusterCheck.runcNeedsNet': (p) => `下载 runc ${p.version} 需要 devbox 能访问网络`,
  'clusterCheck.runcChecksumNeedsNet': '本次运行无法获取 runc 的校验和文件；请设置 cluster.runc.sha256',
  'clusterCheck.runcChecksumMissing': (p) => `${p.version} 的 runc 校验和文件中没有 runc.amd64`,
  'clusterCheck.runcInstallFailed': (p) => `无法把 runc 安装到 ${p.dir}：${p.error}`,

  // The steps' names (installing …, cni.staging …) end in a space when they end in Latin text: 时失败 follows.
  'clusterStep.failed': (p) => `${p.command} 执行失败：${p.error}`,
  'clusterStep.stepFailed': (p) => `${p.what}时失败：${p.error}`,
  'clusterStep.installing': (p) => `安装 ${p.what} `,
  'clusterStep.writing': (p) => `写入 ${p.path} `,
  'clusterStep.startingDocker': '启动 docker ',
  'clusterStep.restartingDocker': '为 daemon.json 重启 docker ',
  'clusterStep.addingUser': (p) => `把 ${p.user} 加入 docker 组`,
  'clusterStep.notReady': (p) => `${p.seconds} 秒内没有进入 Ready 状态：${p.state}`,
  'clusterStep.clusterNotReady': (p) => `kind 集群 "${p.name}" 在 ${p.seconds} 秒内没有进入 Ready 状态：${p.state}`,
  'clusterStep.noAnswerYet': '尚无应答',
  'clusterStep.noAnswer': '无应答',
  'clusterStep.noNodes': '没有已注册的节点',
  'clusterStep.createAborted': (p) => `${p.failure}。${p.logs}${p.deleted}`,
  'clusterStep.logsKept': (p) => `日志：${p.logs}（在发行版中）。`,
  'clusterStep.logsLost': (p) => `无法导出日志（${p.error}）。`,
  'clusterStep.deleted': '已删除创建了一半的集群。',
  'clusterStep.deleteFailed': (p) => `删除创建了一半的集群也失败了：${p.error}`,
  'clusterStep.recreateQuestion': (p) =>
    `重新创建 kind 集群 "${p.name}"（${p.why}）吗？它的节点及其中的一切都会被删除。`,
  'clusterStep.recreateRefused': (p) =>
    `kind 集群 "${p.name}" 需要重新创建（${p.why}），这会删除它的节点：未经你同意不会执行`,
  'clusterStep.recreateFix': '运行 `devbox up --yes`（或回答 yes）来重新创建它',
  'clusterStep.archiveLacksImage': (p) => `${p.file} 中没有 ${p.image}（cluster.nodeImage）`,
  'clusterStep.probeFailed': (p) => `集群探测失败：${p.error}`,
  'clusterStep.singleFileMounts': (p) =>
    `发现对 runc 的单文件绑定挂载（${p.mounts}）：devbox 会把它们换成目录挂载加 containerd 的 BinaryName`,
  'clusterStep.restoredImage': (p) =>
    `${p.image} 是镜像 ${p.id}…，从 ${p.backup} 恢复（docker load 不保留仓库摘要）：kind 使用它的 id`,
  'clusterStep.notJsonObject': '它不是 JSON 对象',
  'clusterStep.daemonJsonInvalid': (p) => `${p.file} 不是有效的 JSON（${p.why}）：请手动修正；devbox 只编辑有效的文件`,
  'clusterStep.exitCode': (p) => `退出码 ${p.code}`,

  'cni.staging': (p) => `把 ${p.source} 暂存到 ${p.dir} `,
  'cni.preparing': (p) => `为镜像仓库的镜像源准备 ${p.source} `,
  'cni.applying': (p) => `应用 ${p.source} `,
  'cni.stepFailed': (p) => `${p.what}时失败：${p.error}`,
  'cni.checkSha256': (p) => `${p.file} 的 sha256 是固定的 ${p.sha256}`,
  'cni.checkRegistryLine': (p) => `${p.file} 只在一个已知的行中写明它的镜像仓库`,
  'cni.badMirror': (p) => `${p.registry} 的镜像源给出的镜像名 "${p.image}" 无效`,
  'cni.badMirrorFix': '把 cluster.registryMirrors 的端点写成小写的 https://HOST[:PORT][/path]',
  'cni.kernelLacks': (p) =>
    `${p.cni} 需要内核中有 ${p.modules}，而 ${p.kernel} 没有${p.loadable ? '' : '（它根本无法加载模块）'}。` +
    '运行 `wsl --update`（当前的 WSL 内核把 openvswitch 和 geneve 编译为模块），' +
    '或把 `.wslconfig` 的 [wsl2] kernel= 指向一个启用了 CONFIG_OPENVSWITCH 和 CONFIG_GENEVE 的内核，' +
    '然后运行 `wsl --shutdown`。',
  'cni.and': ' 和 ',
};
