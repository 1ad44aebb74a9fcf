/** The Simplified Chinese detail lines of running steps (see en-detail.ts); part of zh-CN.ts. */
import type { Catalogue } from './catalogue.js';
import type { enDetail } from './en-detail.js';

export const zhCNDetail: Pick<Catalogue, keyof typeof enDetail> = {
  'detail.sysctl': (p) => `设置了 ${p.count} 个运行时参数${p.written ? `，写入 ${p.written}` : ''}`,
  'detail.wrote': (p) => `已写入 ${p.file}`,
  'detail.resolvMutable': (p) => `${p.file} 仍可修改：文件系统拒绝 chattr +i（${p.error}）`,
  'detail.resolvWritten': (p) => `已写入 ${p.file}（原为 ${p.was}）${p.proved ? `；${p.proved} 可以解析` : ''}`,
  'detail.resolvImmutable': (p) => `已把 ${p.file} 设为不可修改`,
  'detail.aptPointed': (p) => `已把 ${p.count} 个源条目指向 ${p.mirror}；apt-get update 成功`,
  'detail.aptOthersFailed': (p) => `apt-get update：其他软件源失败（devbox 未改动它们）：${p.others}`,
  'detail.installed': (p) => `已安装 ${p.what}`,
  'detail.aptEntries': (p) => `已写入 ${p.file}（${p.format}）：该发行版的源条目指向 ${p.mirror}；apt-get update 成功`,

  'detail.scoopFolders': (p) => `Scoop 的目录设置已写入 ${p.file}`,
  'detail.scoopInstaller': (p) => `Scoop 安装程序${p.cached ? '取自缓存' : '已下载'}并通过校验（sha256 ${p.sha256}…）`,
  'detail.scoopInstalled': (p) => `已把 Scoop 安装到 ${p.root}${p.output ? `（${p.output}）` : ''}`,
  'detail.bucketRemoved': (p) => `已删除 bucket ${p.name}${p.url ? `（原为 ${p.url}）` : ''}`,
  'detail.bucketAdded': (p) => `已添加 bucket ${p.name}，来自 ${p.url}`,
  'detail.bucketTryMirror': (p) => `${p.url} 不可用；改用镜像 ${p.mirror}`,
  'detail.bucketFromMirror': (p) => `已从镜像 ${p.mirror} 添加 bucket ${p.name}`,
  'detail.scoopConfig': (p) => `在 ${p.file} 中设置了 ${p.count} 个键`,
  'detail.appUninstalled': (p) => `已卸载 ${p.name}${p.version ? ` ${p.version}` : ''}`,
  'detail.appInstalled': (p) =>
    `${p.repaired ? '已修复安装失败的残留：' : ''}已安装 ${p.name} ${p.version}` +
    `${p.bucket ? `，来自 ${p.bucket}` : ''}${p.global ? '（所有用户）' : ''}`,

  'detail.natPinned': (p) =>
    `已把 WSL 的 NAT 网络固定为 ${p.network}（Windows ${p.hostAddress}，${p.distro} ${p.address}）`,
  'detail.addressAdded': (p) => `已把 ${p.address} 添加到 "${p.adapter}"`,
  'detail.logonTask': (p) => `登录时运行的计划任务 \\${p.task} 会在每次重启后重新添加该地址`,
  'detail.aliasAdded': (p) => `已把 ${p.cidr} 添加到 ${p.iface}${p.label ? `（标签 ${p.label}）` : ''}`,

  'detail.hostsWritten': (p) =>
    `${p.address ? `已在 hosts 文件的 devbox 区块中写入 ${p.name} → ${p.address}` : `已从 hosts 文件的 devbox 区块中删除 ${p.name}`}` +
    `${p.flushed ? '；已刷新 DNS 缓存' : ''}${p.backup ? `（原文件保留为 ${p.backup}）` : ''}`,
  'detail.hostsChanged': 'devbox 编辑 hosts 文件期间它被改动了；重新读取',

  'detail.featureEnabled': (p) =>
    `已启用 ${p.name}${p.restart ? '；需要重启 Windows 才能完成' : ''}${p.dism ? `（DISM：${p.dism}）` : ''}`,
  'detail.wslInstaller': (p) => `${p.cached ? '在缓存中找到了 WSL 安装程序' : '已下载 WSL 安装程序'}（${p.path}）`,
  'detail.wslInstalledFile': (p) => `已安装 ${p.path}${p.restart ? '（Windows 建议重启）' : ''}`,
  'detail.wslVersions': (p) => `WSL ${p.wsl}${p.kernel ? `，内核 ${p.kernel}` : ''}`,
  'detail.wslPackageInstalled': 'WSL 软件包已安装',
  'detail.wslDefaultVersion': (p) => `默认 WSL 版本 ${p.version}`,
  'detail.wslOldSettings': (p) =>
    `在你运行 \`wsl --shutdown\`（${p.stops}）或重启 Windows 之前，WSL 仍使用旧设置` +
    `${p.never ? '（wsl.shutdown: never）' : ''}`,
  'detail.wslStops': (p) => `这会停止正在运行的发行版 ${p.distros}`,
  'detail.noDistroRunning': '没有正在运行的发行版',
  'detail.wslShutdownQuestion': (p) => `新的 .wslconfig 设置在 \`wsl --shutdown\` 之后生效（${p.stops}）。现在运行吗？`,
  'detail.wslNotRunning': 'WSL 没有在运行：新设置在它下次启动时生效',
  'detail.wslShutDown': (p) => `已运行 wsl --shutdown，使新设置生效（${p.stops}）`,
  'detail.distroInstalled': (p) => `已安装 ${p.name}，${p.source}`,
  'detail.distroFetched': (p) => `${p.cached ? '找到了' : '已下载'} ${p.url}（${p.file}）`,
  'detail.distroImported': (p) => `已从 ${p.file} 导入 ${p.name}`,
  'detail.distroConverted': (p) => `已把 ${p.name} 转换为 WSL ${p.version}`,
  'detail.userCreated': (p) => `已创建用户 ${p.user}`,
  'detail.defaultUser': (p) => `默认用户 ${p.user}（uid ${p.uid}）`,

  'detail.dockerGroup': (p) => `${p.user} 已在 docker 组中（新开的 shell 生效）`,
  'detail.dockerRunning': (p) => `Docker Engine ${p.version} 正在运行${p.daemonJson ? `；已更新 ${p.daemonJson}` : ''}`,
  'detail.dockerRepository': (p) => `已添加 Docker 的软件源 ${p.url}（密钥 ${p.key}）`,
  'detail.runcVerified': '已在每个节点中验证运行容器的 runc',
  'detail.kindChecksum': (p) =>
    `kind ${p.version}：sha256 ${p.sha256} 取自发布页公布的校验和文件（可用 cluster.kind.sha256 固定它）`,
  'detail.kindInstalled': (p) => `已把 kind ${p.version} 安装到 ${p.path}`,
  'detail.cniUnread': (p) => `已应用 ${p.source}；这里不读取它的发布进度`,
  'detail.cniRolledOut': (p) => `${p.cni} ${p.version} 已完成发布（${p.sets}）；所有节点 Ready`,
  'detail.imagePulled': (p) => `已拉取 ${p.image}`,
  'detail.imageLoaded': (p) => `已从 ${p.file} 加载 ${p.image}`,
  'detail.runcPinned': (p) => `runc ${p.version}（sha256 ${p.sha256}…）位于 ${p.dir}`,
  'detail.clusterUp': (p) =>
    `kind 集群 "${p.name}" 已启动：${p.nodes} 个节点 ${p.state}，上下文 kind-${p.name} 在 ${p.kubeconfig} 中`,
  'detail.readyOnce': (p) => `已注册（${p.cni} 运行后变为 Ready）`,
  'detail.yourCni': '你的 CNI',
  'detail.nodesStarted': (p) => `已启动 ${p.nodes}；所有节点 Ready`,
  'detail.nodesReady': '所有节点 Ready',
};
