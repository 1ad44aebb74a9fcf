/**
 * The parts of undici devbox uses, loaded from their own files rather than the package's index.js, which
 * also loads fetch, WebSocket, EventSource, the cache stores, the mocks and a SOCKS client devbox never
 * runs: measured with GNU time on Node 24.21, `require('undici')` peaks at 72.5 MiB RSS, these files at
 * 58.7 MiB (`node -e 0`: 42.6). The request methods are mixed into Dispatcher.prototype exactly as
 * undici's index.js does (`Object.assign(Dispatcher.prototype, api)`); loading the index later as well
 * (another command in the same process) finds the same modules and does the same again.
 */
import type * as Undici from 'undici';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import ProxyAgentClass from 'undici/lib/dispatcher/proxy-agent.js';
import EnvHttpProxyAgentClass from 'undici/lib/dispatcher/env-http-proxy-agent.js';

Object.assign(DispatcherClass.prototype, api);

export type { Dispatcher } from 'undici';
export const Agent = AgentClass as typeof Undici.Agent;
export const ProxyAgent = ProxyAgentClass as typeof Undici.ProxyAgent;
export const EnvHttpProxyAgent = EnvHttpProxyAgentClass as typeof Undici.EnvHttpProxyAgent;

/** undici's top-level `request(url, options)`: the URL split into origin and path, as its index.js does. */
export function request(
  url: string | URL,
  options: Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
    dispatcher: Undici.Dispatcher;
    method?: Undici.Dispatcher.HttpMethod;
  },
): Promise<Undici.Dispatcher.ResponseData> {
  const parsed = new URL(url);
  const { dispatcher, ...rest } = options;
  return dispatcher.request({
    ...rest,
    origin: parsed.origin,
    path: `${parsed.pathname}${parsed.search}`,
    method: options.method ?? 'GET',
  });
}
