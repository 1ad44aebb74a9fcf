/**
 * A DNS-over-HTTPS server for tests: RFC 8484 (GET ?dns= and POST application/dns-message, wire
 * format via dns-packet) and the JSON form (GET /resolve?name=&type=). Its zone is whatever the
 * test says, so it can lie: answer a name with an address whose server cannot prove the name.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';
import type { LeafCertificate } from './ca.js';

/** The records of one name. */
export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  /** The name is an alias of this one. */
  CNAME?: string;
}

export interface DohServerOptions {
  host: string;
  tls: LeafCertificate;
  zone: Record<string, ZoneEntry>;
  /** Delay before every answer. */
  latencyMs?: number;
  /** Answer every query with this HTTP status instead. */
  failWith?: number;
}

export interface DohServer {
  /** The RFC 8484 endpoint. */
  wireUrl: string;
  /** The JSON endpoint. */
  jsonUrl: string;
  zone: Record<string, ZoneEntry>;
  queries: Array<{ format: 'wire' | 'json'; name: string; type: string; method: string }>;
  close(): Promise<void>;
}

type Rr = { name: string; type: 'A' | 'AAAA' | 'CNAME'; ttl: number; data: string };

function answer(
  zone: Record<string, ZoneEntry>,
  qname: string,
  qtype: string,
): { rcode: 'NOERROR' | 'NXDOMAIN'; records: Rr[] } {
  const records: Rr[] = [];
  let name = qname.toLowerCase();
  for (let hops = 0; hops < 8; hops++) {
    const entry = zone[name];
    if (!entry) return { rcode: records.length ? 'NOERROR' : 'NXDOMAIN', records };
    if (entry.CNAME) {
      records.push({ name, type: 'CNAME', ttl: 300, data: entry.CNAME });
      name = entry.CNAME.toLowerCase();
      continue;
    }
    const list = qtype === 'A' ? entry.A : qtype === 'AAAA' ? entry.AAAA : undefined;
    for (const address of list ?? []) records.push({ name, type: qtype as 'A' | 'AAAA', ttl: 60, data: address });
    return { rcode: 'NOERROR', records };
  }
  return { rcode: 'NOERROR', records };
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a DoH server on host (port chosen by the system). */
export async function startDohServer(options: DohServerOptions): Promise<DohServer> {
  const queries: DohServer['queries'] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://x');
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (options.failWith) {
      res.writeHead(options.failWith).end();
      return;
    }
    if (url.pathname === '/resolve') {
      const name = (url.searchParams.get('name') ?? '').replace(/\.$/, '');
      const type = url.searchParams.get('type') ?? 'A';
      queries.push({ format: 'json', name, type, method: req.method ?? 'GET' });
      const { rcode, records } = answer(options.zone, name, type);
      const types = { A: 1, CNAME: 5, AAAA: 28 } as const;
      const json = {
        Status: rcode === 'NOERROR' ? 0 : 3,
        Question: [{ name: `${name}.`, type: types[type as 'A'] ?? 1 }],
        Answer: records.map((r) => ({
          name: `${r.name}.`,
          type: types[r.type],
          TTL: r.ttl,
          data: r.type === 'CNAME' ? `${r.data}.` : r.data,
        })),
      };
      res.writeHead(200, { 'content-type': 'application/dns-json' }).end(JSON.stringify(json));
      return;
    }
    if (url.pathname === '/dns-query') {
      const raw = req.method === 'POST' ? await body(req) : Buffer.from(url.searchParams.get('dns') ?? '', 'base64url');
      let query: dnsPacket.DecodedPacket;
      try {
        query = dnsPacket.decode(raw);
      } catch {
        res.writeHead(400).end('bad dns message');
        return;
      }
      const question = query.questions?.[0];
      if (!question) {
        res.writeHead(400).end('no question');
        return;
      }
      queries.push({ format: 'wire', name: question.name, type: question.type, method: req.method ?? 'GET' });
      const { rcode, records } = answer(options.zone, question.name, question.type);
      const packet = dnsPacket.encode({
        type: 'response',
        id: query.id ?? 0,
        flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (rcode === 'NXDOMAIN' ? 3 : 0),
        questions: [question],
        answers: records.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, class: 'IN' as const, data: r.data })),
      });
      res
        .writeHead(200, { 'content-type': 'application/dns-message', 'content-length': String(packet.length) })
        .end(packet);
      return;
    }
    res.writeHead(404).end();
  };
  const server: Server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `https://${options.host}:${port}`;
  return {
    wireUrl: `${origin}/dns-query`,
    jsonUrl: `${origin}/resolve`,
    zone: options.zone,
    queries,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
