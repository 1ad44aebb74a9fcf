/** The Simplified Chinese texts of plans (see en-resources.ts); part of zh-CN.ts. */
import type { Catalogue } from './catalogue.js';
import type { enResources } from './en-resources.js';

export const zhCNResources: Pick<Catalogue, keyof typeof enResources> = {
  'plan.notOnWindows': '不在 Windows 上',
  'plan.notYetManaged': '此版本的 devbox 尚不能管理（见 README 的“Limits”一节）',
  'plan.checkedAfter': (p) => `待 ${p.ids} 应用后再检查`,
  'plan.waitingForDependencies': '等待依赖完成',
  'plan.couldNotCheck': (p) => `无法检查：${p.error}`,
  'run.notCheckedDryRun': (p) => `未检查：演练无法${p.what}（${p.why}）；真正运行时会先做这一步，因此结果未知`,
  'run.fetchWhat': (p) => `获取 ${p.urls}`,
  'run.orSeparator': ' 或 ',
  'run.waitsForRestart': (p) => `暂未应用：等待 Windows 重启（${p.id}）`,
  'run.dependencyFailed': (p) => `未应用：${p.id} 未收敛`,
  'run.checkedAfterDeps': (p) => `未检查：会先应用 ${p.ids}`,
  'run.itsDependencies': '它的依赖',
  'run.uncheckedAfterApply': (p) => `已应用，但之后无法检查：${p.reason}`,
  'run.completesOnRestart': (p) => `已应用；Windows 重启后完成：${p.changes}`,
  'run.notConverged': (p) => `已应用，但仍未达到期望状态：${p.changes}`,

  'summary.wslPackage': (p) =>
    `WSL 软件包${p.update ? ` ${p.version} 或更新版本` : '保持现有安装'}，默认版本 ${p.defaultVersion}`,
  'summary.feature': (p) => `可选功能 ${p.name} ${p.auto ? '在 WSL 需要时启用' : '已启用'}`,
  'summary.distro': (p) =>
    `已注册发行版 ${p.name}（WSL ${p.version}，${p.source}）${p.user ? `，默认用户 ${p.user}` : ''}`,
  'summary.fromStore': '来自 Microsoft Store 目录',
  'summary.webDownload': '直接下载（--web-download）',
  'summary.importedFrom': (p) => `从 ${p.source} 导入`,

  'summary.dns': (p) =>
    `DNS 服务器 ${p.nameservers}${p.search ? `，搜索域 ${p.search}` : ''}${p.immutable ? '，设为不可修改' : ''}`,
  'summary.apt': (p) =>
    `apt 使用 ${p.mirror}${p.officialSecurity ? '（安全更新来自官方源）' : ''}${p.packages ? `；软件包 ${p.packages}` : ''}`,
  'summary.fastestMirror': '最快的镜像源',

  'summary.fixedIp': (p) => `Windows 使用 ${p.hostAddress}，${p.distro} 使用 ${p.address}（${p.strategy}）`,
  'summary.alias': (p) =>
    `${p.cidr} 位于 ${p.iface}${p.label ? `（标签 ${p.label}）` : ''}，主机端 ${p.hostAddress}（${p.strategy}）`,

  'summary.hostsRemoved': (p) => `从 hosts 文件中删除 ${p.name}`,
  'summary.hostsEntry': (p) => `${p.name} → ${p.address}${p.unverified ? '（未校验）' : ''}`,
  'summary.hostsAuto': 'auto（通过 DoH 解析，只保留证书有效的地址）',

  'summary.scoop': (p) => `Scoop 安装在 ${p.root}（全局应用 ${p.globalRoot}${p.cache ? `，缓存 ${p.cache}` : ''}）`,
  'summary.bucketRemoved': (p) => `删除 bucket ${p.name}`,
  'summary.bucket': (p) => `bucket ${p.name}，来自 ${p.url}${p.mirror ? `（镜像 ${p.mirror}）` : ''}`,
  'summary.scoopConfig': (p) => `Scoop 的 config.json：${p.values}`,
  'summary.appRemoved': (p) => `卸载 ${p.name}（${p.global ? '全局' : '当前用户'}）`,
  'summary.app': (p) => `安装 ${p.app}${p.global ? '（所有用户）' : ''}`,

  'summary.docker': (p) =>
    `Docker Engine（${p.engine}${p.mirror ? `，来自 ${p.mirror}` : ''}）正在运行，当前用户在 docker 组中`,
  'summary.runc': (p) => `${p.pinned}；每个节点中运行容器的 runc 都不低于安全下限`,
  'summary.runcDownload': (p) => `固定为 runc ${p.version}`,
  'summary.runcPinDir': (p) => `固定为 ${p.dir} 中的 runc`,
  'summary.runcImage': '使用节点镜像自带的 runc',
  'summary.kind': (p) =>
    `kind ${p.version}${p.sha256 ? `（sha256 ${p.sha256}…）` : '（sha256 取自发布页的 .sha256sum）'}`,
  'summary.cni': (p) =>
    `${p.cni} ${p.version}（${p.script ? '安装脚本' : '清单文件'} sha256 ${p.sha256}…，` +
    `${p.mirrored ? `${p.mirrored} 个镜像来自镜像仓库` : '镜像来自各自的仓库'}），` +
    `DaemonSet ${p.sets} 已完成发布`,
  'summary.image': (p) => `节点镜像 ${p.image}`,
  'summary.imageArchive': (p) => `节点镜像 ${p.image}，来自 ${p.path}（sha256 ${p.sha256}…）`,
  'summary.cluster': (p) =>
    `kind 集群 "${p.name}"：1 个控制平面节点 + ${p.workers} 个工作节点，${p.image}，上下文 kind-${p.name}`,
};
