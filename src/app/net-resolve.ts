/** `devbox net resolve`: DoH answers for a name, each address with its TLS verdict. */
import { t } from '../i18n/catalogue.js';
import { NothingUsableError } from '../errors.js';
import { createDispatcher } from '../net/http.js';
import { parseResolver, type DohResolver } from '../net/doh.js';
import { verifiedAddresses, type VerifiedAddresses } from '../net/verified-addresses.js';
import { httpSettings, type NetSettings } from './net-settings.js';

/** The DoH resolvers to use: the flag's, else $DEVBOX_DOH_RESOLVERS (comma or space separated), else the defaults. */
export function resolversFrom(
  specs: readonly string[] | undefined,
  env: NodeJS.ProcessEnv = process.env,
): DohResolver[] | undefined {
  const list = specs?.length ? specs : (env.DEVBOX_DOH_RESOLVERS ?? '').split(/[\s,]+/).filter(Boolean);
  return list.length ? list.map(parseResolver) : undefined;
}

export interface ResolveRequest {
  name: string;
  resolvers?: string[];
  /** The port the TLS probe connects to (443 unless testing a server elsewhere). */
  port?: number;
  timeoutMs?: number;
}

/** Throws NothingUsableError (exit 4) when no address passed the TLS check. */
export function requireVerified(result: VerifiedAddresses): void {
  if (result.accepted.length > 0) return;
  throw new NothingUsableError(
    t('net.noVerifiedAddress', { name: result.name, rejected: result.rejected.length }),
    result,
    {
      suggestions: [t('net.noVerifiedAddressFix')],
    },
  );
}

/** DoH answers for a name, each address with its TLS verdict. */
export async function netResolve(request: ResolveRequest, settings: NetSettings = {}): Promise<VerifiedAddresses> {
  const http = await httpSettings(settings);
  const dispatcher = createDispatcher(http);
  const resolvers = resolversFrom(request.resolvers, settings.env);
  try {
    return await verifiedAddresses(request.name, {
      doh: {
        dispatcher,
        ...(resolvers ? { resolvers } : {}),
        ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
      },
      probe: {
        ...(request.port ? { port: request.port } : {}),
        ...(http.extraCaPem ? { extraCaPem: http.extraCaPem } : {}),
        ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
      },
    });
  } finally {
    await dispatcher.destroy();
  }
}
