/** The Simplified Chinese errors of the cluster resources (see en-errors-cluster.ts); part of zh-CN.ts. */
import type { Catalogue } from './catalogue.js';
import type { enErrorsCluster } from './en-errors-cluster.js';

export const zhCNErrorsCluster: Pick<Catalogue, keyof typeof enErrorsCluster> = {
  'cluster.engineConflict': (p) => `已安装 ${p.other}，但清单要求 ${p.wanted}：两者冲突`,
  'cluster.engineConflictFix': (p) =>
    `设置 cluster.docker.engine: ${p.other}，或先卸载 ${p.other}（sudo apt-get remove ${p.other}）`,
  'cluster.noSystemd': '发行版中没有运行 systemd，而 Docker Engine 是作为 systemd 服务运行的',
  'cluster.noSystemdFix':
    '设置 distro.wslConf.boot.systemd: true（devbox 会写入 /etc/wsl.conf），然后运行 `wsl --shutdown`，再运行一次 `devbox up`',
  'cluster.dockerSilent': (p) => `Docker Engine 启动后没有响应：${p.error}`,
  'cluster.noCodename': '无法确定发行版的版本代号（/etc/os-release 中的 VERSION_CODENAME），无法配置 Docker 的软件源',
  'cluster.keyNeedsNet': '安装 docker-ce 需要 devbox 能访问网络以获取软件源密钥',
  'cluster.wrongKey': (p) =>
    `来自 ${p.mirror} 的密钥不是 Docker 的（指纹 ${p.fingerprints}，应为 ${p.want}）；没有安装任何东西`,
  'cluster.none': '无',
  'cluster.dockerNotRunning': (p) => `发行版中的 Docker Engine 没有运行（${p.error}）`,
  'cluster.dockerInfoFailed': 'docker info 失败',
  'cluster.dockerNotInstalled': '发行版中没有安装 Docker Engine',
  'cluster.dockerFix': '运行 `devbox up --only cluster.docker`，或在发行版中运行 `sudo systemctl enable --now docker`',
  'cluster.pullFailed': (p) => `无法拉取 ${p.image}：${p.error}`,
  'cluster.pullFix':
    '把 cluster.docker.registryMirrors 设为一个 Docker Hub 镜像，或提供 cluster.nodeImageArchive（离线的 docker save 归档）',
  'cluster.archiveUnreadable': (p) => `cluster.nodeImageArchive.path：在发行版中无法读取 ${p.file}（${p.error}）`,
  'cluster.archiveSha256': (p) =>
    `${p.file} 的 sha256 是 ${p.actual}，不是 ${p.pinned}（cluster.nodeImageArchive.sha256）：未加载`,
  'cluster.kindNeedsNet': (p) => `下载 kind ${p.version} 需要 devbox 能访问网络`,
  'cluster.kindChecksumNeedsNet': '本次运行无法获取 kind 的校验和文件；请设置 cluster.kind.sha256',
  'cluster.kindChecksumMissing': (p) => `kind ${p.version} 的校验和文件中没有 kind-linux-amd64`,
  'cluster.kindInstallFailed': (p) => `无法把 kind 安装到 ${p.path}：${p.error}`,
  'cluster.userMissing': (p) => `发行版中不存在用户 "${p.user}"（cluster.docker.user）：请创建它，或指定其他用户`,
  'cluster.runcBelowFloor': (p) =>
    `节点镜像自带的 runc 低于安全下限（${p.nodes}）：请把 cluster.runc.version 设为不低于下限的版本（${p.floors}），` +
    '或把 cluster.runc.path 设为存放这样一个 runc 的目录',
  'cluster.runcStillWrong': (p) => `重建集群后 runc 仍不符合要求：${p.changes}`,
  'cluster.cniNeedsNet': (p) => `下载 ${p.cni} ${p.version} 需要 devbox 能访问网络`,
  'cluster.cniNoCluster': (p) => `无法安装 ${p.cni}：${p.why}`,
  'cluster.dockerDown': 'Docker 没有运行',
  'cluster.apiSilent': (p) => `API 没有响应（${p.error}）`,
  'cluster.cniNotRolledOut': (p) => `${p.cni} ${p.version} 在 ${p.seconds} 秒内没有完成发布：${p.left}`,
  'cluster.cniPullFix':
    '无法拉取的镜像显示为 ErrImagePull/ImagePullBackOff：请为它所在的镜像仓库设置 cluster.registryMirrors',
};
