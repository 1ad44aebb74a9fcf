/** The `hosts` section: verified entries in the Windows hosts file for names that DNS poisoning breaks. */
import { z } from 'zod';
import { ensure, hostName, httpsUrl, ipAddressChoice, rule } from './common.js';

export const hostsEntry = z.strictObject({
  name: hostName.describe('The host name to pin, e.g. raw.githubusercontent.com; the key it is merged by.'),
  address: z
    .union([z.literal('auto'), ipAddressChoice(rule('rule.hostsAddress'))], {
      error: rule('rule.hostsAddress'),
    })
    .default('auto')
    .describe('auto: resolve over DoH and keep only an address whose TLS certificate is valid for the name.'),
  verifyTls: z
    .boolean()
    .default(true)
    .describe('Check that the address serves a valid certificate for the name before writing it.'),
  ensure,
});

export const hostsSection = z
  .strictObject({
    resolvers: z
      .array(httpsUrl)
      .min(1)
      .optional()
      .describe('DNS-over-HTTPS resolvers for `auto`; defaults to resolvers reachable from mainland China.')
      .meta({ examples: [['https://dns.alidns.com/dns-query', 'https://doh.pub/dns-query']] }),
    entries: z
      .array(hostsEntry)
      .default([])
      .describe("Names to pin; merged by name with a base manifest's (ensure: absent removes one)."),
  })
  .describe('Entries devbox manages in a marked block of C:\\Windows\\System32\\drivers\\etc\\hosts.');
