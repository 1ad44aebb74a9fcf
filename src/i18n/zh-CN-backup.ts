/** The Simplified Chinese texts of backup, verify and restore (see en-backup.ts). Part of zh-CN.ts. */
import type { enBackup } from './en-backup.js';

const sources = { backup: '来自备份', download: '需要下载', machine: '来自本机' } as const;

export const zhCNBackup: { readonly [K in keyof typeof enBackup]: (typeof enBackup)[K] } = {
  'backup.wouldBackUp': (p) => `将把 ${p.parts} 备份到 ${p.output}（未写入任何内容）。`,
  'backup.written': (p) => `备份已写入：${p.path}`,
  'backup.partSizes': (p) => `（原始大小 ${p.raw}，${p.entries} 个条目）`,
  'backup.note': (p) => `注意：${p.note}`,
  'backup.verifyOk': '完好',
  'backup.verifyDamaged': '已损坏',
  'backup.verdict': (p) => `${p.verdict}：${p.path}${p.deep ? '（深度检查）' : ''}`,
  'backup.partOk': '完好',
  'backup.partFailed': '失败',
  'backup.restorePlan': '恢复计划：',
  'backup.restorePlanDryRun': '恢复计划（演练：不写入任何内容）：',
  'backup.from': (p) => `[${sources[p.from]}${p.elevated ? '，需要管理员权限' : ''}]`,
  'backup.space': (p) => `空间：${p.path}：需要 ${p.needed}，可用 ${p.free}`,
  'backup.conflict': '冲突：',
  'backup.done': (p) => `已完成：${p.what}`,
  'backup.noDrift': '状态：没有偏差。',
  'backup.drift': '状态：有偏差',
  'backup.driftIn': (p) => `涉及 ${p.ids}`,

  'restore.badAs': (p) => `--as ${p.name}：发行版名称只能包含字母、数字、"."、"_" 和 "-"，例如 Ubuntu-restored。`,
  'restore.badDistroName': (p) => `其中的发行版名称 ${p.name} 不被 WSL 接受`,
  'restore.badDefaultUser': (p) => `其中的默认用户 ${p.user} 不是合法的 Linux 用户名`,
  'restore.distroExists': (p) =>
    `已经注册了名为 ${p.name} 的发行版：用 --as NEW 以其他名称恢复，或确认替换它（--replace）。`,
  'restore.halfRestored': (p) => `${p.name} 是一次被中断的恢复留下的：将先注销它，再重新导入。`,
  'restore.stepImport': (p) =>
    `${p.replace ? '替换' : '导入'} WSL 发行版 ${p.name} 到 ${p.dir}（wsl --import … -，${p.bytes} 字节）`,
  'restore.stepDefaultUser': (p) => `把它的默认用户恢复为 ${p.user}（每次导入都会重置为 root）`,
  'restore.stepPersist': (p) => `把 persist/ 恢复到 ${p.scoop}\\persist 和 ${p.global}\\persist（${p.entries} 个条目）`,
  'restore.stepBuckets': (p) => `从 git bundle 添加 bucket 到 ${p.scoop}\\buckets（无需网络）`,
  'restore.stepCache': (p) => `把下载缓存恢复到 ${p.cache}`,
  'restore.stepSecrets': (p) => `解密 config.json 中的机密信息（${p.keys}）`,
  'restore.stepApps': (p) => `按记录的版本安装 ${p.apps} 个应用，然后运行 scoop reset *`,
  'restore.stepConfig': (p) => `把 .wslconfig 写入 ${p.profile}；保存备份中的清单（路径已映射）`,
  'restore.stepImages': (p) => `在重建集群之前，从备份 docker load ${p.refs}（${p.bytes} 字节），无需下载`,
  'restore.stepCluster': '用 devbox up 重建集群（其配置在恢复的清单中）',
  'restore.noScoopRoot': '备份中没有 SCOOP 根目录：请用 --map SCOOP=PATH 指定一个。',
  'restore.noSpace': (p) =>
    `${p.path}（同一卷）的可用空间不足：需要 ${p.needed} 字节（另加 5%），可用 ${p.free} 字节。`,

  'restore.cannotStart': (p) => `无法开始恢复：\n${p.conflicts}\n未写入任何内容。`,
  'restore.secretsLeftOut': (p) => `Scoop 的机密信息（${p.keys}）没有恢复：未提供口令。`,
  'restore.wroteWslconfig': (p) => `已写入 ${p.path}`,
  'restore.savedManifest': (p) => `已保存备份中的清单（路径已映射）：${p.path}`,
  'restore.imported': (p) => `已将 ${p.name} 导入到 ${p.dir}`,
  'restore.defaultUserSet': (p) => `${p.name} 的默认用户：${p.user}`,
  'restore.noManage': (p) =>
    `这个 WSL 没有 --manage：请在 /etc/wsl.conf 中把 ${p.name} 的默认用户设为 ${p.user}（[user] default=）。`,
  'restore.wslFailed': (p) => `${p.command} 失败：${p.output}`,
  'restore.importFailed': (p) => `wsl --import ${p.name} 失败（退出码 ${p.exit}）：${p.output}`,
  'restore.notAPartName': '不是 devbox 会写入的部分名称',

  'backup.notABackup': (p) => `${p.path} 不是 devbox backup 生成的完整备份：${p.why}`,
  'backup.notABackupFix': '以 .partial 结尾的文件夹或文件是被中断的备份：请用 devbox backup 重新备份。',
  'backup.fileMissing': (p) => `缺少 ${p.file}`,
  'backup.notJson': (p) => `${p.file} 不是有效的 JSON（已损坏）`,
  'backup.newer': (p) =>
    `${p.path} 是由更新版本的 devbox 写入的（备份格式 ${p.schema}）；这个 devbox 只能读取格式 ${p.supported}。`,
  'backup.newerFix': '更新 devbox（devbox self-update），然后再运行一次该命令。',
  'backup.schemaMismatch': (p) => `${p.file} 不符合格式 ${p.schema}：${p.at}：${p.problem}`,
  'backup.doesNotExist': '它不存在',
  'backup.firstMember': (p) => `它的第一个成员是 ${p.name}，而不是 ${p.file}`,
  'backup.notTar': (p) => `无法作为 tar 容器读取（${p.error}）`,

  'backup.folderUnusable': (p) => `-o ${p.output}：无法使用它所在的文件夹 ${p.folder}（${p.code}）。`,
  'backup.folderUnusableFix': '用 -o 指定一个你可以写入的文件夹中的路径，例如 D:\\Backups\\devbox.devbox-backup。',
  'backup.exists': (p) => `${p.output} 已存在：备份从不覆盖已有的备份。`,
  'backup.existsFix': '用 -o 指定一个新的路径。',
  'backup.noClusterImages': '--with-images：清单中没有集群，因此没有保存镜像。',
  'backup.needsZstd': (p) => `备份需要 node:zlib 中的 zstd（Node >= 22.15）；当前是 Node ${p.node}。`,
  'backup.needsZstdFix': '使用 devbox 可执行文件（内置 Node 24），或升级 Node。',
  'backup.verifyNeedsZstd': (p) => `校验需要 node:zlib 中的 zstd（Node >= 22.15）；当前是 Node ${p.node}。`,
  'backup.windowsOnly': 'devbox backup 和 restore 在 Windows 上运行（它们备份 WSL、Scoop 和 Windows 中的文件）。',
  'backup.passphraseUnreadable': (p) => `--passphrase-file ${p.file}：无法读取。`,
  'backup.badLevel': '--level 必须在 1..19 之间（zstd）。',
};
