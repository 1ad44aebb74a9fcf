/**
 * wsl.conf and .wslconfig as WSL reads them: one parser and editor for every area that touches these
 * files (distro.wslconf, wsl.config, the fixed-IP strategies). Sources: microsoft/WSL
 * src/shared/configfile/configfile.cpp and src/shared/inc/stringshared.h.
 */
export { parseWslIni, type WslIniDialect, type WslIniPair } from './parse.js';
export { WslIniDocument, type WslIniLookup } from './document.js';
export {
  encodableWslValue,
  encodeWslValue,
  parseWslBool,
  parseWslInt,
  parseWslMemorySize,
  wslKindHint,
  wslNamePattern,
  wslSetting,
  type WslValueKind,
} from './values.js';
export { compareWslValue, wslValueKind, type WslComparison } from './compare.js';
