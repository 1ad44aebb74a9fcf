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

  'restore.badAs': (p) =>
    `--as ${p.name}：发行版名称只能包含字母、数字、"."、"_" 和 "-"，且不能以 "-" 开头，例如 Ubuntu-restored。`,
  'restore.badDistroName': (p) => `其中的发行版名称 ${p.name} 不被 WSL 接受`,
  'restore.badDefaultUser': (p) => `其中的默认用户 ${p.user} 不是合法的 Linux 用户名`,
  'restore.distroExists': (p) =>
    `已经注册了名为 ${p.name} 的发行版：用 --as NEW 以其他名称恢复，或确认替换它（--replace）。`,
  'restore.halfRestored': (p) => `${p.name} 是一次被中断的恢复留下的：将先注销它，再重新导入。`,
  'restore.stepImport': (p) =>
    `${p.replace ? '替换' : '导入'} WSL 发行版 ${p.name} 到 ${p.dir}（wsl --import … -，${p.bytes} 字节）`,
  'restore.stepDefaultUser': (p) => `把它的默认用户恢复为 ${p.user}（每次导入都会重置为 root）`,
  'restore.stepPersist': (p) => `把 persist/ 恢复到 ${p.scoop} 和 ${p.global}（${p.entries} 个条目）`,
  'restore.stepBuckets': (p) => `从 git bundle 添加 bucket 到 ${p.buckets}（无需网络）`,
  'restore.stepCache': (p) => `把下载缓存恢复到 ${p.cache}`,
  'restore.stepSecrets': (p) => `解密 config.json 中的机密信息（${p.keys}）`,
  'restore.stepApps': (p) => `按记录的版本安装 ${p.apps} 个应用，然后运行 scoop reset *`,
  'restore.stepConfig': (p) =>
    `${
      p.change === 'create'
        ? `写入 ${p.path}`
        : p.change === 'same'
          ? `${p.path} 保持不变（已与备份中的相同）`
          : `用备份中的文件替换 ${p.path}（原有文件先复制到 %LOCALAPPDATA%\\devbox\\backups\\restore-TIME）`
    }；保存备份中的清单（路径已映射）`,
  'restore.stepImages': (p) => `在重建集群之前，从备份 docker load ${p.refs}（${p.bytes} 字节），无需下载`,
  'restore.stepCluster': '用 devbox up 重建集群（其配置在恢复的清单中）',
  'restore.sameScoopRoots': (p) =>
    `SCOOP 和 SCOOP_GLOBAL 都会是 ${p.path}：全局应用需要自己的文件夹（--map SCOOP_GLOBAL=PATH）。`,
  'restore.noScoopRoot': '备份中没有 SCOOP 根目录：请用 --map SCOOP=PATH 指定一个。',
  'restore.noSpace': (p) =>
    `${p.path}（同一卷）的可用空间不足：需要 ${p.needed} 字节（另加 5%），可用 ${p.free} 字节。`,

  'restore.cannotStart': (p) => `无法开始恢复：\n${p.conflicts}\n未写入任何内容。`,
  'restore.secretsLeftOut': (p) =>
    `Scoop 的机密信息（${p.keys}）不会恢复：未提供口令（用 --passphrase-file FILE 或 DEVBOX_BACKUP_PASSPHRASE 提供即可恢复）。`,
  'restore.wroteWslconfig': (p) =>
    p.original ? `已写入 ${p.path}（原有文件保留为 ${p.original}）` : `已写入 ${p.path}`,
  'restore.dryRunStopped': '恢复会在此停止，不写入任何内容：请先解决上面的冲突。',
  'restore.provingPart': (p) => `替换 ${p.name} 之前，先检查 ${p.file} 能否完整解压`,
  'restore.distroKept': (p) => `已注册的发行版 ${p.name} 保持原样。`,
  'restore.wslconfigSame': (p) => `${p.path} 已与备份中的相同：保持不变`,
  'restore.wslconfigBusy': (p) => `${p.path} 被其他程序占用：${p.error}。请关闭该程序后重新运行恢复。`,
  'restore.wslconfigRace': (p) => `devbox 替换 ${p.path} 时它一直在变化：未写入任何内容。请重新运行恢复。`,
  'restore.savedManifest': (p) => `已保存备份中的清单（路径已映射）：${p.path}`,
  'restore.imported': (p) => `已将 ${p.name} 导入到 ${p.dir}`,
  'restore.defaultUserSet': (p) => `${p.name} 的默认用户：${p.user}`,
  'restore.noManage': (p) =>
    `这个 WSL 没有 --manage：请在 /etc/wsl.conf 中把 ${p.name} 的默认用户设为 ${p.user}（[user] default=）。`,
  'restore.wslFailed': (p) => `${p.command} 失败：${p.output}`,
  'restore.importFailed': (p) => `wsl --import ${p.name} 失败（退出码 ${p.exit}）：${p.output}`,
  'restore.notAPartName': '不是 devbox 会写入的部分名称',

  'backup.notABackup': (p) => `${p.path} 不是 devbox backup 生成的完整备份：${p.why}`,
  'backup.notABackupFix': '备份已损坏，或不是 devbox backup 写出的：请用 devbox backup -o PATH 重新备份。',
  'backup.notRegular': (p) => `${p.path} 是${p.what}，不是备份文件夹，也不是 .devbox-backup 文件。`,
  'backup.whatCharDevice': '字符设备',
  'backup.whatBlockDevice': '块设备',
  'backup.whatFifo': '命名管道',
  'backup.whatSocket': '套接字',
  'backup.notPlainFile': (p) => `${p.file} 是${p.what}，不是普通文件`,
  'backup.whatOther': '既不是普通文件也不是文件夹的东西',
  'backup.folderNoManifest': (p) => `${p.path} 是一个没有 ${p.file} 的文件夹：不是备份文件夹。`,
  'backup.folderNoManifestFix':
    '请给出 devbox backup -o 写出的文件夹：其中有最后写入的 manifest.json（被中断的备份会留下 PATH.partial）。',
  'backup.fileNotContainer': (p) =>
    `${p.path} 是一个文件，但不是 .devbox-backup 容器（文件名不以 .devbox-backup 结尾）。`,
  'backup.fileNotContainerFix':
    '请给出 devbox backup -o 写出的文件夹或 .devbox-backup 文件；改过名的容器需要改回以 .devbox-backup 结尾。',
  'backup.partialLeft': (p) => `${p.path} 是被中断的 devbox backup 留下的（.partial）：不是完整的备份。`,
  'backup.onlyPartial': (p) =>
    `${p.path} 不存在，但有 ${p.partial}：它是被中断的 devbox backup 留下的，不是完整的备份。`,
  'backup.partialLeftFix': '请用 devbox backup -o PATH 重新备份（会从头开始），然后删除这个 .partial。',
  'backup.fileMissing': (p) => `缺少 ${p.file}`,
  'backup.notJson': (p) => `${p.file} 不是有效的 JSON（已损坏）`,
  'backup.newer': (p) =>
    `${p.path} 是由更新版本的 devbox 写入的（备份格式 ${p.schema}）；这个 devbox 只能读取格式 ${p.supported}。`,
  'backup.newerFix': '更新 devbox（devbox self-update），然后再运行一次该命令。',
  'backup.schemaMismatch': (p) => `${p.file} 不符合格式 ${p.schema}：${p.at}：${p.problem}`,
  'backup.notFound': (p) => `未找到：${p.path}`,
  'backup.notFoundHint': '请给出 devbox backup -o 写出的文件夹或 .devbox-backup 文件。',
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
  'backup.problemTruncated': (p) => `不完整：只有 ${p.bytes} 字节，应为 ${p.expected} 字节`,
  'backup.problemSize': (p) => `有 ${p.bytes} 字节，清单记录为 ${p.expected} 字节`,
  'backup.problemNotTarZstd': (p) => `无法解压或不是 tar（${p.error}）`,
  'backup.problemNotZstd': (p) => `无法解压（${p.error}）`,
  'backup.problemEntries': (p) => `含 ${p.entries} 个条目，清单记录为 ${p.expected} 个`,
  'backup.problemFilesDiffer': (p) => `文件与归档索引不一致：${p.files}`,
  'backup.problemNoIndex': '缺少末尾的索引',
  'backup.problemNotJson': '不是有效的 JSON',
  'backup.problemUnreadable': (p) => `无法读取（${p.error}）`,
  'backup.problemSha256': '已损坏：sha256 与备份的 manifest.json 记录的不符',
  'backup.problemNotInContainer': (p) => `容器中没有此文件（${p.reason ?? '文件不完整？'}）`,
  'backup.problemMissing': '缺失',
  'backup.damagedHint': '请对该备份运行 devbox backup verify --deep。',
  'archive.endsEarly': (p) => `文件在第 ${p.length} 字节处结束，没有 tar 的结尾`,
  'archive.twice': (p) => `成员 ${p.name} 出现了两次`,
  'archive.notAFile': '它不是普通文件（而是管道、设备或 socket）',
  'archive.truncatedMember': (p) => `容器成员不完整：只有 ${p.bytes} 字节，应为 ${p.size} 字节`,
  'archive.headerChecksum': 'tar 头已损坏（校验和不符）',
  'archive.notUstar': 'tar 头不是 ustar 格式',
  'archive.notPlain': (p) => `成员 ${p.name} 不是普通文件`,
  'archive.badName': (p) => `成员名 ${p.name} 不是 devbox 会写入的名称`,
  'archive.badSize': (p) => `成员 ${p.name} 的大小字段已损坏`,
  'backup.onlyUnknown': (p) => `--only ${p.value}：取值必须是 ${p.kinds} 之一。`,
  'backup.mapInvalid': (p) => `--map ${p.value}：格式应为 TOKEN=PATH，TOKEN 取 ${p.tokens} 之一。`,
  'backup.unknownRole': (p) => `"${p.role}" 不是 ${p.kind} 部分的角色（${p.roles}）`,
  'backup.partTwice': (p) => `${p.what} 的第二个部分`,
  'backup.passphraseEmpty': (p) => `--passphrase-file ${p.file} 是空的：请把口令写进去（一行）。`,
  'backup.mapTwice': (p) => `--map ${p.token} 给了两次（${p.first} 和 ${p.second}）：每个根目录只能给一次。`,
  'backup.mapPath': (p) => `--map ${p.value}：PATH ${p.problem}。`,
  'backup.outputEmpty': '-o 为空：请给出备份文件夹，或以 .devbox-backup 结尾的文件。',
  'restore.wrongPassphrase': '口令无法打开备份中的机密（口令错误，或机密部分被改动过）。未写入任何内容。',
  'restore.wrongPassphraseFix':
    '请给出执行 `devbox backup` 时使用的口令（DEVBOX_BACKUP_PASSPHRASE 或 --passphrase-file）。',
  'restore.wrongPassphraseSkip':
    '或者不带机密恢复：不提供口令（不用 --passphrase-file，也不设置 DEVBOX_BACKUP_PASSPHRASE），机密会被略过并留下说明。',
  'restore.diskFull': (p) =>
    `${p.file}：恢复目标所在的磁盘已满（${p.error}）。此部分不会留下任何内容；请在该处腾出空间，或用 --map 把它的根目录映射到另一个驱动器，然后重新恢复。`,
  'restore.partChanged':
    '在校验之后被改动：现在读到的字节与备份的 manifest.json 记录的 sha256 不符。此部分不会留下任何内容。',
  'restore.onlyNotHeld': (p) => `--only ${p.kinds}：此备份中没有这样的部分（它包含：${p.held}）。没有恢复任何内容。`,
  'restore.asWithoutDistro': (p) =>
    `--as ${p.name}：它指定恢复时导入的发行版名称（或载入集群镜像的发行版），而此次恢复两者都不做（备份中没有这样的部分，或 --only 把它排除了）。没有恢复任何内容。`,
  'restore.onlyFix': (p) => `--only 只列出备份中已有的种类（${p.held}），或不用 --only。`,
  'restore.asFix': '去掉 --as，或同时恢复发行版（或集群镜像）。',
  'backup.outputTaken': (p) =>
    `备份进行期间 ${p.output} 被占用（${p.code}：有内容放进了这个空目录，或另一个程序占用着它）：它保持原样，完成的备份保存为 ${p.kept}。`,
  'backup.outputTakenFix': (p) => `${p.kept} 是完整的：可按需改名（devbox backup verify 可检查它）。`,
  'restore.doneBefore': (p) => `停止之前已恢复、并保持原样的内容：\n${p.done}`,
  'restore.partsDamaged': (p) => `${p.count} 个部分`,
  'backup.mapExample': '例如：--map SCOOP=E:\\Apps\\Scoop --map USERPROFILE=C:\\Users\\me',
  'backup.passphraseUnreadable': (p) => `--passphrase-file ${p.file}：无法读取。`,
  'backup.badLevel': '--level 必须在 1..19 之间（zstd）。',

  'backup.exporting': (p) => `distro：正在导出 ${p.name}（${p.command}），经 zstd -${p.level} 压缩`,
  'backup.scoopCounts': (p) => `scoop：${p.buckets} 个 bucket，${p.apps} 个应用`,
  'backup.bundleFailed': (p) => `bucket ${p.bucket}：git bundle 失败（${p.error}）；已改为归档它的文件`,
  'backup.notARepository': (p) => `bucket ${p.bucket}：它的 .git 不是可用的仓库；已归档它的文件`,
  'backup.secretsLeftOut': (p) =>
    `Scoop 的 config.json 含有机密信息（${p.keys}）：由于没有提供口令（DEVBOX_BACKUP_PASSPHRASE 或 --passphrase-file），已略过。`,
  'backup.dockerSave': (p) => `cluster：docker save ${p.refs}，经 zstd -${p.level} 压缩`,
  'restore.dockerLoad': (p) => `cluster：从 ${p.file} docker load`,
  'restore.loadedImage': (p) => `已从备份载入 ${p.ref}（${p.id}…）`,
  'backup.imageMissing': (p) => `cluster：--with-images：发行版的 Docker Engine 中没有镜像 ${p.ref}。`,
  'backup.imageMissingFix': "运行 `devbox up --only 'cluster.*'`（它会拉取或载入节点镜像），然后重新备份。",
  'backup.dockerSaveFailed': (p) => `docker save 失败（退出码 ${p.exit}）。${p.stderr}`,
  'restore.imagesRecordDamaged': (p) => `${p.file}：manifest.json 中的镜像记录已损坏。`,
  'restore.imagesNeedDocker': (p) => `${p.reason}：无法载入备份中的集群镜像。`,
  'restore.imagesNeedDockerFix': '然后 `devbox restore PATH --only cluster` 会载入它们',
  'restore.dockerLoadFailed': (p) => `从 ${p.file} docker load 失败（退出码 ${p.exit}）：${p.stderr}`,
  'restore.dockerLoadWrongId': (p) => `从 ${p.file} docker load 没有得到 ${p.ref}（id ${p.id}）。`,
  'restore.imagesUnreadable': (p) => `无法从备份读取 ${p.file}：${p.error}`,
  'restore.imagesUnreadableFix': '用 `devbox backup verify PATH --deep` 检查备份',
  'restore.wslImport': (p) => `distro：${p.command}`,
  'restore.bucketKept': (p) => `bucket ${p.bucket} 已存在于 ${p.scoop}：保持原样`,
  'restore.bucketBundle': (p) => `bucket ${p.bucket}（bundle，提交 ${p.commit}）`,
  'restore.bucketFiles': (p) => `bucket ${p.bucket}（文件）`,
  'restore.persistFiles': (p) => `persist：${p.count} 个文件`,
  'restore.cacheFiles': (p) => `缓存：${p.count} 个文件`,
  'restore.bucketGitFailed': (p) =>
    `bucket ${p.bucket}：${p.command} 失败：${p.error || '没有输出'}。这个 bucket 没有保留任何内容。`,
  'restore.noScoop': (p) =>
    `${p.root} 中没有安装 Scoop 本身：请用恢复的清单运行 devbox up（它会安装 Scoop 和应用），之后 Scoop 会找到恢复的 bucket 和 persist。`,
  'restore.scoopConfig': (p) => `${p.file}：${p.keys}`,
  'restore.scoopConfigFailed': (p) =>
    `Scoop 的 config.json 没有写入（${p.keys}）：${p.error} 修好它之后，用 --only scoop 重新运行恢复。`,
  'restore.bucketMissing': (p) => `scoop.json 列出了 bucket ${p.bucket}，但这个部分里没有它`,
  'restore.bucketGitHint': (p) =>
    `如果 ${p.target} 所在的磁盘已满，请释放空间后重新运行恢复；否则这个备份被改动过或不是 devbox 生成的：不要恢复它的 bucket。`,
  'restore.scoopFailed': (p) => `${p.command} 失败：${p.output}`,
  'restore.appVersion': (p) => `${p.app}：备份时为 ${p.was}，现在为 ${p.now}`,
  'restore.notInstalled': '未安装',
  'restore.appsChecked': (p) => `应用：已按记录的版本检查 ${p.count} 个`,
  'backup.unlistedMember': (p) => `它含有 ${p.name}，但 ${p.file} 中没有列出`,
  'restore.notInBackup': (p) => `不在 ${p.path} 中（${p.reason}）`,
  'restore.recordedById': (p) => `已按镜像 id 记录 ${p.refs}，供 devbox up 使用（docker load 不保留 digest）`,
  'restore.recordFailed': (p) => `镜像已加载，但无法在发行版中写入 ${p.path}（退出码 ${p.exit}）：${p.stderr}`,
  'restore.stepInstallScoop': (p) =>
    `像 devbox up 一样把 Scoop 本身安装到 ${p.root}，并写入它需要的 hosts 条目（使用备份清单中的安装程序，已校验 sha256）`,
  'restore.installScoopFailed': (p) => `安装 Scoop 本身及其 hosts 条目失败：${p.error}`,
  'restore.stepHosts': (p) =>
    `像 devbox up 一样写入 hosts 条目 ${p.names}：在本机通过 DoH 重新解析并经 TLS 验证，不从备份复制（在 Scoop 之前：它的下载依赖这些条目）`,
  'restore.hostsFailed': (p) => `写入 hosts 条目失败：${p.error}`,
  'restore.noManifestForScoop':
    '不会安装 Scoop 本身，也不会写入 hosts 条目：它们来自备份中的清单，而这次恢复不保存它（在 --only 中加上 config，或之后用该清单运行 devbox up）。',
  'backup.noDistro': (p) => `没有注册名为 ${p.name} 的 WSL 发行版。`,
  'backup.noDistroHint': '用 --distro NAME 指定它，或用 --only scoop,config,cluster 不备份发行版。',
  'backup.noVhd': '这个 WSL 不能用 --format vhd 导出（它的 wsl --help 中没有 --format）。',
  'backup.noVhdHint': '请更新 WSL（wsl --update），或按 tar 备份（默认）。',
  'backup.askTerminate': (p) => `${p.name} 正在运行。要停止它（wsl --terminate）以保证导出一致吗？其中的程序会被关闭。`,
  'backup.notStopped': (p) => `${p.name} 正在运行且没有停止：运行中导出的内容不一致。`,
  'backup.notStoppedHint': '请回答 yes，或传入 --yes 不经询问停止它。',
  'backup.distroBusy': (p) => `${p.name} 处于 ${p.state} 状态：WSL 正在处理它。`,
  'backup.distroBusyHint': '请等待它完成；导出被中断后可能需要重启 Windows（microsoft/WSL#12627）。',
  'backup.noScoopPart': 'Scoop 没有安装：没有 Scoop 部分。',
  'restore.stepConfigManifestOnly': '保存备份中的清单（路径已映射；备份中没有 .wslconfig）',
};
