import { Args, Flags } from '@oclif/core';
import { DevboxCommand } from '../../cli/base.js';
import { resolverFlags, trustFlags } from '../../cli/net-flags.js';
import { netResolve, requireVerified } from '../../app/net-resolve.js';
import type { VerifiedAddresses } from '../../net/verified-addresses.js';
import { renderVerifiedAddresses } from '../../ui/net.js';

export default class NetResolve extends DevboxCommand {
  static override summary = 'Resolve a name over DNS-over-HTTPS and check each address with a TLS handshake.';
  static override description = [
    'Asks several DoH resolvers in parallel and merges their A/AAAA answers, then connects to each address on port 443 with SNI set to NAME',
    'and verifies the certificate chain and name. Only addresses that pass are fit for the hosts file; the others are listed with the reason',
    '(a poisoned answer fails here).',
  ].join(' ');
  static override examples = [
    '<%= config.bin %> net resolve github.com',
    '<%= config.bin %> net resolve raw.githubusercontent.com --resolver https://dns.alidns.com/dns-query --json',
  ];
  static override args = { name: Args.string({ required: true, description: 'Host name to resolve.' }) };
  static override flags = {
    ...resolverFlags,
    ...trustFlags,
    port: Flags.integer({ summary: 'Port of the TLS check.', default: 443, min: 1, max: 65535 }),
    timeout: Flags.integer({ summary: 'Milliseconds to wait for resolvers and handshakes.', default: 5000, min: 100 }),
  };

  async run(): Promise<VerifiedAddresses> {
    const { args, flags } = await this.parse(NetResolve);
    const result = await netResolve(
      {
        name: args.name,
        port: flags.port,
        timeoutMs: flags.timeout,
        ...(flags.resolver ? { resolvers: flags.resolver } : {}),
      },
      {
        ...(flags['ca-bundle'] ? { caBundle: flags['ca-bundle'] } : {}),
        ...(flags.proxy ? { proxy: flags.proxy } : {}),
      },
    );
    this.say(renderVerifiedAddresses(result));
    requireVerified(result);
    return result;
  }
}
