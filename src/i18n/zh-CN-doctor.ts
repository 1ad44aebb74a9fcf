/** The Simplified Chinese messages of `devbox doctor` and `devbox cluster ps` (see en-doctor.ts); part of zh-CN.ts. */
import type { Catalogue } from './catalogue.js';
import type { enDoctor } from './en-doctor.js';

export const zhCNDoctor: Pick<Catalogue, keyof typeof enDoctor> = {
  'doctor.dockerDown': (p) => `${p.error}：无法检查集群的节点`,
  'doctor.clusterUnchecked': (p) => `无法检查集群的进程：${p.error}`,
  'doctor.notChecked': '无法检查',
  'doctor.afterDependencies': '待依赖完成后检查',
  'doctor.differs': (p) => `与清单不一致：${p.changes}${p.notes ? `（${p.notes}）` : ''}`,

  'fix.question': (p) =>
    `用 SIGKILL 结束 ${p.count} 个卡住的 runc init 进程（${p.processes}）吗？不会更改其他任何东西，kubelet 会重新创建这些容器。`,
  'fix.process': (p) => `pid ${p.pid}${p.node ? `（位于 ${p.node}）` : ''}`,
  'fix.notConfirmed': '未做任何更改：没有确认结束卡住的 runc init 进程。',
  'fix.notConfirmedFix': '加上 --yes 再运行一次以确认。',

  'docker.unreachable': (p) => `发行版中的 Docker Engine 未运行或无法连接（${p.detail}）`,
  'docker.notInstalled': '发行版中没有安装 Docker Engine（找不到 docker 命令）',
  'docker.startFix':
    '在发行版中启动它：`sudo systemctl start docker`（使用 systemd 时），或 `sudo service docker start`',
  'docker.upFix': "`devbox up --only 'cluster.docker*'` 会安装、启用并启动它",
  'docker.hostFix': '如果发行版中设置了 DOCKER_HOST，请确认它指向正在运行的 Docker Engine',
  'docker.engineRunc': (p) => `Docker 自带的 runc：${p.verdict}`,
  'docker.engineRuncFix': '设置 cluster.docker.engine: docker-ce（containerd.io 自带较新的 runc）',
  'docker.engineRuncFixRemove':
    '卸载 docker.io（sudo apt-get remove docker.io）；之后 `devbox up` 会按清单安装 docker-ce（containerd.io 自带较新的 runc）',
  'docker.engineRuncFixUpgrade': '升级 containerd.io：sudo apt-get install --only-upgrade containerd.io',

  'hang.pinRunc': "devbox up --only 'cluster.*'（cluster.runc 的 policy 设为 safe-floor，或固定一个 ≥ rc94 的版本）",
  'hang.stuck': (p) =>
    `${p.count} 个 runc init 卡在写管道上（runc rc93 的管道卡死问题，runc#2828/#2871）：${p.inits}` +
    (p.builds ? `。实际使用的 runc：${p.builds}` : '') +
    '。管道的大小在创建时就已确定：现在调高 sysctl 也无法让它们继续。',
  'hang.stuckFix': (p) =>
    `devbox doctor --fix runc-hang（只结束这些 init 进程，kubelet 会重试创建容器），然后 ${p.pin}`,
  'hang.build': (p) => `${p.node}：runc ${p.version}${p.commit ? `（commit ${p.commit}）` : ''}`,
  'hang.init': (p) =>
    `pid ${p.pid} ${p.comm}${p.node ? `（节点 ${p.node}）` : ''}，状态 ${p.state} 已持续 ${p.seconds} 秒，wchan ${p.wchan}`,
  'hang.pipe': (p) => `fd ${p.fd} pipe:[${p.inode}] ${p.size}`,
  'hang.sizeUnknown': '大小未知',
  'hang.otherInit': (p) => `runc init 处于睡眠状态，但不是在写管道：${p.init}`,
  'hang.otherInitFix': '以 root 身份查看 /proc/PID/stack；`kind export logs`',
  'hang.created': (p) => `${p.count} 个 runc init 正在等待 exec.fifo（已创建、尚未启动，属于正常情况）：pid ${p.pids}`,
  'hang.canaryShrunk': (p) =>
    `root 新建的管道（无 CAP_SYS_RESOURCE）容量为 ${p.size}：root 已超出管道软限制，runc init 的管道因此被缩小（${p.limits}）`,
  'hang.canaryShrunkFix':
    'sysctl -w fs.pipe-user-pages-soft=0（或调高它，并写入 /etc/sysctl.d 持久化）—— 只对新管道有效；runc ≥ rc94 不受影响',
  'hang.canary': (p) => `root 新建的管道（无 CAP_SYS_RESOURCE）容量为 ${p.size}（${p.limits}）`,
  'hang.unknownSize': '未知大小',
  'hang.lookForStuck': '查找卡住的 runc 进程：devbox cluster ps',
  'hang.kubeletLogged': (p) => `kubelet 最近 15 分钟的日志：${p.line}`,
  'hang.runcAt': (p) => `runc ${p.version}${p.pkg ? `（软件包 ${p.pkg}）` : ''}，位于 ${p.path}`,
  'hang.belowFloor': (p) =>
    `${p.what} 低于安全下限：${p.reason}` +
    (p.distro ? '（发行版构建可能已向后移植修复；安全下限按上游版本号判断）' : '') +
    (p.fixed ? `；${p.fixed}` : ''),
  'hang.unaffected': (p) =>
    `runc ${p.upstream} 没有 rc93 的管道卡死问题（由 runc#2750 在 rc93 引入，runc#2871 在 rc94 修复）`,
  'hang.upstreamRc93':
    '上游 runc 1.0.0-rc93：runc init 向被 fs.pipe-user-pages-soft 缩小的管道写入 seccomp 过滤器时可能永远阻塞' +
    '（runc#2828，runc#2871 在 rc94 修复）',
  'hang.unknownRevision': (p) =>
    `发行版构建的 rc93（${p.version}），软件包修订号未知：Debian 从 ${p.fixedFrom} 起带有该修复；` +
    '请在它的 changelog 中查找 "Fix runc init stuck"',
  'hang.laterRevision': '更新的修订版',
  'hang.debianFixed': (p) => `Debian 的 ${p.pkg} 带有管道修复（补丁 0010，向后移植 runc#2871，自 ${p.fixedFrom} 起）`,
  'hang.debianUnfixed': (p) => `Debian 的 ${p.pkg} 早于管道修复（该修复自 ${p.fixedFrom} 起提供）`,

  'hosts.tlsNotChecked': '未检查',
  'hosts.certificateValid': '证书有效',
  'hosts.tlsFailed': 'TLS 校验失败',
  'hosts.blockFix': '手动修正 hosts 文件中的 "# devbox:begin" / "# devbox:end" 行',
  'hosts.inBlock': 'devbox 的区块内',
  'hosts.outsideBlock': 'devbox 的区块外',
  'hosts.unverified': (p) => `${p.name} → ${p.address}（${p.where}，第 ${p.line} 行）；未校验（verifyTls: false）`,
  'hosts.valid': (p) =>
    `${p.name} → ${p.address}（${p.where}，第 ${p.line} 行）：证书有效` +
    `${p.issuer ? `，签发者 ${p.issuer}` : ''}${p.until ? `，有效期至 ${p.until}` : ''}`,
  'hosts.stale': (p) => `${p.name} → ${p.address}（${p.where}，第 ${p.line} 行）已失效：${p.why}`,
  'hosts.pinAnotherFix': (p) => `在清单中固定另一个地址，或使用 address: auto，然后运行 ${p.refresh}`,
  'hosts.refreshFix': (p) => `刷新它：${p.refresh}`,
  'hosts.fixLineFix': (p) => `修正或删除 hosts 文件的第 ${p.line} 行，然后运行 ${p.refresh}`,
  'hosts.duplicate': (p) =>
    `${p.name} → ${p.address}（第 ${p.line} 行）是无效的重复条目：Windows 对同一个名称只用第一条，即 devbox 的第 ${p.ours} 行`,
  'hosts.duplicateFix': (p) => `删除 hosts 文件的第 ${p.line} 行（其他工具的区块可能会把它写回来）`,
  'hosts.noEntry': (p) => `${p.name} 还没有 hosts 条目${p.chosen ? `；${p.chosen} 已通过校验，将会写入` : ''}`,
};
