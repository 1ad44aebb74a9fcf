/**
 * The user-visible strings of the simulated tools, in English (from research/wsl.md: Resources.resw
 * and Microsoft's own tests) and in Chinese, because wsl.exe, dism and reg localize everything but a
 * few tokens. devbox must work with either: it may only rely on what is not localized.
 */
export type Locale = 'en-US' | 'zh-CN';

const en = {
  success: 'The operation completed successfully. ',
  rebootNeeded: 'The requested operation is successful. Changes will not be effective until the system is rebooted.',
  requiresElevation: 'The requested operation requires elevation.',
  noDistros: [
    'Windows Subsystem for Linux has no installed distributions.',
    'You can resolve this by installing a distribution with the instructions below:',
    '',
    "Use 'wsl.exe --list --online' to list available distributions",
    "and 'wsl.exe --install <Distro>' to install.",
  ],
  noRunning: 'There are no running distributions.',
  distroNotFound: 'There is no distribution with the supplied name.',
  fileNotFound: 'The system cannot find the file specified. ',
  alreadyExists: 'A distribution with the supplied name already exists. Use --name to chose a different name.',
  invalidArgument: (arg: string) =>
    `Invalid command line argument: ${arg}\nPlease use 'wsl.exe --help' to get a list of supported arguments.`,
  invalidOption: (arg: string) => `Invalid command line option: ${arg}`,
  invalidDistroName: (name: string) =>
    `Invalid distribution name: '${name}'.\nTo get a list of valid distributions, use 'wsl.exe --list --online'.`,
  distrosHeader: 'Windows Subsystem for Linux Distributions:',
  defaultMark: (name: string) => `${name} (Default)`,
  defaultDistribution: 'Default Distribution: ',
  defaultVersion: 'Default Version: ',
  wsl1NotSupported:
    'WSL1 is not supported with your current machine configuration.\nPlease enable the "Windows Subsystem for Linux" optional component to use WSL1.',
  enableVirtualization:
    'WSL2 is not supported with your current machine configuration.\nPlease enable the "Virtual Machine Platform" optional component and ensure virtualization is enabled in the BIOS.\nEnable "Virtual Machine Platform" by running: wsl.exe --install --no-distribution\nFor information please visit https://aka.ms/enablevirtualization',
  versionLabels: [
    'WSL version: ',
    'Kernel version: ',
    'WSLg version: ',
    'MSRDC version: ',
    'Direct3D version: ',
    'DXCore version: ',
    'Windows version: ',
  ],
  keyDifferences: 'For information on key differences with WSL 2 please visit https://aka.ms/wsl2',
  checkingUpdates: 'Checking for updates.',
  updating: (v: string) => `Updating Windows Subsystem for Linux to version: ${v}.`,
  upToDate: 'The most recent version of Windows Subsystem for Linux is already installed.',
  cannotConnect:
    'Failed to fetch the latest release from https://api.github.com/repos/Microsoft/WSL/releases/latest. The server name or address could not be resolved',
  installingComponent: (name: string) => `Installing Windows optional component: ${name}`,
  downloading: (name: string) => `Downloading: ${name}`,
  installing: (name: string) => `Installing: ${name}`,
  installed: (name: string) => `Distribution successfully installed. It can be launched via 'wsl.exe -d ${name}'`,
  launching: (name: string) => `Launching ${name}...`,
  conversion: 'Conversion in progress, this may take a few minutes.',
  userNotFound: 'User not found.',
  mirroredFallback: (build: string) =>
    `wsl: Mirrored networking mode is not supported: Windows version ${build} does not have the required features.\nFalling back to NAT networking.`,
  networkFallback: (wanted: string, got: string) =>
    `wsl: Failed to create virtual network with address range: '${wanted}', created new network with range: '${got}', The object already exists.`,
  // dism
  dismTitle: 'Deployment Image Servicing and Management tool',
  dismVersion: 'Version: ',
  dismImageVersion: 'Image Version: ',
  dismEnabling: 'Enabling feature(s)',
  dismDisabling: 'Disabling feature(s)',
  dismRestart: 'Restart Windows to complete this operation.',
  dismElevation:
    'Elevated permissions are required to run DISM.\nUse an elevated command prompt to complete these tasks.',
  dismUnknownFeature: (name: string) =>
    `Feature name ${name} is unknown.\nA Windows feature name was not recognized.\nUse the /Get-Features option to find the name of the feature in the image and try the command again.`,
  dismFeatureInfo: 'Feature Information:',
  dismFeatureName: 'Feature Name : ',
  dismState: 'State : ',
  dismStates: {
    enabled: 'Enabled',
    disabled: 'Disabled',
    'enable-pending': 'Enable Pending',
    'disable-pending': 'Disable Pending',
  },
  operationSuccess: 'The operation completed successfully.',
  // reg / netsh / schtasks
  regSuccess: 'The operation completed successfully.',
  regAccessDenied: 'ERROR: Access is denied.',
  regNotFound: 'ERROR: The system was unable to find the specified registry key or value.',
  netshElevation: 'The requested operation requires elevation (Run as administrator).',
  netshNoInterface: 'The filename, directory name, or volume label syntax is incorrect.',
  netshExists: 'The object already exists.',
  schtasksCreated: (name: string) => `SUCCESS: The scheduled task "${name}" has successfully been created.`,
  schtasksDeleted: (name: string) => `SUCCESS: The scheduled task "${name}" was successfully deleted.`,
  schtasksAccessDenied: 'ERROR: Access is denied.',
  schtasksNotFound: 'ERROR: The system cannot find the file specified.',
};

const zh: typeof en = {
  ...en,
  success: '操作成功完成。 ',
  rebootNeeded: '请求的操作成功。直到重新启动系统前更改将不会生效。',
  requiresElevation: '请求的操作需要提升。',
  noDistros: [
    '适用于 Linux 的 Windows 子系统没有已安装的分发。',
    '可以通过使用以下说明安装分发来解决此问题:',
    '',
    "使用 'wsl.exe --list --online' 列出可用的分发",
    "和 'wsl.exe --install <Distro>' 进行安装。",
  ],
  noRunning: '没有正在运行的分发。',
  distroNotFound: '不存在具有所提供名称的分发。',
  fileNotFound: '系统找不到指定的文件。 ',
  distrosHeader: '适用于 Linux 的 Windows 子系统分发:',
  defaultMark: (name: string) => `${name} (默认)`,
  defaultDistribution: '默认分发: ',
  defaultVersion: '默认版本: ',
  versionLabels: [
    'WSL 版本： ',
    '内核版本： ',
    'WSLg 版本： ',
    'MSRDC 版本： ',
    'Direct3D 版本： ',
    'DXCore 版本： ',
    'Windows 版本： ',
  ],
  checkingUpdates: '正在检查更新。',
  upToDate: '已安装最新版本的适用于 Linux 的 Windows 子系统。',
  installingComponent: (name: string) => `正在安装 Windows 可选组件: ${name}`,
  downloading: (name: string) => `正在下载: ${name}`,
  installing: (name: string) => `正在安装: ${name}`,
  installed: (name: string) => `已成功安装分发。它可通过 'wsl.exe -d ${name}' 启动`,
  dismTitle: '部署映像服务和管理工具',
  dismVersion: '版本: ',
  dismImageVersion: '映像版本: ',
  dismEnabling: '启用一个或多个功能',
  dismRestart: '重新启动 Windows 以完成该操作。',
  dismElevation: '运行 DISM 需要提升的权限。\n请使用提升的命令提示符完成这些任务。',
  dismFeatureInfo: '功能信息:',
  dismFeatureName: '功能名称 : ',
  dismState: '状态 : ',
  dismStates: { enabled: '已启用', disabled: '已禁用', 'enable-pending': '启用挂起', 'disable-pending': '禁用挂起' },
  operationSuccess: '操作成功完成。',
  regSuccess: '操作成功完成。',
  regAccessDenied: '错误: 拒绝访问。',
  regNotFound: '错误: 系统找不到指定的注册表项或值。',
  netshElevation: '请求的操作需要提升(作为管理员运行)。',
  netshExists: '对象已存在。',
  schtasksCreated: (name: string) => `成功: 成功创建计划任务 "${name}"。`,
  schtasksAccessDenied: '错误: 拒绝访问。',
};

export function strings(locale: Locale): typeof en {
  return locale === 'zh-CN' ? zh : en;
}
