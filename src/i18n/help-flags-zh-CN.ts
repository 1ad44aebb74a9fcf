/**
 * Flag and argument help in Simplified Chinese: each flag's English summary and description, and
 * each argument's description, with its translation (keyed by the English text, see help-zh-CN.ts).
 */

export const flagHelpZhCN: ReadonlyArray<readonly [string, string]> = [
  // arguments
  ['The setting.', '设置项。'],
  ['Its new value.', '它的新值。'],
  [
    'The setting (also a key devbox does not know, to repair the file).',
    '设置项（也可以是 devbox 不认识的键，用于修复设置文件）。',
  ],
  ['The shell.', 'shell 类型。'],
  ['Backup folder or .devbox-backup file.', '备份文件夹或 .devbox-backup 文件。'],
  ['http(s) URL of the file.', '文件的 http(s) URL。'],
  ['Host name to resolve.', '要解析的主机名。'],
  ['Base URLs of the mirrors (one or more).', '镜像源的基础 URL（一个或多个）。'],
  // backup
  ['Format output as json.', '以 JSON 格式输出。'],
  ['Language of messages and help: en or zh-CN.', '消息和帮助的语言：en 或 zh-CN。'],
  [
    'Default: the language setting, else LC_ALL, LC_MESSAGES or LANG (zh_CN.UTF-8 → zh-CN), else ' +
      "Windows' display language, else en.",
    '默认依次取：language 设置、LC_ALL、LC_MESSAGES 或 LANG（zh_CN.UTF-8 → zh-CN）、Windows 的显示语言，' +
      '最后是 en。',
  ],
  ['Manifest file or https URL (pinned with #sha256=...).', '清单文件或 https URL（用 #sha256=... 固定）。'],
  [
    'Defaults to the `manifest` setting (devbox config set manifest FILE), else the manifest built into ' +
      'devbox (manifests/default.yaml), also reachable as builtin:default.',
    '默认使用 `manifest` 设置（devbox config set manifest FILE），否则使用 devbox 内置的清单' +
      '（manifests/default.yaml），也可写作 builtin:default。',
  ],
  [
    'Plain text: no colours (also NO_COLOR=1; FORCE_COLOR=1 forces colour).',
    '纯文本输出，不带颜色（也可设 NO_COLOR=1；FORCE_COLOR=1 则强制使用颜色）。',
  ],
  [
    'Accept https manifests (and extends) that are not pinned with #sha256=.',
    '接受没有用 #sha256= 固定的 https 清单（及其 extends）。',
  ],
  [
    'PEM file of CA certificates to trust in addition to the normal store (e.g. a TLS-inspecting ' + 'proxy).',
    '除系统证书库外额外信任的 CA 证书 PEM 文件（例如做 TLS 解密的代理）。',
  ],
  [
    'Also read from DEVBOX_CA_BUNDLE. Certificate checks are never turned off.',
    '也可通过 DEVBOX_CA_BUNDLE 指定。证书校验永远不会关闭。',
  ],
  [
    'Proxy for every request (http://HOST:PORT), or "none"; defaults to HTTPS_PROXY / HTTP_PROXY / ' + 'NO_PROXY.',
    '所有请求使用的代理（http://HOST:PORT），或 "none"；默认取 HTTPS_PROXY / HTTP_PROXY / NO_PROXY。',
  ],
  ['Folder, or a file ending in .devbox-backup.', '文件夹，或以 .devbox-backup 结尾的文件。'],
  [
    'Parts to back up: distro, scoop, config, cluster (comma-separated).',
    '要备份的部分：distro、scoop、config、cluster（逗号分隔）。',
  ],
  ["The distro to export (default: the manifest's distro.name).", '要导出的发行版（默认：清单中的 distro.name）。'],
  [
    'Distro export format: tar (portable) or vhd (fast, same machine class; needs a WSL with ' + '--format).',
    '发行版导出格式：tar（可移植）或 vhd（快，仅限同类机器；需要支持 --format 的 WSL）。',
  ],
  ['zstd level (1-19).', 'zstd 压缩级别（1-19）。'],
  ["Include Scoop's download cache, so a restore downloads nothing.", '包含 Scoop 的下载缓存，恢复时无需再下载。'],
  [
    "Include the cluster's node image (docker save in the distro), so a restore pulls nothing.",
    '包含集群的节点镜像（在发行版中执行 docker save），恢复时无需再拉取。',
  ],
  ["File holding the passphrase that encrypts Scoop's secrets.", '存放口令的文件，该口令用于加密 Scoop 的机密信息。'],
  ['Stop a running distro without asking.', '不经询问直接停止正在运行的发行版。'],
  ['Say what would be backed up; write nothing.', '只说明会备份哪些内容，不写入任何东西。'],
  // doctor
  [
    'Only resources of this plane: host (Windows) or guest (Linux in the distro).',
    '只处理该平面的资源：host（Windows）或 guest（发行版中的 Linux）。',
  ],
  [
    'Guest plane only: target the root filesystem at DIR (via chroot) instead of the running system.',
    '仅用于 guest 平面：以 DIR 处的根文件系统为目标（通过 chroot），而不是当前运行的系统。',
  ],
  [
    'Only resources whose id or type matches (glob, repeatable or comma-separated), e.g. distro.*',
    '只处理 id 或类型匹配的资源（glob，可重复或逗号分隔），例如 distro.*',
  ],
  [
    'Leave out resources whose id or type matches (glob, repeatable or comma-separated).',
    '排除 id 或类型匹配的资源（glob，可重复或逗号分隔）。',
  ],
  [
    'Repair a known problem: runc-hang ends the stuck runc inits (SIGKILL), nothing else.',
    '修复一个已知问题：runc-hang 会结束卡住的 runc init（SIGKILL），不做其他更改。',
  ],
  ['Confirm --fix without asking.', '不经询问确认 --fix。'],
  ['Seconds a runc init may sleep before it counts as stuck.', 'runc init 休眠超过多少秒视为卡住。'],
  [
    "The kind cluster to check (default: the manifest's cluster.name).",
    '要检查的 kind 集群（默认：清单中的 cluster.name）。',
  ],
  // init
  [
    'apt mirror: a known name (tuna, aliyun, ustc, 163, huawei, official), a URL, or auto (measured at `up`).',
    'apt 镜像源：已知名称（tuna、aliyun、ustc、163、huawei、official）、URL，或 auto（在 `up` 时实测选择）。',
  ],
  [
    'Mirror URLs the wizard measures instead of the known mirrors (repeatable).',
    '向导实测这些镜像源 URL，而不是已知镜像源（可重复指定）。',
  ],
  [
    'DoH resolver for hosts entries (repeatable); the wizard measures these, else DEVBOX_DOH_RESOLVERS or ' +
      'the defaults.',
    '用于 hosts 条目的 DoH 解析服务器（可重复指定）；向导实测这些服务器，未指定时用 DEVBOX_DOH_RESOLVERS 或默认列表。',
  ],
  [
    'Folder for Scoop and user apps (SCOOP), e.g. D:\\Scoop\\Apps.',
    'Scoop 及用户级应用的目录（SCOOP），例如 D:\\Scoop\\Apps。',
  ],
  [
    'Folder for global apps (SCOOP_GLOBAL), e.g. D:\\Scoop\\GlobalApps.',
    '全局应用的目录（SCOOP_GLOBAL），例如 D:\\Scoop\\GlobalApps。',
  ],
  [
    'Scoop apps, comma-separated; BUCKET/APP picks a bucket (e.g. git,extras/vscode).',
    'Scoop 应用，以逗号分隔；BUCKET/APP 指定 bucket（例如 git,extras/vscode）。',
  ],
  [
    'The distro\'s fixed address with prefix, e.g. 192.168.50.2/24 ("none": no fixed IP).',
    '发行版的固定地址（带前缀长度），例如 192.168.50.2/24（"none"：不使用固定 IP）。',
  ],
  [
    "Windows' address in that subnet (default: the subnet's first host address).",
    'Windows 在该子网中的地址（默认：子网的第一个主机地址）。',
  ],
  ['A kind cluster in the distro (--no-cluster: none).', '在发行版中创建 kind 集群（--no-cluster：不创建）。'],
  ["The cluster's name.", '集群名称。'],
  ["The cluster's network plugin.", '集群的网络插件（CNI）。'],
  [
    'Take the default for every answer no flag gives (no questions asked).',
    '未由选项给出的答案一律采用默认值（不提问）。',
  ],
  [
    "Read this machine (WSL, the distro's settings, Scoop, devbox's hosts entries).",
    '读取本机（WSL、发行版的设置、Scoop、devbox 的 hosts 条目）。',
  ],
  ['Read a `scoop export` JSON file.', '读取 `scoop export` 生成的 JSON 文件。'],
  [
    "What --from-machine writes: a devbox manifest, or Scoop's export JSON.",
    '--from-machine 输出的内容：devbox 清单，或 Scoop 的导出 JSON。',
  ],
  [
    'Write to FILE (the wizard: default devbox.yaml) instead of stdout.',
    '写入 FILE 而不是 stdout（向导默认写入 devbox.yaml）。',
  ],
  ['Replace FILE when it exists.', 'FILE 已存在时覆盖它。'],
  // restore
  [
    'Parts to restore: distro, scoop, config, cluster (comma-separated).',
    '要恢复的部分：distro、scoop、config、cluster（逗号分隔）。',
  ],
  [
    'TOKEN=PATH: restore a root elsewhere (SCOOP, SCOOP_GLOBAL, SCOOP_CACHE, USERPROFILE). ' + 'Repeatable.',
    'TOKEN=PATH：把某个根目录恢复到别处（SCOOP、SCOOP_GLOBAL、SCOOP_CACHE、USERPROFILE）。可重复。',
  ],
  ['Import the distro under this name.', '以这个名称导入发行版。'],
  [
    'Replace a registered distro of the same name (everything in it is lost).',
    '替换已注册的同名发行版（其中的所有内容都会丢失）。',
  ],
  ["File holding the passphrase of Scoop's secrets.", '存放 Scoop 机密信息口令的文件。'],
  ['Do not ask.', '不询问。'],
  ['Show the plan only; write nothing.', '只显示计划，不写入任何东西。'],
  // self-update
  ['Only report whether a newer release exists.', '只报告是否有更新的版本。'],
  [
    'Reinstall even when the newest release is the running version, or older than it.',
    '即使最新版本与当前运行的版本相同或更旧，也重新安装。',
  ],
  [
    'Expected sha256 of the new executable (from the release page); anything else is refused.',
    '新可执行文件应有的 sha256（见发布页面）；不一致则拒绝。',
  ],
  [
    'Release location to use instead of the defaults (repeatable, tried in order); also ' + 'DEVBOX_RELEASE_URLS.',
    '代替默认值使用的发布地址（可重复，按顺序尝试）；也可用 DEVBOX_RELEASE_URLS 指定。',
  ],
  // up
  [
    'Apply without asking (required when not at a terminal, and with --json).',
    '不经询问直接应用（不在终端中运行或使用 --json 时必须指定）。',
  ],
  [
    'Run every step against recording ports and print what would change; changes nothing.',
    '让每个步骤在记录型端口上运行，输出将会做的更改；不做任何更改。',
  ],
  [
    'Continue the last interrupted or failed run with its manifest and options.',
    '用上次的清单和选项继续上一次中断或失败的运行。',
  ],
  [
    'When Windows must restart (e.g. after enabling WSL), restart it after a 60-second countdown; ' +
      'devbox continues after the next logon.',
    '需要重启 Windows 时（例如启用 WSL 之后），在 60 秒倒计时后重启；下次登录后 devbox 会继续。',
  ],
  // backup verify
  ['Decompress and walk every archive, checking each file.', '解压并遍历每个归档，检查其中每个文件。'],
  // cluster ps
  [
    'Read the processes through chroot into DIR (its /proc must be mounted).',
    '通过 chroot 进入 DIR 读取进程（其 /proc 必须已挂载）。',
  ],
  ["The kind cluster (default: the manifest's cluster.name).", 'kind 集群（默认：清单中的 cluster.name）。'],
  // net fetch
  ['Expected sha256 (hex): the file is refused unless it matches.', '期望的 sha256（十六进制）：不匹配则拒绝该文件。'],
  [
    'Where to save the file (default: its name from the URL, in the current directory).',
    '文件保存位置（默认：当前目录下 URL 中的文件名）。',
  ],
  ['Parallel connections (1 = a single stream).', '并行连接数（1 = 单个流）。'],
  [
    'Another URL serving the same file, tried when the ones before fail (repeatable).',
    '提供同一文件的另一个 URL，前面的失败时尝试（可重复）。',
  ],
  ['Expected size in bytes: any other size is an error.', '期望的字节数：大小不符即报错。'],
  ['Look up and keep pinned (--sha256) files in the cache.', '在缓存中查找并保存固定了 --sha256 的文件。'],
  [
    'Cache directory (default: DEVBOX_CACHE_DIR, else the user cache directory).',
    '缓存目录（默认：DEVBOX_CACHE_DIR，否则为用户缓存目录）。',
  ],
  // net rank
  [
    'Path appended to each base URL (default: fetch the URLs themselves).',
    '附加到每个基础 URL 后的路径（默认：直接获取这些 URL）。',
  ],
  ['Milliseconds for the whole measurement.', '整个测量过程的毫秒数。'],
  ['Read at most this much from each mirror.', '每个镜像源最多读取的字节数。'],
  [
    'The sha256 the probed file must have (it is then read whole).',
    '探测文件必须具有的 sha256（此时会读取整个文件）。',
  ],
  // net resolve
  [
    'DoH resolver URL (repeatable). "#json" at the end, or a path ending in /resolve, selects the ' + 'JSON form.',
    'DoH 解析器 URL（可重复）。末尾加 "#json"，或路径以 /resolve 结尾，表示使用 JSON 格式。',
  ],
  [
    'Also read from DEVBOX_DOH_RESOLVERS (comma-separated). Defaults to AliDNS, DNSPod and 360, ' +
      'which answer from mainland China.',
    '也可通过 DEVBOX_DOH_RESOLVERS 指定（逗号分隔）。默认使用阿里 DNS（AliDNS）、DNSPod 和 360，' +
      '它们在中国大陆可用。',
  ],
  ['Port of the TLS check.', 'TLS 检查使用的端口。'],
  ['Milliseconds to wait for resolvers and handshakes.', '等待解析器和握手的毫秒数。'],
  // cluster debug kubelet
  ['The node container (default: <cluster>-control-plane).', '节点容器（默认：<cluster>-control-plane）。'],
  ['The port Delve listens on inside the node.', 'Delve 在节点内监听的端口。'],
  ['A kubelet built with -gcflags="all=-N -l", in the distro.', '发行版中用 -gcflags="all=-N -l" 构建的 kubelet。'],
  [
    'A Kubernetes checkout in the distro: build kubelet with DBG=1 first.',
    '发行版中的 Kubernetes 源码目录：先用 DBG=1 构建 kubelet。',
  ],
  ['Delve in the distro (default: dlv on PATH).', '发行版中的 Delve（默认：PATH 中的 dlv）。'],
  ['Put the original kubelet back.', '恢复原来的 kubelet。'],
];
