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
  'rule.idleTimeout': 'must be a number of milliseconds, or -1 to never stop',
  'rule.idleTimeoutMin': 'must be -1 (never) or a number of milliseconds',
  'rule.networkingMode': 'must be one of nat, mirrored, bridged, none, virtioproxy',
  'rule.trueFalseAuto': 'must be true, false or "auto"',
  'rule.pathOrUrl': 'needs either path or url',
  'rule.wslVersion': 'must be 1 or 2',
  'rule.askAlwaysNever': 'must be "ask", "always" or "never"',
  'rule.appName': 'must be an app name',
  'rule.appNameForm': 'must be an app name: letters, digits, ".", "_", "+" and "-", not starting with "-"',
  'rule.bucketName': 'must be a bucket name',
  'rule.bucketNameForm': 'must be a bucket name: letters, digits, ".", "_", "+" and "-", not starting with "-"',
  'rule.proxy': 'must be host:port (no scheme), "none" or "default"',
  'rule.proxyForm':
    'must be host:port without a scheme (e.g. 127.0.0.1:7890), optionally user:pass@host:port, or "none" / "default"',
  'rule.appVersion': 'must be a version such as 21.0.2 (letters, digits, ".", "_", "+", "-")',
  'rule.gitBranch': 'must be a git branch name',
  'rule.aria2Connections': 'must be at most 16 (aria2 refuses more per server)',
  'rule.aria2Size': 'must be a size aria2 accepts, such as 1M or 512K',
  'rule.scoopConfigKey': 'must be a Scoop config key such as use_lessmsi',
  'rule.globalRoot': 'must differ from root: global apps need their own folder',
  'rule.distroName': 'must be a distribution name such as Ubuntu-24.04',
  'rule.distroNameForm':
    'must be a distribution name of letters, digits, ".", "_" and "-" only (no spaces or shell characters),' +
    ' such as Ubuntu-24.04',
  'rule.distroLegacy': '"Legacy" is reserved by WSL; choose another name',
  'rule.linuxUser': 'must be a Linux user name such as dev',
  'rule.linuxUserForm':
    'must be a Linux user name: lowercase letters, digits, "_" and "-", starting with a letter or "_", at most 32' +
    ' characters',
  'rule.wslConfName':
    'must be a wsl.conf name WSL reads: a letter followed by letters and digits only (WSL rejects "_", "." and "-")',
  'rule.from': 'must have `from:` set to one of store, web, file, url',
  'rule.ipMode': 'must be one of auto, alias, nat-registry, mirrored',
  'rule.interface': 'must be a Linux interface name such as eth0',
  'rule.sameSubnet': (p: { address: string; example: string }) =>
    `must be in the same subnet as address ${p.address}, such as ${p.example}`,
  'rule.differFromDistro': 'must differ from the distro address',
  'rule.networkAddress': (p: { value: string; prefix: number }) =>
    `${p.value} is the network address of its /${p.prefix} subnet; pick a host address`,
  'rule.broadcastAddress': (p: { value: string; prefix: number }) =>
    `${p.value} is the broadcast address of its /${p.prefix} subnet; pick a host address`,
  'rule.mirror': (p: { mirrors: string }) => `must be a known mirror (${p.mirrors}) or an http(s) URL`,
  'rule.mirrorOrAuto': (p: { mirrors: string }) => `must be a known mirror (${p.mirrors}), an http(s) URL, or "auto"`,
  'rule.debPackage': 'must be a Debian package name such as curl',
  'rule.debPackageForm':
    'must be a Debian package name (lowercase letters, digits, "+", "-", "."), optionally with =version',
  'rule.security': 'must be "mirror" or "official"',
  'rule.ms': 'must be a number of milliseconds such as 5000',
  'rule.msInt': 'must be a whole number of milliseconds',
  'rule.msMin': 'must be at least 500 ms: a mirror cannot be measured in less',
  'rule.msMax': 'must be at most 60000 ms',
  'rule.resolvOption': 'must be a resolv.conf option such as timeout:2, attempts:3, rotate or edns0',
  'rule.nameserverMin': 'needs at least one nameserver',
  'rule.nameserverMax': 'may list at most 3 nameservers: the resolver ignores the rest',
  'rule.searchMax': 'may list at most 6 search domains',
  'rule.verifyName': 'must be a host name such as github.com, or false',
  'rule.sysctlKey': 'must be a sysctl key such as fs.inotify.max_user_watches',
  'rule.noControl': 'must not contain newlines or control characters',
} satisfies Record<string, string | ((params: never) => string)>;
