/**
 * `devbox init`: manifests from what exists. `--from-machine` reads this Windows machine's WSL and
 * default distribution (init-machine.ts), Scoop (folders, buckets, apps, config.json) and devbox's
 * hosts entries into manifest form, or writes
 * Scoop's own export JSON of it; `--from-scoop-export FILE` turns a `scoop export` file (either
 * PowerShell's date form) into manifest form. Generated manifests are validated before they are
 * returned, so what devbox writes always loads.
 */
import { resolve as resolvePath } from 'node:path';
import { stringify } from 'yaml';
import { PrerequisiteError, UsageError } from '../errors.js';
import { loadManifest } from '../manifest/load.js';
import { ManifestError } from '../manifest/issues.js';
import { builtinDefaultRef } from '../manifest/refs.js';
import { expectResult } from '../engine/ports/host.js';
import { createRuntime, manifestSources } from '../platform/runtime.js';
import type { ProcessRunner } from '../platform/process.js';
import { readUserFile } from '../platform/files.js';
import { decodeWindowsText } from '../platform/windows/text.js';
import { blockEntries, hostsPath, parseHosts } from '../resources/hosts/file.js';
import { parseScoopExport } from '../resources/scoop/export.js';
import { scoopProbeOp, scoopProbeResult } from '../resources/scoop/probe.js';
import { areaChecks } from '../resources/index.js';
import { machineScoopExport, scoopFromMachine, scoopSectionFromExport } from '../resources/scoop/from-machine.js';
import { Document } from 'yaml';
import { commentKey, renderValidated } from './init-manifest.js';
import { wslFromMachine } from './init-machine.js';
import { initText } from '../ui/init-text.js';

export interface InitDeps {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  processes?: ProcessRunner;
}

export interface InitResult {
  /** The generated file's text (YAML manifest, or Scoop export JSON). */
  text: string;
  format: 'manifest' | 'scoop-export';
  notes: string[];
}

/** The default manifest's installer pin and folders: what a generated manifest starts from. */
async function defaults(deps: InitDeps) {
  const loaded = await loadManifest(builtinDefaultRef, {
    sources: manifestSources(deps.cwd),
    env: deps.env ?? process.env,
    checks: areaChecks,
  });
  const scoop = loaded.manifest.scoop!;
  return { installer: scoop.installer, root: scoop.root, globalRoot: scoop.globalRoot };
}

/** Renders a manifest and checks it loads (schema and cross-field rules). */
async function manifestText(
  body: Record<string, unknown>,
  header: string,
  deps: InitDeps,
  fromFile?: string,
): Promise<string> {
  const text = `${header}\n${stringify({ version: 1, ...body }, { lineWidth: 0 })}`;
  const sources = { ...manifestSources(deps.cwd), readFile: async () => text };
  try {
    await loadManifest('/generated.yaml', { sources, env: {}, checks: areaChecks });
  } catch (error) {
    // A user's file can hold values no manifest may (a hostile or hand-edited export): that is their input's fault.
    if (fromFile !== undefined && error instanceof ManifestError) {
      throw new UsageError(
        `${fromFile} holds values devbox cannot put in a manifest:\n${error.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
        {
          suggestions: [`Fix or remove those entries in ${fromFile}, or write the manifest by hand (\`devbox init\`).`],
        },
      );
    }
    throw new Error(`bug: the generated manifest does not validate: ${(error as Error).message}\n${text}`);
  }
  return text;
}

/** Reads this machine's Scoop and hosts entries. */
export async function initFromMachine(
  request: { format: 'manifest' | 'scoop-export'; withConfig?: boolean },
  deps: InitDeps = {},
): Promise<InitResult> {
  const runtime = createRuntime({ dryRun: true }, deps.processes, deps.env);
  const host = runtime.read.host;
  if (!host)
    throw new PrerequisiteError(
      'devbox init --from-machine reads WSL, Scoop and the hosts file of Windows; run it on Windows.',
    );
  const [scoopResult, hostsResult] = await host.probe([
    scoopProbeOp([], request.format === 'scoop-export'),
    { op: 'file', path: hostsPath },
  ]);
  const machine = scoopFromMachine(scoopProbeResult(scoopResult));
  if (request.format === 'scoop-export') {
    if (!machine) throw new UsageError('Scoop is not installed on this machine: there is nothing to export.');
    return {
      text: machineScoopExport(machine, request.withConfig ?? true),
      format: 'scoop-export',
      notes: machine.notes,
    };
  }
  const hosts = expectResult(hostsResult, 'file', hostsPath);
  const entries = hosts.exists ? blockEntries(parseHosts(hosts.content ?? Buffer.alloc(0))) : [];
  const machineWsl = await wslFromMachine({ ...runtime.read, host }, deps);
  const body: Record<string, unknown> = {
    ...(machineWsl.wsl ? { wsl: machineWsl.wsl } : {}),
    ...(machineWsl.distro ? { distro: machineWsl.distro } : {}),
  };
  const notes = [...machineWsl.notes, ...(machine?.notes ?? [])];
  if (machine) {
    const { root, globalRoot, cacheDir, ...rest } = machine.section;
    body.scoop = {
      root,
      globalRoot,
      ...(cacheDir ? { cacheDir } : {}),
      installer: (await defaults(deps)).installer,
      ...rest,
    };
  } else notes.push('Scoop is not installed: the manifest has no scoop section');
  if (entries.length) body.hosts = { entries: entries.map((e) => ({ name: e.name, address: 'auto' })) };
  const doc = new Document({ version: 1, ...body });
  doc.commentBefore = ` ${initText.header.machine.join('\n ')}`;
  const t = initText.comment;
  if (body.wsl) commentKey(doc, ['wsl'], t.wsl);
  if (body.distro) {
    const names = machineWsl.distributions.names;
    commentKey(doc, ['distro'], [t.distro, initText.comment.distributions(names, machineWsl.distributions.default)]);
  }
  if (body.scoop) commentKey(doc, ['scoop'], t.scoop);
  if (body.hosts) commentKey(doc, ['hosts'], t.hosts);
  if (notes.length) doc.comment = [` ${t.notes}`, ...notes.map((n) => ` - ${n}`)].join('\n');
  return { text: await renderValidated(doc, deps.cwd ? { cwd: deps.cwd } : {}), format: 'manifest', notes };
}

/** A `scoop export` file in manifest form (folders and installer from devbox's default manifest). */
export async function initFromScoopExport(file: string, deps: InitDeps = {}): Promise<InitResult> {
  let input: string;
  const path = resolvePath(deps.cwd ?? process.cwd(), file);
  try {
    // `scoop export > file` in Windows PowerShell 5.1 writes UTF-16LE with a BOM; PowerShell 7 UTF-8.
    input = decodeWindowsText(await readUserFile(path));
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const data = parseScoopExport(input, file);
  const { section, notes } = scoopSectionFromExport(data);
  const base = await defaults(deps);
  const header = `# Written by \`devbox init --from-scoop-export ${file}\`. Scoop's folders and installer pin are devbox's\n# defaults: set root / globalRoot to where Scoop should go.`;
  return {
    text: await manifestText(
      { scoop: { root: base.root, globalRoot: base.globalRoot, installer: base.installer, ...section } },
      header,
      deps,
      file,
    ),
    format: 'manifest',
    notes,
  };
}
