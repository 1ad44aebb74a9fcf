/** The Simplified Chinese of `net resolve`/`net rank`'s lists and the TLS probe's reasons (see en-net-views.ts). */
import type { enNetViews } from './en-net-views.js';

export const zhCNNetViews: { readonly [K in keyof typeof enNetViews]: (typeof enNetViews)[K] } = {
  'resolveView.via': (p) => `来自 ${p.count} 个解析器`,
  'resolveView.tlsOk': (p) => `TLS 校验通过，用时 ${p.handshake} ms（连接 ${p.connect} ms）`,
  'resolveView.certificate': (p) => ` [证书：${p.names}]`,
  'resolveView.noAddresses': '  没有地址',
  'resolveView.resolvers': (p) => `解析器：${p.total} 个中有 ${p.answered} 个应答。`,
  'resolveView.summary': (p) => `${p.passed} 个地址通过了 TLS 校验，${p.rejected} 个被拒绝。`,
  'rankView.figures': (p) => `首字节 ${p.ttfb} ms，${p.size} 内速度 ${p.rate}，估计每 MiB ${p.score} ms`,
  'rankView.none': '  没有镜像返回有效内容',
  'rankView.measured': (p) => `测量用时 ${p.ms} ms。`,
  'tlsProbe.altName': (p) => `证书对 ${p.name} 无效`,
  'tlsProbe.refused': '连接被拒绝',
  'tlsProbe.reset': 'TLS 握手期间连接被重置（基于 SNI 的拦截通常如此）',
  'tlsProbe.timeout': (p) => `${p.ms} ms 内没有 TLS 应答`,
  'tlsProbe.unreachable': '地址不可达',

  'doh.contentType': (p) => `返回的是 ${p.type}，而不是 application/dns-message`,
  'doh.noContentType': '没有内容类型',
  'doh.query': '返回的是查询而不是响应',
  'doh.otherQuestion': '回答的是另一个问题',
  'doh.notJson': '返回的内容不是 JSON',
  'doh.noStatus': '返回的 JSON 中没有 Status',
  'doh.dnsError': (p) => `DNS 错误 ${p.rcode}`,
  'small.notHttps': (p) => `${p.url} 不是 https://；只允许 https`,
  'small.tooManyRedirects': (p) => `重定向超过 ${p.max} 次`,
  'small.redirectNotHttps': (p) => `重定向到 ${p.url}，它不是 https://；只允许 https`,
  'small.status': (p) => `${p.url} 返回 HTTP ${p.status}`,
  'small.tooLarge': (p) => `${p.url} 超过 ${p.max} 字节`,
  'small.noneAnswered': (p) => `${p.urls} 都没有应答：${p.failures}`,
};
