/** The Simplified Chinese of en-misc.ts. Part of zh-CN.ts. */
import type { enMisc } from './en-misc.js';

export const zhCNMisc: { readonly [K in keyof typeof enMisc]: (typeof enMisc)[K] } = {
  'backup.schemaRoot': '（根）',
  'backup.scoopNotJson': '不是有效的 JSON',
  'backup.scoopRefused': (p) => `${p.at}：${p.problem}（已拒绝：未恢复）`,
};
