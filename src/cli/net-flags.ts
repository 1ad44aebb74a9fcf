/** Flags shared by the `devbox net` commands: trust, proxy, DoH resolvers. */
import { Flags } from '@oclif/core';

export const trustFlags = {
  'ca-bundle': Flags.string({
    summary: 'PEM file of CA certificates to trust in addition to the normal store (e.g. a TLS-inspecting proxy).',
    description: 'Also read from DEVBOX_CA_BUNDLE. Certificate checks are never turned off.',
    helpValue: 'FILE',
  }),
  proxy: Flags.string({
    summary: 'Proxy for every request (http://HOST:PORT), or "none"; defaults to HTTPS_PROXY / HTTP_PROXY / NO_PROXY.',
    helpValue: 'URL',
  }),
};

export const resolverFlags = {
  resolver: Flags.string({
    summary: 'DoH resolver URL (repeatable). "#json" at the end, or a path ending in /resolve, selects the JSON form.',
    description:
      'Also read from DEVBOX_DOH_RESOLVERS (comma-separated). Defaults to AliDNS, DNSPod and 360, which answer from mainland China.',
    multiple: true,
    helpValue: 'URL',
  }),
};
