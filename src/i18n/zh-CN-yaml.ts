/**
 * The Simplified Chinese of en-yaml.ts, and the yaml library's own problem descriptions by its error
 * code (the library speaks English only; its codes are listed in yaml's dist/errors.d.ts, 2.x).
 */
import type { enYaml } from './en-yaml.js';

export const zhCNYaml: { readonly [K in keyof typeof enYaml]: (typeof enYaml)[K] } = {
  'yaml.syntax': (p) => `YAML 语法错误：${p.what}：${p.fix}`,
  'yaml.multipleDocs': '清单只能是一个 YAML 文档：请删除第二个 "---" 及其后的内容，或把它移到单独的文件',
  'yaml.duplicateKey': (p) => `重复的键 "${p.key}"：同一个映射中一个键只能出现一次；请只保留一个（合并它们的值）`,
  'yaml.tabIndent': 'YAML 不允许用制表符缩进：请用空格缩进',
  'yaml.fix.unclosed': (p) => `请在它开始的那一行用 ${p.bracket} 闭合，或把后续行缩进到比键更深的位置`,
  'yaml.fix.other': '请检查这里和上一行的引号、括号和缩进',
  'yaml.fix.BAD_INDENT': '请用空格缩进，让同一个映射或列表的各项从同一列开始',
  'yaml.fix.MISSING_CHAR': '请补上缺少的字符',
  'yaml.fix.BAD_DQ_ESCAPE': "在双引号中请把反斜杠写成 \\\\，或改用单引号（'D:\\Scoop'）",
  'yaml.fix.BLOCK_AS_IMPLICIT_KEY': '请把嵌套的映射写在单独的缩进行上，或给值加引号',
  'yaml.fix.MULTILINE_IMPLICIT_KEY': '请把键写在一行内，或给它后面的值加引号',
  'yaml.fix.TAG_RESOLVE_FAILED': '请删除该标签：清单只包含普通的字符串、数字、布尔值、列表和映射',
  'yaml.fix.BAD_ALIAS': '请先定义锚点（&name）再使用别名（*name），或直接写出值',
  'yaml.aliasNoAnchor': (p) => `别名 *${p.name} 之前没有锚点 &${p.name}：${p.fix}`,
  'yaml.aliasBomb': (p) => `别名展开次数过多（超过 ${p.max} 次，类似 "billion laughs" 文件）：请直接写出这些值`,
  'yaml.keyNotPlain': '映射的键必须是普通字符串：请给它加引号，或替换用作键的列表或映射',
  'yaml.unsupportedValue': '不支持的值：请使用普通的字符串、数字、布尔值或 null（加引号即成为字符串）',
  'yaml.unsupportedNode': '不支持的 YAML 节点：请使用普通的字符串、数字、布尔值、列表和映射',
  'yaml.notMapping': '清单的顶层必须是 YAML 映射（key: value 形式的行）',
};

/** What each yaml library error code means, in Simplified Chinese (its English text is the library's). */
export const zhCNYamlCodes: Readonly<Record<string, string>> = {
  ALIAS_PROPS: '别名不能带标签或锚点',
  BAD_ALIAS: '别名无效',
  BAD_DIRECTIVE: '指令无效',
  BAD_DQ_ESCAPE: '双引号字符串中有无效的转义序列',
  BAD_INDENT: '缩进不正确（或括号没有闭合）',
  BAD_PROP_ORDER: '锚点和标签必须写在值之前',
  BAD_SCALAR_START: '纯量不能以这个字符开头',
  BLOCK_AS_IMPLICIT_KEY: '紧凑映射中不允许嵌套映射',
  BLOCK_IN_FLOW: '方括号或花括号内不允许块结构',
  DUPLICATE_KEY: '重复的键',
  IMPOSSIBLE: 'YAML 解析器内部错误',
  KEY_OVER_1024_CHARS: '隐式键不能超过 1024 个字符',
  MISSING_CHAR: '缺少字符（例如没有闭合的引号或括号）',
  MULTILINE_IMPLICIT_KEY: '隐式键必须写在一行内',
  MULTIPLE_ANCHORS: '一个节点只能有一个锚点',
  MULTIPLE_DOCS: '包含多个文档',
  MULTIPLE_TAGS: '一个节点只能有一个标签',
  NON_STRING_KEY: '键不是字符串',
  RESOURCE_EXHAUSTION: '别名展开过多，资源耗尽',
  TAB_AS_INDENT: '不能用制表符缩进',
  TAG_RESOLVE_FAILED: '无法解析的标签',
  UNEXPECTED_TOKEN: '意外的记号',
  BAD_COLLECTION_TYPE: '集合类型与标签不符',
};
