/** The Simplified Chinese words of download progress and the rarer download failures (see en-net-download.ts). */
import type { enNetDownload } from './en-net-download.js';

export const zhCNNetDownload: { readonly [K in keyof typeof enNetDownload]: (typeof enNetDownload)[K] } = {
  'progress.connections': (p) => `${p.count} 个连接`,
  'progress.eta': (p) => `剩余 ${p.left}`,
  'progress.resumedFrom': (p) => `从 ${p.size} 处续传`,
  'fetch.skipped': (p) => `  已跳过：${p.message}`,
  'fetch.note': (p) => `  提示：${p.note}`,

  'download.noUrl': '下载至少需要一个 URL。',
  'download.notUrl': (p) => `"${p.url}" 不是 URL。`,
  'download.scheme': (p) => `${p.url}：只能下载 http:// 和 https:// 的 URL。`,
  'download.noDest': '下载需要指定目标位置，除非用 sha256 固定了文件且启用了缓存。',
  'download.connections': (p) => `连接数必须是 1 到 ${p.max} 之间的整数（实际为 ${p.got}）。`,
  'download.busy': (p) => `另一个 devbox（pid ${p.pid}）正在下载 ${p.name}`,
  'download.busyFix': (p) => `请等它完成，或停止它。如果没有 devbox 在运行，请删除 ${p.lock}。`,
  'download.otherVersion': '对范围请求返回了文件的另一个版本（HTTP 200，校验标识已变）：文件已更改',
  'download.noLongerHasByte': (p) => `服务器上的文件已更改（已没有第 ${p.pos} 字节）`,
  'download.sizeChanged': (p) => `下载过程中服务器上的文件已更改（原为 ${p.size} 字节，现为 ${p.now}）`,
  'download.unknown': '未知',
  'download.none': '无',
  'download.gotRange': (p) => `请求字节 ${p.asked}，却收到 Content-Range ${p.got}`,
  'download.moreThanLength': (p) => `发送的数据超过了其 Content-Length（${p.length} 字节）`,
  'download.sizeSays': (p) => `${p.source} 表示文件为 ${p.size} 字节，预期为 ${p.expected}`,
  'download.theServer': '服务器',
  'download.wrongLength': (p) => `Content-Length 错误：为 ${p.length}，而 Content-Range ${p.range} 是 ${p.bytes} 字节`,
  'download.refusedRange': (p) => `拒绝了范围 bytes=${p.range}（HTTP 416）`,
  'download.truncated': (p) =>
    `响应体被截断：${p.what} 在收到 ${p.expected} 字节中的 ${p.received} 字节后中断（${p.reason}）`,
  'download.theDownload': '下载',
  'download.bytes': (p) => `字节 ${p.range}`,
  'download.endedEarly': '服务器提前结束了响应体',
  'download.failed': '下载失败',
  'download.ignoresRange': (p) =>
    `${p.detail}（服务器忽略 Range，每次重试都从第 0 字节重新开始；` +
    `已用完一次重试的量后放弃（${p.wasted} 字节被重复发送））`,
  'download.noteStoppedRanges': '停止分段下载（先 206 后 200，同一文件）：其余部分以单个流下载',
  'download.noteWrongRange': (p) => `对范围请求返回了错误的 Content-Range（${p.range}）：其余部分以单个流下载`,
  'download.noteWrongResume': (p) => `对续传请求返回了错误的 Content-Range（${p.range}）：已改为不带 Range 重新请求`,
  'download.noteIgnoredRange': (p) =>
    `在第 ${p.pos} 字节处续传时忽略了 Range（HTTP 200）：跳过磁盘上已有的字节继续读取`,
  'download.noteWrongFirstRange': (p) => `对范围请求返回了错误的 Content-Range（${p.range}）：改为以单个流下载`,
  'download.noteWholeFile': '声明 Accept-Ranges: bytes，却对范围请求返回了整个文件（HTTP 200）：改为以单个流下载',
};
