/**
 * Help texts in Simplified Chinese: each English text of a command (summary, description), topic
 * and the package description, with its translation. Keyed by the English text itself, as gettext
 * does: a changed English text has no translation until this table is updated, and
 * help-catalogue.test.ts fails until it is (so does a translation nobody uses any more).
 */

export const commandHelpZhCN: ReadonlyArray<readonly [string, string]> = [
  // backup
  [
    "Back up this machine's environment: the distro, Scoop, devbox's config, the cluster's config.",
    '备份本机环境：发行版、Scoop、devbox 的配置和集群配置。',
  ],
  [
    'Writes a folder of parts with manifest.json (written last), or one .devbox-backup file (a plain ' +
      'tar of the same files). The distro is stopped first (asking; --yes answers) and exported ' +
      "through zstd; Scoop keeps exact versions, buckets as git bundles, persist/, and config.json's " +
      'secrets encrypted with a passphrase (DEVBOX_BACKUP_PASSPHRASE or --passphrase-file) or left ' +
      'out. Check it with devbox backup verify.',
    '写出一个由各部分组成的文件夹（manifest.json 最后写入），或单个 .devbox-backup 文件（同样内容的普通 tar 包）' +
      '。会先停止发行版（会询问；--yes 直接确认），再经 zstd 导出；Scoop 保留精确版本，bucket 保存为 git bundle，' +
      '连同 persist/ 一起备份；config.json 中的机密信息用口令加密（DEVBOX_BACKUP_PASSPHRASE 或 --passphrase-file）' +
      '，没有口令则不备份。用 devbox backup verify 检查备份。',
  ],
  // doctor
  [
    'Explain what is broken and how to fix it; exit 5 when something is.',
    '说明哪里出了问题以及如何修复；有问题时退出码为 5。',
  ],
  [
    'Reads the machine like `status` (changes nothing) and explains each problem with the command ' +
      "that fixes it. Hosts entries are checked again over TLS, in devbox's block and outside it: " +
      'stale addresses are named with the command that refreshes them. Steps that could not be checked ' +
      'and steps that differ from the manifest are listed too. With a cluster in the manifest it also ' +
      'looks for the runc init pipe hang (runc inits stuck writing a pipe, the pipe canary, ' +
      'fs.pipe-user-pages-soft/-hard, nodes NotReady with "PLEG is not healthy", each node\'s runc ' +
      'build against the hang and the CVE floor): one guest-agent call plus one docker exec per node; ' +
      'exit 7 when Docker Engine does not answer (the cluster cannot be checked). `--fix runc-hang` ' +
      'ends the stuck runc inits (after confirmation, or --yes) and changes nothing else.',
    '像 `status` 一样读取机器（不做任何更改），并对每个问题给出修复它的命令。hosts 条目会重新经 TLS 校验，' +
      'devbox 管理的区块内外都会检查：过期的地址会连同刷新它的命令一起列出。无法检查的步骤和与清单不一致的步骤也会列出。' +
      '清单中有集群时，还会检查 runc init 管道卡死问题（卡在写管道的 runc init、管道探针、fs.pipe-user-pages-soft/-hard、' +
      '因 "PLEG is not healthy" 而 NotReady 的节点、每个节点的 runc 构建是否受卡死问题影响、是否达到 CVE 安全下限）' +
      '：只需一次 guest agent 调用，外加每个节点一次 docker exec；Docker Engine 无响应时（无法检查集群）退出码为 7。' +
      '`--fix runc-hang` 会结束卡住的 runc init（需确认，' +
      '或加 --yes），不做其他更改。',
  ],
  // init
  [
    'Write a manifest: answer a few questions, pass the answers as flags, or export what exists.',
    '生成清单：回答几个问题，或用选项给出答案，或导出现有环境。',
  ],
  [
    'With no flags at a terminal, a wizard measures the apt mirrors and DoH resolvers from this machine ' +
      '(fastest first), asks for the Scoop folders (offering drives that exist), the apps, a fixed IP ' +
      '(checked against the adapters) and the cluster, and writes a commented manifest that validates ' +
      '(-o FILE, default devbox.yaml; an existing file is replaced only after you confirm). Without a ' +
      'terminal, give the answers as flags (--mirror, --resolver, --scoop-root, --scoop-global, --apps, ' +
      '--fixed-ip, --cluster/--no-cluster, --cni) or --yes for the defaults. --from-machine reads this ' +
      "Windows machine: WSL (.wslconfig, the distributions and the default one), the default distribution's " +
      "wsl.conf, apt mirror and DNS, Scoop (folders, buckets, apps, config.json) and devbox's hosts entries; " +
      "with --format scoop-export it writes Scoop's own export JSON instead. --from-scoop-export FILE turns " +
      'a `scoop export` file into manifest form. Values devbox cannot express become comments in the ' +
      'manifest and notes on stderr.',
    '在终端中不带任何选项运行时，向导会从本机实测各 apt 镜像源和 DoH 解析服务器（最快的排在最前），' +
      '询问 Scoop 目录（列出实际存在的驱动器供选择）、要安装的应用、固定 IP（会与现有网络适配器核对）和集群，' +
      '然后写出一份带注释、能通过校验的清单（-o FILE，默认 devbox.yaml；文件已存在时须经你确认才会覆盖）。' +
      '没有终端时，用选项给出答案（--mirror、--resolver、--scoop-root、--scoop-global、--apps、--fixed-ip、' +
      '--cluster/--no-cluster、--cni），或用 --yes 全部采用默认值。--from-machine 读取这台 Windows 机器：' +
      'WSL（.wslconfig、各发行版及默认发行版）、默认发行版的 wsl.conf、apt 镜像源和 DNS、Scoop（目录、bucket、' +
      '应用、config.json）以及 devbox 的 hosts 条目；加上 --format scoop-export 时改为输出 Scoop 自己的导出 JSON。' +
      '--from-scoop-export FILE 把 `scoop export` 文件转换成清单格式。devbox 无法表达的值会写成清单中的注释，' +
      '并在 stderr 上提示。',
  ],
  // config
  ["Print one of devbox's settings.", '显示 devbox 的一项设置。'],
  [
    'Prints the stored value alone (for scripts); when the setting is not set, prints nothing and says on ' +
      'stderr what applies instead.',
    '只输出保存的值（便于脚本使用）；该设置未设置时不输出任何内容，并在 stderr 上说明实际生效的是什么。',
  ],
  ["List devbox's settings, their values and where they are stored.", '列出 devbox 的各项设置、它们的值及保存位置。'],
  ["Change one of devbox's settings.", '修改 devbox 的一项设置。'],
  [
    'language: en | zh-CN. manifest: the manifest used when -m is not given (a file, stored as an absolute ' +
      'path; an https:// URL; builtin:default). color: auto | always | never. A value devbox does not accept ' +
      'exits 2 and changes nothing.',
    'language：en | zh-CN。manifest：未给出 -m 时使用的清单（文件，以绝对路径保存；https:// URL；builtin:default）。' +
      'color：auto | always | never。devbox 不接受的值会以退出码 2 结束，且不做任何更改。',
  ],
  ["Remove one of devbox's settings (its default applies again).", '删除 devbox 的一项设置（恢复为默认值）。'],
  // completion
  [
    'Print a shell completion script for bash or PowerShell (commands, flags and their values).',
    '输出 bash 或 PowerShell 的命令行补全脚本（补全命令、选项及选项的值）。',
  ],
  [
    'bash: `devbox completion bash > ~/.local/share/bash-completion/completions/devbox` (or add ' +
      '`source <(devbox completion bash)` to ~/.bashrc). PowerShell: add ' +
      '`devbox completion powershell | Out-String | Invoke-Expression` to $PROFILE. Open a new terminal ' +
      'afterwards. The script is generated from the commands themselves: run it again after updating devbox.',
    'bash：`devbox completion bash > ~/.local/share/bash-completion/completions/devbox`（或在 ~/.bashrc 中加入 ' +
      '`source <(devbox completion bash)`）。PowerShell：在 $PROFILE 中加入 ' +
      '`devbox completion powershell | Out-String | Invoke-Expression`。之后打开一个新终端即可生效。' +
      '脚本根据命令本身生成：升级 devbox 后请重新生成。',
  ],
  // plan
  [
    'Show what `devbox up` would change, without changing anything.',
    '显示 `devbox up` 将会做哪些更改，但不做任何更改。',
  ],
  [
    'Reads the machine (every guest probe in one batch), compares it with the manifest and prints ' +
      'one step per resource: + create, ~ update, - remove, = in desired state, ? checked after its ' +
      'dependencies, ! could not be checked or cannot be applied from this state (with the reason and the fix). ' +
      'Off Windows, host resources show as skipped.',
    '读取机器（所有 guest 探测合并为一批），与清单比较，每个资源输出一行：+ 创建、~ 更新、- 删除、' +
      '= 已处于期望状态、? 待依赖完成后检查、! 无法检查或在当前状态下无法应用（附原因和修复方法）。' +
      '不在 Windows 上时，host 资源显示为已跳过。',
  ],
  // restore
  [
    'Restore a backup onto this machine: plan first, then restore, then check with status.',
    '把备份恢复到本机：先出计划，再恢复，最后用 status 检查。',
  ],
  [
    'The plan lists what will be created, conflicts (an existing distro of that name needs --as NEW ' +
      'or --replace), free space needed (checked before anything is written), what comes from the ' +
      'backup and what would be downloaded. --map moves a root: --map SCOOP=E:\\Apps --map ' +
      'USERPROFILE=C:\\Users\\me.',
    '计划会列出将要创建的内容、冲突（已有同名发行版时需要 --as NEW 或 --replace）、所需的空闲空间（写入任何内容之前检查）' +
      '、哪些来自备份、哪些需要下载。--map 可以迁移根目录：--map SCOOP=E:\\Apps --map USERPROFILE=C:\\Users\\me。',
  ],
  // self-update
  [
    'Replace this devbox executable with the newest release, verified by sha256.',
    '用最新版本替换当前的 devbox 可执行文件，并用 sha256 校验。',
  ],
  [
    'Reads latest.json (version and sha256 of each executable) from the release URL, over verified ' +
      'TLS; downloads the executable from the release URL or its mirror, refuses it unless its sha256 ' +
      'matches, checks that it runs, then moves the running file aside (deleted on the next start) and ' +
      'puts the new one in its place. Only for the standalone executables; npm installs update with ' +
      'npm.',
    '通过经过校验的 TLS 从发布 URL 读取 latest.json（各可执行文件的版本和 sha256）；从发布地址或其镜像下载可执行文件，' +
      'sha256 不匹配则拒绝，检查它能运行，然后把正在运行的文件移到一旁（下次启动时删除），再把新文件放到原位置。' +
      '仅适用于独立可执行文件；通过 npm 安装的请用 npm 更新。',
  ],
  // status
  ['Check the machine against the manifest; exit 5 when it drifted.', '对照清单检查机器；有偏差时退出码为 5。'],
  [
    'Lists every resource that is not in its desired state, with the properties that differ. Changes ' + 'nothing.',
    '列出所有不处于期望状态的资源及其不一致的属性。不做任何更改。',
  ],
  // up
  ['Converge the machine to the manifest.', '使机器收敛到清单描述的状态。'],
  [
    'Shows the plan, asks for confirmation (--yes applies without asking; not at a terminal, or with ' +
      '--json, --yes is required: exit 2 without it), applies each step in dependency order, checks ' +
      'each step converged, and records every change in the journal. Ctrl-C stops after the current ' +
      'step; `devbox up --resume` continues. On Windows, administrator steps share one UAC prompt, and ' +
      'when Windows must restart devbox registers `devbox up --resume` to run at the next logon (exit ' +
      'code 6).',
    '显示计划并请求确认（--yes 不经询问直接应用；不在终端中运行或使用 --json 时必须加 --yes，否则退出码为 2）' +
      '，按依赖顺序应用每个步骤，检查每个步骤是否收敛，并把每项更改记入 journal。Ctrl-C 会在当前步骤完成后停止；' +
      '`devbox up --resume` 可继续。在 Windows 上，所有需要管理员权限的步骤共用一次 UAC 提示；需要重启 Windows 时，' +
      'devbox 会注册在下次登录时运行 `devbox up --resume`（退出码 6）。',
  ],
  // backup verify
  [
    'Check a backup: every part against its recorded sha256; --deep also unpacks every archive.',
    '检查备份：每个部分都与记录的 sha256 比对；--deep 还会解开每个归档。',
  ],
  [
    'Damaged, truncated or missing parts are named one by one; exit code 4 when any is.',
    '损坏、截断或缺失的部分会逐一列出；有任何一项时退出码为 4。',
  ],
  // cluster ps
  [
    'The container chain of each kind node: kubelet → containerd → shims → containers, with runc.',
    '每个 kind 节点的容器链：kubelet → containerd → shim → 容器，以及 runc。',
  ],
  [
    'Reads /proc in the distro in one guest-agent call (one docker exec per node for the node ' +
      'names): per node, kubelet, containerd, each containerd-shim-runc-v2 (one per pod sandbox) with ' +
      "the runc binary it runs, and under it the containers' processes and any transient runc / runc " +
      "init, with pids (also as seen inside), states and ages. Docker's own chain in the distro is " +
      'shown first.',
    '在发行版中通过一次 guest agent 调用读取 /proc（每个节点一次 docker exec 获取节点名）：按节点列出 kubelet、' +
      'containerd、每个 containerd-shim-runc-v2（每个 pod sandbox 一个）及其运行的 runc 可执行文件，' +
      '以及其下容器的进程和临时的 runc / runc init，附带 pid（包括容器内看到的 pid）、状态和运行时长。' +
      '发行版中 Docker 自己的容器链显示在最前面。',
  ],
  // manifest schema
  [
    'Print the JSON Schema of manifests, for editor completion and checks.',
    '输出清单的 JSON Schema，用于编辑器补全和检查。',
  ],
  [
    'Save it and point the VS Code YAML extension at it with a first line `# yaml-language-server: ' +
      '$schema=./devbox.schema.json`.',
    '保存下来，并在文件第一行写上 `# yaml-language-server: $schema=./devbox.schema.json`，让 VS Code 的 YAML 扩展使用它。',
  ],
  // manifest show
  [
    'Print the fully resolved manifest: extends merged, variables substituted, defaults filled in.',
    '输出完全解析后的清单：合并 extends、替换变量、填入默认值。',
  ],
  // manifest validate
  [
    'Check a manifest (and everything it extends) without touching the machine.',
    '检查清单（及其 extends 的所有内容），不触碰机器。',
  ],
  [
    'Every problem is listed at once as FILE:LINE:COL  PATH  MESSAGE. Exit code 3 when the manifest ' + 'is invalid.',
    '一次列出所有问题，格式为 FILE:LINE:COL  PATH  MESSAGE。清单无效时退出码为 3。',
  ],
  // net fetch
  [
    'Download a file the way devbox downloads everything: parallel, resumable, verified, cached.',
    '按 devbox 下载一切的方式下载文件：并行、可续传、校验、缓存。',
  ],
  [
    'Fetches URL over several connections with HTTP ranges (one stream when the server has none), ' +
      'retries resets and 5xx with backoff, falls over to --mirror URLs, and resumes what an ' +
      'interrupted run left. With --sha256 the file is verified while it streams, moved into place ' +
      'only when it matches, and kept in the cache (DEVBOX_CACHE_DIR, default ~/.cache/devbox) so the ' +
      'next fetch downloads nothing.',
    '通过多个连接用 HTTP Range 下载 URL（服务器不支持时用单个流），遇到连接重置和 5xx 会退避重试，' +
      '失败时切换到 --mirror 指定的 URL，并能续传中断的下载。指定 --sha256 时边下载边校验，匹配后才移动到目标位置，' +
      '并保存在缓存中（DEVBOX_CACHE_DIR，默认 ~/.cache/devbox），下次获取时无需再下载。',
  ],
  // net rank
  [
    'Rank mirrors by time to first byte and throughput, measured in parallel.',
    '按首字节时间和吞吐量给镜像源排名，并行测量。',
  ],
  [
    'Fetches the same file (--path under each base URL) from every mirror at once within a time ' +
      'budget, drops those that fail or serve the wrong content (--sha256), and lists the rest fastest ' +
      'first.',
    '在时间预算内同时从每个镜像源获取同一文件（每个基础 URL 下的 --path），剔除失败或内容不对（--sha256）' +
      '的，其余按速度从快到慢列出。',
  ],
  // net resolve
  [
    'Resolve a name over DNS-over-HTTPS and check each address with a TLS handshake.',
    '通过 DNS-over-HTTPS 解析域名，并用 TLS 握手检查每个地址。',
  ],
  [
    'Asks several DoH resolvers in parallel and merges their A/AAAA answers, then connects to each ' +
      'address on port 443 with SNI set to NAME and verifies the certificate chain and name. Only ' +
      'addresses that pass are fit for the hosts file; the others are listed with the reason (a ' +
      'poisoned answer fails here).',
    '并行询问多个 DoH 解析器并合并它们的 A/AAAA 结果，然后以 NAME 作为 SNI 连接每个地址的 443 端口，' +
      '校验证书链和域名。只有通过校验的地址才适合写入 hosts 文件；其余地址会连同原因列出（被污染的解析结果会在这里失败）' +
      '。',
  ],
  // cluster debug kubelet
  [
    'Run kubelet in a kind node under a headless Delve, and print the IDE settings to attach.',
    '在 kind 节点中用 headless Delve 运行 kubelet，并输出用于连接的 IDE 配置。',
  ],
  [
    "Copies Delve (the distro's `dlv`, e.g. Debian's delve package, or --dlv PATH) into the node and " +
      'adds a systemd drop-in that starts kubelet as `dlv exec --headless --accept-multiclient ' +
      '--api-version=2 --listen=:PORT --continue KUBELET -- ARGS` with its usual arguments. For ' +
      'source-level debugging kubelet must be built with optimisations off: --binary PATH (in the ' +
      'distro), or --build SRC runs `make all WHAT=cmd/kubelet DBG=1` in a Kubernetes checkout. Prints ' +
      "a VS Code launch.json and GoLand's Go Remote settings. --restore removes the drop-in and the " +
      'copied files and restarts the original kubelet. runc and dockerd debug builds: see the README ' +
      '("Debugging kubelet, runc and dockerd").',
    '把 Delve（发行版中的 `dlv`，例如 Debian 的 delve 包，或 --dlv PATH）复制到节点中，并添加一个 systemd drop-in，' +
      '以 `dlv exec --headless --accept-multiclient --api-version=2 --listen=:PORT --continue KUBELET -- ARGS` 的方式、' +
      '带原有参数启动 kubelet。要做源码级调试，kubelet 必须关闭优化构建：--binary PATH（发行版中的路径）' +
      '，或 --build SRC 在 Kubernetes 源码目录中运行 `make all WHAT=cmd/kubelet DBG=1`。会输出 VS Code 的 launch.json 和 GoLand 的 Go Remote 配置。' +
      '--restore 会删除 drop-in 和复制的文件，并重启原来的 kubelet。runc 和 dockerd 的调试构建：见 README（"Debugging kubelet, runc and dockerd"）' +
      '。',
  ],
  // topics
  ["devbox's own settings: language, the default manifest, colour.", 'devbox 自身的设置：语言、默认清单、颜色。'],
  ['Validate, show and describe manifests.', '校验、显示和描述清单。'],
  [
    'Diagnose the network the way devbox uses it: verified downloads, DoH with TLS checks, mirror ' + 'ranking.',
    '按 devbox 使用网络的方式诊断网络：经过校验的下载、带 TLS 校验的 DoH、镜像源排名。',
  ],
  [
    'Look inside the kind cluster: the container chain per node, kubelet debugging.',
    '查看 kind 集群内部：每个节点的容器链、kubelet 调试。',
  ],
  // root
  [
    'Turn a fresh Windows machine into a working development environment from a declarative ' +
      'manifest: WSL2, a fixed-IP Ubuntu with a fast apt mirror and working DNS, Scoop with buckets ' +
      'and apps, verified hosts fixes, and a kind cluster with a safe runc.',
    '从一份声明式清单把一台全新的 Windows 机器变成可用的开发环境：WSL2、固定 IP 的 Ubuntu（快速的 apt 镜像源、' +
      '可用的 DNS）、带 bucket 和应用的 Scoop、经过校验的 hosts 修正，以及使用安全版本 runc 的 kind 集群。',
  ],
];
