/** The Simplified Chinese messages of `devbox init` (see en-init.ts); part of zh-CN.ts. */
import type { Catalogue } from './catalogue.js';
import type { enInit } from './en-init.js';

export const zhCNInit: Pick<Catalogue, keyof typeof enInit> = {
  'init.noTerminal': (p) =>
    'devbox init 需要在终端中提问，而当前不是终端（或给出了 --json）。' +
    `请用选项给出答案：${p.flags}（或用 --yes 采用默认值），或用 --from-machine 导出本机。`,
  'init.answersWithSource':
    '答案类选项（--mirror、--apps 等）用于生成新清单，不能与 --from-machine 或 --from-scoop-export 同用。',
  'init.notAFixedIp': (p) => `--fixed-ip ${p.value}：不是带前缀长度的 IPv4 地址（如 192.168.50.2/24），也不是 "none"。`,
  'init.hostIpWithoutFixedIp': '--host-ip 需要与 --fixed-ip 一起使用。',
  'init.subnetOverlap': (p) =>
    `${p.subnet} 与网络适配器“${p.adapter}”（${p.address}）重叠：WSL 会悄悄改用另一个网段。` +
    '请选择没有适配器使用的子网，例如 192.168.50.0/24 或 172.30.0.0/24。',
  'init.badApp': (p) =>
    `"${p.app}" 不是合法的 Scoop 应用名（字母、数字、"."、"_"、"+"、"-"；指定 bucket 用 BUCKET/APP）。`,
  'init.badBucket': (p) =>
    `"${p.bucket}" 不是 devbox 按名称认识的 bucket（${p.known}）；请把它连同 URL 加到 scoop.buckets 中。`,
  'init.badMirror': (p) =>
    `--mirror ${p.value}：应为已知镜像源（tuna、aliyun、ustc、163、huawei、official）、http(s) URL 或 auto。`,
  'init.sameRoots': '全局应用的 Scoop 目录必须与用户应用的目录不同。',
  'init.notWindowsPath': (p) => `${p.value} 不是 Windows 绝对路径目录（例如 D:\\Scoop\\Apps）。`,
  'init.exists': (p) => `${p.file} 已存在；devbox 不会覆盖它。`,
  'init.existsHint': '加 --force 覆盖它，或换一个文件名。',
  'init.isFolder': (p) => `${p.file} 是一个文件夹；-o 需要的是要写入的 manifest 文件。`,
  'init.notAFile': (p) =>
    `${p.file} 不是普通文件（而是设备、管道或套接字），无论是否使用 --force，devbox 都不会替换它；-o 需要的是要写入的 manifest 文件。`,
  'init.cannotWrite': (p) => `无法写入 ${p.file}（${p.code}）。`,
  'init.outputHint': '用 -o 指定一个可写文件夹中的文件，例如 -o devbox.yaml。',
  'init.wrote': (p) =>
    `已写入 ${p.file}。先用 \`devbox manifest validate -m ${p.file}\` 校验，再用 \`devbox plan -m ${p.file}\` 查看计划。`,

  'init.answeredIn': (p) => `${p.ms} ms 内应答`,
  'init.firstByte': (p) => `首字节 ${p.ms} ms`,
  'init.notInRelease': '不是 InRelease 文件',
  'init.failed': '失败',

  'init.welcome': 'devbox init：回答几个问题，然后生成一份带注释的清单。按 Ctrl-C 退出，不会写入任何内容。',
  'init.measuringMirrors': '正在从本机实测各 apt 镜像源…',
  'init.measuringResolvers': '正在从本机实测各 DoH 解析服务器…',
  'init.badClusterName': '只能用小写字母、数字和 "-"，最多 50 个字符',
  'init.askMirror': '发行版使用的 apt 镜像源（最快的在前）',
  'init.choice': (p) => `${p.name}  （${p.figure}）`,
  'init.choiceFailed': (p) => `${p.name}  （失败：${p.error}）`,
  'init.mirrorAuto': 'auto：每次 `devbox up` 时重新实测',
  'init.askResolver': '用于 hosts 条目的 DoH 解析服务器（最快的在前）',
  'init.resolverDefaults': 'devbox 的默认列表（AliDNS、DNSPod、360）',
  'init.askDrive': '安装 Scoop 及其应用的驱动器',
  'init.driveChoice': (p) => `${p.letter}  可用 ${p.freeGiB} GiB${p.label ? `  ${p.label}` : ''}`,
  'init.driveSystem': '系统盘',
  'init.askScoopRoot': 'Scoop 及你的应用所在目录（SCOOP）',
  'init.askScoopGlobal': '全局应用所在目录（SCOOP_GLOBAL）',
  'init.askApps': '用 Scoop 安装的应用（空格选择，回车确认）',
  'init.askMoreApps': '其他应用（逗号分隔，指定 bucket 用 BUCKET/APP；留空表示没有）',
  'init.askFixedIp': '发行版的固定 IP（地址/前缀长度；留空表示不使用）',
  'init.askCluster': '在发行版中创建本地 Kubernetes 集群（kind）？',
  'init.askClusterName': '集群名称',
  'init.askCni': '网络插件（CNI）',
  'init.askOutput': '清单写入到',
  'init.askOverwrite': (p) => `${p.file} 已存在。要覆盖吗？`,
};
