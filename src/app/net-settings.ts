/**
 * Settings the `devbox net` use cases share: the trust store (CA bundle by flag or DEVBOX_CA_BUNDLE)
 * and the proxy, so the commands work against any server, including a test server with its own CA.
 */
import { t } from '../i18n/catalogue.js';
import { readUserTextFile } from '../platform/files.js';
import { resolve as resolvePath } from 'node:path';
import { UsageError } from '../errors.js';
import { validateProxyUrl, type HttpSettings } from '../net/proxy.js';

/** Settings every net command shares. */
export interface NetSettings {
  /** A CA bundle file (PEM) trusted in addition to the normal store; defaults to $DEVBOX_CA_BUNDLE. */
  caBundle?: string;
  /** A proxy URL, or `none`; defaults to HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  proxy?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * The environment a run's requests read their settings from, with `--ca-bundle` and `--proxy`
 * applied (DEVBOX_CA_BUNDLE, DEVBOX_PROXY): one place, so the manifest's download and every step's
 * use the same trust store and proxy.
 */
export function envWithNet(
  env: NodeJS.ProcessEnv,
  net: Pick<NetSettings, 'caBundle' | 'proxy'> = {},
  cwd = process.cwd(),
): NodeJS.ProcessEnv {
  if (!net.caBundle && !net.proxy) return env;
  return {
    ...env,
    ...(net.caBundle ? { DEVBOX_CA_BUNDLE: resolvePath(cwd, net.caBundle) } : {}),
    ...(net.proxy ? { DEVBOX_PROXY: net.proxy } : {}),
  };
}

/**
 * Reads the CA bundle and turns the settings into HttpSettings.
 * @throws UsageError (exit 2) when the bundle cannot be read or holds no PEM certificate, or the proxy is
 *   not an http(s)/socks URL.
 */
export async function httpSettings(settings: NetSettings): Promise<HttpSettings> {
  const env = settings.env ?? process.env;
  if (settings.proxy && settings.proxy !== 'none') validateProxyUrl(settings.proxy);
  const bundle = settings.caBundle ?? (env.DEVBOX_CA_BUNDLE || undefined);
  const extraCaPem = bundle ? await readCaBundle(bundle, settings.cwd ?? process.cwd()) : undefined;
  return { env, ...(settings.proxy ? { proxy: settings.proxy } : {}), ...(extraCaPem ? { extraCaPem } : {}) };
}

/**
 * Checks `--proxy` and `--ca-bundle` (or DEVBOX_CA_BUNDLE) before a run does anything, so a typo is exit 2
 * at once, not a TLS error in the middle of `up` or never noticed when nothing downloads.
 */
export async function checkNetSettings(settings: NetSettings): Promise<void> {
  await httpSettings(settings);
}

const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

async function readCaBundle(bundle: string, cwd: string): Promise<string> {
  const fix = { suggestions: [t('net.caBundleUnreadableFix')] };
  let text: string;
  try {
    text = await readUserTextFile(resolvePath(cwd, bundle));
  } catch (error) {
    throw new UsageError(t('net.caBundleUnreadable', { file: bundle, reason: (error as Error).message }), fix);
  }
  if (!text.includes(PEM_CERTIFICATE)) {
    throw new UsageError(t('net.caBundleNotPem', { file: bundle, marker: PEM_CERTIFICATE }), fix);
  }
  return text;
}
