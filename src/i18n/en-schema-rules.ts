/**
 * The English of the manifest schema's own rules (src/manifest/schema: common field types, the top
 * level, hosts), given to zod as error functions so they are read in the locale of the run. Part of
 * the English catalogue (en.ts).
 */
export const enSchemaRules = {
  'rule.ipv4': 'must be an IPv4 address such as 192.168.50.2',
  'rule.ipv4Form': 'must be an IPv4 address such as 192.168.50.2 (four numbers 0-255 joined by dots)',
  'rule.ip': 'must be an IP address such as 223.5.5.5 or 2400:3200::1',
  'rule.ipForm': 'must be an IPv4 or IPv6 address such as 223.5.5.5 or 2400:3200::1',
  'rule.prefix': 'must be an address with a prefix length, such as 192.168.50.2/24',
  'rule.prefixForm': 'must be an IPv4 address with a prefix length 1-32, such as 192.168.50.2/24',
  'rule.sha256': 'must be a sha256 checksum (64 hexadecimal characters)',
  'rule.sha256Form': 'must be a sha256 checksum: exactly 64 hexadecimal characters',
  'rule.url': 'must be a URL such as https://example.com/path',
  'rule.urlForm': 'must be an http:// or https:// URL without spaces',
  'rule.httpsUrl': 'must be an https:// URL',
  'rule.httpsUrlForm': 'must be an https:// URL without spaces',
  'rule.gitUrl': 'must be a git URL such as https://github.com/owner/repo',
  'rule.gitUrlForm': 'must be a git URL (https://host/owner/repo or git@host:owner/repo.git)',
  'rule.windowsPath': 'must be an absolute Windows path such as D:\\Softwares\\Scoop',
  'rule.windowsPathDrive': 'must be an absolute Windows path starting with a drive, such as D:\\Softwares\\Scoop',
  'rule.windowsPathChars': 'must not contain any of < > : " | ? * or control characters after the drive letter',
  'rule.noDotDot': 'must not contain ".." segments',
  'rule.hostName': 'must be a host name such as raw.githubusercontent.com',
  'rule.hostNameForm':
    'must be a fully qualified host name such as raw.githubusercontent.com (letters, digits, hyphens, dots)',
  'rule.domain': 'must be a DNS domain such as corp.example.com',
  'rule.domainForm': 'must be a DNS domain such as corp.example.com (letters, digits, hyphens, dots)',
  'rule.version': 'must be a version such as 1.4.3',
  'rule.versionForm': 'must be a version such as 1.4.3 or v0.32.0',
  'rule.size': 'must be a size such as 8GB or 512MB',
  'rule.sizeForm':
    'must be a size WSL reads, such as 8GB, 512MB or 8G: digits, then B, K, KB, M, MB, G, GB, T or TB in capitals' +
    ' (WSL rejects 8gb, 8 GB and 8GiB)',
  'rule.ensure': 'must be "present" or "absent"',
  'rule.iniScalar': 'must be a string, number or boolean',
  'rule.iniScalarForm': 'must not contain newlines or other control characters',
  'rule.extendsRef': 'must be a path or https:// URL',
  'rule.version1': 'must be 1 (the only manifest format so far)',
  'rule.extends': 'must be a path or URL, or a list of them',
  'rule.varName': 'must be a variable name: letters, digits and "_"',
  'rule.hostsAddress': 'must be "auto" or an IP address such as 185.199.108.133',
} satisfies Record<string, string | ((params: never) => string)>;
