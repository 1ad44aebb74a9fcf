/** The Simplified Chinese notes of plans (see en-notes.ts); part of zh-CN.ts. */
import type { Catalogue } from './catalogue.js';
import type { enNotes } from './en-notes.js';

export const zhCNNotes: Pick<Catalogue, keyof typeof enNotes> = {
  'note.sysctlNoSuchKey': (p) => `当前内核中没有 ${p.name}，请检查名称`,
  'note.sysctlOtherRoot':
    '不是正在运行的系统（另一个根文件系统）：只写入文件，不写 /proc/sys（那会改到宿主机的内核）；这些值在该系统启动时生效',
  'note.sysctlNoProc': '这里没有 /proc/sys：只写入文件；这些值在系统启动时生效',
  'note.offWsl': (p) =>
    `wsl.conf 的设置只在 WSL 中生效，而${p.where}不在 WSL 下运行` +
    `（内核 ${p.kernel}，没有 WSLInterop，没有 WSL_DISTRO_NAME）：文件会被写入，但这里没有程序会读取它`,
  'note.unknown': '未知',
  'note.heldBack': (p) => `暂不写入 ${p.setting}：WSL 的 DNS 隧道已开启（${p.address}），distro.dns 不会取代它`,
  'note.noAttributes': (p) =>
    `/etc 所在的文件系统不支持文件属性：无法把 ${p.file} 设为不可修改（当前的 WSL 版本也不需要）`,
  'note.tunnelingStill': (p) =>
    `WSL 仍在使用 DNS 隧道（lo 上的 ${p.address}）；清单在 .wslconfig 中关闭了它，执行 \`wsl --shutdown\` 后生效`,
  'note.tunneling': (p) =>
    `WSL 的 DNS 隧道已开启：WSL 在 ${p.address} 应答 DNS 查询，并通过 Windows 解析域名，遵循 VPN 和 NRPT 策略。` +
    '固定的 /etc/resolv.conf 会绕过它，而且隧道开启时 WSL 要求 generateResolvConf 保持开启，所以写 resolv.conf 不是正确的做法。' +
    '要么在清单中设置 wsl.config.wsl2.dnsTunneling: false（执行 `wsl --shutdown` 后生效），' +
    '要么去掉 distro.dns，让隧道负责解析域名。',
  'note.aptNoEntries': 'auto：该发行版还没有任何源条目，无法据此测速；先写入官方源，下次运行时再对镜像源测速排序',
  'note.aptLeftOut': (p) => `auto：未使用 ${p.mirror}：${p.error}`,
  'note.aptStay': (p) => `auto：当前已在使用候选镜像源 ${p.mirror}，不再重新测速`,
  'note.aptMeasured': (p) => `auto：在 ${p.ms} ms 内测速了 ${p.count} 个镜像源：${p.results}`,
  'note.aptMirrorSpeed': (p) => `${p.name} 首字节 ${p.ms} ms，${p.speed} MB/s`,
  'note.aptMirrorFailed': (p) => `${p.failure}（失败）`,
  'note.aptNotArchive': (p) =>
    `${p.at}：无法识别 ${p.uri} 是 ${p.distro} 的软件源，保持不变（如果它是镜像源，请把它的 URL 写到 apt.mirror）`,
  'note.aptMixedSuites': (p) =>
    `${p.at}：同一个 URI 混用了 security 和其他套件，而 Debian 从不同的仓库提供它们；保持不变`,
  'note.aptSecurityKept': (p) => `${p.at}：security 条目保留在 ${p.uri}：devbox 不知道 ${p.target} 的安全更新源`,

  'note.iniSkipped': (p) => `${p.file} 第 ${p.line} 行：WSL 会跳过这一行（${p.reason}），所以 ${p.setting} 使用默认值`,
  'note.iniUnread': (p) =>
    `${p.file} 第 ${p.line} 行：WSL 读不到 ${p.setting}：它在第 ${p.stoppedAt} 行的无效内容处停止读取`,
  'note.iniRepeats': (p) =>
    `${p.file} 第 ${p.lines} 行：WSL 会忽略 ${p.setting} 的${p.count > 1 ? '这些' : '这个'}重复项；以第 ${p.first} 行的第一个为准`,
  'note.iniRejected': (p) => `${p.file} 第 ${p.line} 行：WSL 不接受 ${p.pair}（它必须是 ${p.kind}），会使用默认值`,
  'note.noFeature': (p) => `Windows 没有报告可选功能 ${p.name}；WSL 2 需要 Windows 10 2004 或更高版本，并提供该功能`,
  'note.featureNotNeeded': (p) => `不需要：Windows 11（内部版本 ${p.build}）无需它即可运行 WSL 2`,
  'note.restartToFinish': '需要重启 Windows 才能完成启用',
  'note.restartMayComplete': 'Windows 正在等待重启，重启后可能就会完成',
  'note.restartBeforeDistro': 'Windows 正在等待重启；重启之后 WSL 才能安装发行版',
  'note.userNotChecked': (p) => `未检查默认用户：启用 VirtualMachinePlatform 之前，WSL 2 无法启动 ${p.name}`,
  'note.oldSpelling': (p) => `[experimental] ${p.key} 也设置了（旧写法）；请删除它，只保留 [wsl2] ${p.key}`,
  'note.afterShutdownOrRestart': '执行 `wsl --shutdown` 或重启后生效',
  'note.afterShutdown': '执行 `wsl --shutdown` 后生效，这会停止正在运行的发行版',

  'note.subnetOverlap': (p) =>
    `${p.subnet} 与 "${p.adapter}"（${p.address}）重叠：WSL 会悄悄改用其他网段；请选择一个空闲的子网`,
  'note.networkUntilRestart': '在 Windows 重启之前，WSL 仍使用当前的网络',
  'note.networkAfterRestart': 'Windows 重启后，WSL 才会使用固定的网络',
  'note.aliasDropped': 'Windows 重新创建 WSL 网卡时会去掉这个地址；登录时运行的计划任务会把它加回来',
  'note.noMirrored': (p) => `${p.reason}：在这台机器上请使用 nat-registry 或 alias 策略`,
  'note.writesMirrored': 'wsl.config 会写入 networkingMode = mirrored',
  'note.mirrored': '镜像网络模式：发行版与 Windows 共用地址；address 和 hostAddress 不会被固定',
  'note.auto': (p) => `auto：${p.reason}`,
  'note.alreadyMirrored': '.wslconfig 已选择镜像网络模式',
  'note.mirroredSupported': (p) => `Windows 内部版本 ${p.build} 支持镜像网络模式`,
  'note.mirroredUnsupported': (p) =>
    `镜像网络模式需要 Windows 11 22H2 内部版本 22621.2428 或更高；这台 Windows 的内部版本是 ${p.build}`,
  'note.pickSubnet':
    '请选择一个发行版中没有其他东西使用的子网中的固定地址（distro.network.fixedIp.address 和 hostAddress）',

  'note.hostsBlock': '手动修正 hosts 文件中的 "# devbox:begin" / "# devbox:end" 行；devbox 不会猜测哪些行属于它',
  'note.hostsShadowed': (p) =>
    `第 ${p.line} 行（${p.address}）也指向 ${p.name}，位于 devbox 的第 ${p.ours} 行之后：` +
    `Windows 只用第一条，所以第 ${p.line} 行是无效的重复条目`,
  'note.hostsOutside': (p) =>
    `${p.name} 在 devbox 的区块外已有条目（第 ${p.line} 行：${p.address}）；Windows 使用它，devbox 不再添加`,
  'note.hostsPinnedStale': (p) =>
    `${p.address} 已无法证明是 ${p.name}：请固定另一个地址、使用 auto，或设置 verifyTls: false`,
  'note.hostsRefreshing': (p) => `刷新失效的地址：${p.address} 未通过 TLS 校验`,
  'note.hostsRefused': (p) => `已拒绝 ${p.address}：${p.why}`,

  'note.scoopElevated': 'devbox 正以管理员身份运行：Scoop 的步骤拒绝在提升权限下运行',
  'note.scoopElsewhere': (p) =>
    `Scoop 已安装在 ${p.folders}：devbox 不会再装一份；请把 scoop.root 设为该目录，或先卸载它（scoop uninstall scoop）`,
  'note.scoopEnv': (p) =>
    `${p.scope} 环境变量 ${p.name}=${p.value} 决定了 Scoop 的 ${p.dir}；请修改或删除它（devbox 不会改动你的环境变量）`,
  'note.scoopNotOnPath': (p) => `${p.shims} 不在 PATH 中：新开的终端会找不到 \`scoop\`（安装程序会添加它）`,
  'note.scoopAnother': (p) => `另一个 Scoop 安装在 ${p.folders}`,
  'note.bucketMirror': (p) => `从镜像 ${p.mirror} 克隆`,
  'note.configUnreadable': (p) => `请修正或删除 ${p.file}：devbox 不会覆盖它无法读取的文件`,
  'note.configFile': (p) => `${p.file}${p.portable ? '（便携模式）' : ''}`,
  'note.appAlsoInstalled': (p) => `${p.name} 也${p.global ? '为当前用户' : '以全局方式'}安装了（${p.version}）`,
  'note.appRepair': '`scoop install` 会先修复或清除安装失败的残留',

  'note.noSystemd':
    '发行版中没有运行 systemd：Docker 需要它（wsl.conf 中设置 [boot] systemd=true，然后 wsl --shutdown）',
  'note.engineRunc': (p) =>
    `Docker Engine 自带的 runc 低于安全下限：${p.reason}` +
    (p.dockerIo ? '；engine: docker-ce 会带来较新的 runc（containerd.io）' : '；请升级 containerd.io'),
  'note.cgroupFix':
    '在 %UserProfile%\\.wslconfig 的 [wsl2] 下添加 `kernelCommandLine = cgroup_no_v1=all`，然后 `wsl --shutdown`',
  'note.cgroupHybrid': (p) => `发行版使用混合 cgroup（v1 + v2）：kind 会发出警告，systemd ≥ 256 会失败；${p.fix}`,
  'note.cgroupV1': (p) => `发行版只使用 cgroup v1（/sys/fs/cgroup 是 ${p.root}，没有 cgroup2 挂载）：${p.fix}`,
  'note.recreate': '这些差异需要重建集群（会删除它的节点）：devbox 会先询问，或使用 --yes',
};
