/** The Simplified Chinese errors raised inside resources (see en-errors.ts); part of zh-CN.ts. */
import type { Catalogue } from './catalogue.js';
import type { enErrors } from './en-errors.js';

export const zhCNErrors: Pick<Catalogue, keyof typeof enErrors> = {
  'hosts.noVerifiedAddress': (p) =>
    `${p.name} 没有任何地址能证明自己是 ${p.name}（持有对该名称有效的证书），hosts 文件保持原样。` +
    `${p.details ? `\n${p.details}` : ''}`,
  'hosts.rejected': (p) => `  ${p.address}：${p.why}（来自 ${p.resolvers}）`,
  'hosts.resolverFailed': (p) => `  解析器 ${p.resolver}：${p.error}`,
  'hosts.noAddresses': '  解析器没有返回任何地址',
  'hosts.useProxyFix':
    '未通过 TLS 校验的地址是被污染的应答或被封锁的服务器；hosts 条目解决不了 SNI 过滤：' +
    '这类域名请使用代理（scoop.proxy、HTTPS_PROXY）。',
  'hosts.resolversFix': '可以用 hosts.resolvers（或 DEVBOX_DOH_RESOLVERS）设置其他 DoH 解析器。',
  'hosts.noVerifiedValue': (p) => `（没有通过校验的地址：${p.error}）`,
};
