/**
 * The internet a simulated Windows machine sees in the Scoop tests, made of real servers on loopback:
 *
 * - `good`: an HTTPS server on port 443 whose certificate (from a test CA) is valid for GitHub's
 *   names, gitee.com, and its own address. It serves the Scoop installer, Scoop's zips, app
 *   downloads, and git remotes (`/info/refs`) for the buckets it knows.
 * - `liar`: port 443 with a certificate for another name: what a poisoned DNS answer leads to.
 * - `blackhole`: port 443 that accepts connections and never answers (a bucket URL that does not answer).
 * - DoH servers (RFC 8484): an honest one answering `good` for every name, a lying one answering `liar`.
 *
 * `configure(machine)` points the machine's DNS at `good` for every name (except the poisoned ones,
 * at `liar`), lets Windows trust the test CA, and gives its git the bucket repositories. devbox gets
 * the CA through DEVBOX_CA_BUNDLE (`env`). Port 443 needs root, like the rest of test/e2e.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { makeTestCa, type TestCa } from '../net/ca.js';
import { startDohServer, type DohServer } from '../net/doh-server.js';
import { loopbackAddresses } from '../net/loopback.js';
import { scoopInstallerScript, scoopInstallerSha256 } from '../winsim/scoop.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { WindowsMachine, type MachineOptions } from '../winsim/machine.js';

/** Names the good server answers for (its certificate covers them all). */
export const worldNames = [
  'github.com',
  'raw.githubusercontent.com',
  'codeload.github.com',
  'objects.githubusercontent.com',
  'gitee.com',
  'git.blocked.example',
];

export interface WorldApp {
  name: string;
  version: string;
  /** Host and path the download is served at, e.g. raw.githubusercontent.com/ScoopInstaller/Binary/master/dark/dark.zip */
  at: string;
  bin?: string;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** App manifests (as a bucket holds them) with downloads served by the good server. */
function manifestFor(app: WorldApp, files: Map<string, Buffer>): Record<string, unknown> {
  const body = randomBytes(2048);
  files.set(`https://${app.at}`, body);
  return {
    version: app.version,
    description: `${app.name} (served by the test world)`,
    homepage: `https://github.com/${app.name}`,
    license: 'Freeware',
    architecture: { '64bit': { url: `https://${app.at}`, hash: sha(body) } },
    ...(app.bin ? { bin: app.bin } : {}),
  };
}

/** Buckets → apps of the default manifest (and what the tests add). */
export const worldBuckets: Record<string, WorldApp[]> = {
  'https://github.com/ScoopInstaller/Main': [
    {
      name: '7zip',
      version: '26.00',
      at: 'github.com/ip7z/7zip/releases/download/26.00/7z2600-x64.msi',
      bin: '7z.exe',
    },
    {
      name: 'git',
      version: '2.51.0',
      at: 'github.com/git-for-windows/git/releases/download/v2.51.0.windows.1/PortableGit-2.51.0-64-bit.7z.exe',
      bin: 'bin\\git.exe',
    },
    {
      name: 'aria2',
      version: '1.37.0-1',
      at: 'github.com/aria2/aria2/releases/download/release-1.37.0/aria2-1.37.0-win-64bit-build1.zip',
      bin: 'aria2c.exe',
    },
    {
      name: 'innounp',
      version: '2.65.3',
      at: 'github.com/jrathlev/InnoUnpacker-Windows-GUI/releases/download/innounp-2-65-3/innounp265.zip',
      bin: 'innounp.exe',
    },
    {
      name: 'dark',
      version: '3.14.1',
      at: 'raw.githubusercontent.com/ScoopInstaller/Binary/master/dark/dark-3.14.1.zip',
      bin: 'dark.exe',
    },
    {
      name: 'maven',
      version: '3.9.11',
      at: 'github.com/apache/maven/releases/apache-maven-3.9.11-bin.zip',
      bin: 'bin\\mvn.cmd',
    },
  ],
  'https://github.com/ScoopInstaller/Extras': [
    {
      name: 'idea',
      version: '2025.2.1',
      at: 'github.com/JetBrains/ideaIC-2025.2.1.win.zip',
      bin: 'IDE\\bin\\idea64.exe',
    },
  ],
  'https://github.com/ScoopInstaller/Versions': [],
  'https://github.com/ScoopInstaller/Java': [
    {
      name: 'temurin17-jdk',
      version: '17.0.16-8',
      at: 'github.com/adoptium/temurin17-binaries/releases/download/jdk-17.0.16/OpenJDK17U-jdk_x64_windows_hotspot.zip',
      bin: 'bin\\java.exe',
    },
  ],
  'https://github.com/chawyehsu/dorado': [],
  'https://github.com/jfut/scoop-pleiades.git': [],
  'https://github.com/ACooper81/scoop-apps': [],
  'https://github.com/kkzzhizhou/scoop-zapps': [],
  'https://github.com/hoilc/scoop-lemon': [],
  'https://github.com/L-Trump/scoop-raresoft': [],
  // A team bucket whose own host does not answer, and its copy on Gitee.
  'https://git.blocked.example/team/bucket': [
    { name: 'teamtool', version: '1.0.0', at: 'gitee.com/team/bucket/raw/teamtool-1.0.0.zip', bin: 'teamtool.exe' },
  ],
  'https://gitee.com/team/bucket': [
    { name: 'teamtool', version: '1.0.0', at: 'gitee.com/team/bucket/raw/teamtool-1.0.0.zip', bin: 'teamtool.exe' },
  ],
};

function remoteKey(url: string): string {
  return url
    .replace(/^https:\/\//, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

export interface ScoopWorld {
  ca: TestCa;
  good: string;
  liar: string;
  blackhole: string;
  honestDoh: DohServer;
  lyingDoh: DohServer;
  /** The installer URL (on the good server's address) and its sha256. */
  installer: { url: string; sha256: string };
  /** Requests the good server saw, as https://host/path. */
  requests: string[];
  /** Environment for devbox runs: trust the test CA, no proxy. */
  env: Record<string, string>;
  /** Sets the machine's DNS (poisoned names answer `liar`), its trusted CA and git remotes. */
  configure(machine: WindowsMachine, options?: { poisoned?: string[]; unanswered?: string[] }): void;
  close(): Promise<void>;
}

export async function startScoopWorld(): Promise<ScoopWorld> {
  const ca = makeTestCa('dbx6-scoop-world');
  const [good, liar, blackhole, doh] = loopbackAddresses(4) as [string, string, string, string];
  const files = new Map<string, Buffer>();
  const manifests: Record<string, Record<string, unknown>> = {};
  for (const [url, apps] of Object.entries(worldBuckets))
    manifests[url] = Object.fromEntries(apps.map((a) => [a.name, manifestFor(a, files)]));
  files.set(`https://${good}/ScoopInstaller/Install/install.ps1`, Buffer.from(scoopInstallerScript));
  files.set('https://github.com/ScoopInstaller/Scoop/archive/master.zip', randomBytes(512));
  files.set('https://github.com/ScoopInstaller/Main/archive/master.zip', randomBytes(512));
  const requests: string[] = [];
  const cert = ca.issue([...worldNames, good]);
  const servers: Server[] = [];
  const listen = async (server: Server | TcpServer, address: string) => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(443, address, () => resolve());
    });
  };
  const goodServer = createHttpsServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const url = `https://${(req.headers.host ?? good).replace(/:443$/, '')}${req.url ?? '/'}`;
    requests.push(url);
    const path = new URL(url);
    if (path.pathname.endsWith('/info/refs')) {
      const repo = `${path.host}${path.pathname.slice(0, -'/info/refs'.length)}`.toLowerCase().replace(/\.git$/, '');
      const known =
        Object.keys(worldBuckets).some((u) => remoteKey(u) === repo) ||
        ['github.com/scoopinstaller/scoop', 'github.com/scoopinstaller/main'].includes(repo);
      res
        .writeHead(known ? 200 : 404, { 'content-type': 'application/x-git-upload-pack-advertisement' })
        .end(known ? '001e# service=git-upload-pack\n0000' : 'Repository not found.');
      return;
    }
    const body = files.get(`${path.origin}${path.pathname}`);
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }).end(body);
  });
  await listen(goodServer, good);
  servers.push(goodServer);
  const wrong = ca.issue(['evil.example']);
  const liarServer = createHttpsServer({ key: wrong.key, cert: wrong.cert }, (_req, res) => res.end('poisoned'));
  await listen(liarServer, liar);
  servers.push(liarServer);
  const sockets = new Set<Socket>();
  const hole = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(hole, blackhole);
  const dohCert = ca.issue([doh]);
  const zone = (address: string) => Object.fromEntries(worldNames.map((n) => [n, { A: [address] }]));
  const honestDoh = await startDohServer({ host: doh, tls: dohCert, zone: zone(good) });
  const lyingDoh = await startDohServer({ host: doh, tls: dohCert, zone: zone(liar) });
  return {
    ca,
    good,
    liar,
    blackhole,
    honestDoh,
    lyingDoh,
    installer: { url: `https://${good}/ScoopInstaller/Install/install.ps1`, sha256: scoopInstallerSha256 },
    requests,
    env: {
      DEVBOX_CA_BUNDLE: ca.caFile,
      HTTPS_PROXY: '',
      HTTP_PROXY: '',
      https_proxy: '',
      http_proxy: '',
      DEVBOX_DOH_RESOLVERS: '',
    },
    configure(machine, options = {}) {
      machine.update((s) => {
        s.network.caFile = ca.caFile;
        s.network.timeoutMs = 1500;
        s.network.dns = Object.fromEntries(
          worldNames.map((n) => [
            n,
            [options.poisoned?.includes(n) ? liar : options.unanswered?.includes(n) ? blackhole : good],
          ]),
        );
        s.scoop.remotes = Object.fromEntries(
          Object.entries(manifests).map(([url, m]) => [remoteKey(url), { manifests: m }]),
        );
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([honestDoh.close(), lyingDoh.close()]);
      await Promise.all(
        [...servers, hole].map(
          (s) =>
            new Promise<void>((resolve) => {
              if ('closeAllConnections' in s) (s as Server).closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
      ca.dispose();
    },
  };
}

/** What a test asks of a simulated machine in the Scoop world. */
export interface WorldMachineOptions {
  elevated?: boolean;
  poisoned?: string[];
  unanswered?: string[];
}

/**
 * The Scoop world for one test file: started before its tests (unless they are skipped), closed
 * after them; `machine()` makes a Windows 11 machine configured for it, disposed after each test.
 */
export function useScoopWorld(skip: string | undefined): {
  readonly world: ScoopWorld;
  machine(options?: WorldMachineOptions): WindowsMachine;
} {
  let world: ScoopWorld | undefined;
  const machines: WindowsMachine[] = [];
  beforeAll(async () => {
    if (!skip) world = await startScoopWorld();
  });
  afterAll(async () => {
    await world?.close();
  });
  afterEach(() => {
    for (const m of machines.splice(0)) m.dispose();
  });
  const started = (): ScoopWorld => {
    if (!world) throw new Error('the Scoop world is not running (the tests were skipped)');
    return world;
  };
  return {
    get world() {
      return started();
    },
    machine(options = {}) {
      const machineOptions: MachineOptions = { preset: 'win11', ...(options.elevated ? { elevated: true } : {}) };
      const m = WindowsMachine.create(machineOptions);
      machines.push(m);
      started().configure(m, {
        ...(options.poisoned ? { poisoned: options.poisoned } : {}),
        ...(options.unanswered ? { unanswered: options.unanswered } : {}),
      });
      return m;
    },
  };
}
