/**
 * The distro part back as a registered WSL distro: `wsl --import NAME DIR -` fed the decompressed
 * tar (a VHDX is unpacked beside it first, for `--import … --vhd`), then the default user set again
 * (every import resets it to root, microsoft/WSL#7884). A marker in devbox's state folder names the
 * distro while it may be registered without its default user: a killed run is redone by the next.
 */
import { pipeline } from 'node:stream/promises';
import { ExitCode, UserError } from '../errors.js';
import { interpretWsl } from '../platform/windows/wsl.js';
import type { BackupDeps } from './deps.js';
import { readMachineFacts, wslAbilities } from './facts.js';
import type { PartSource } from './part-source.js';
import { partError } from './restore-files.js';
import type { RestorePlan } from './restore-plan.js';
import { t } from '../i18n/catalogue.js';

type PlannedDistro = NonNullable<RestorePlan['distro']>;

/** Decompresses the whole part, keeping nothing; a part that fails is named (partError). */
async function provePart(deps: BackupDeps, d: PlannedDistro, parts: PartSource): Promise<void> {
  deps.progress(t('restore.provingPart', { file: d.part.file, name: d.name }));
  try {
    for await (const chunk of deps.archive.decompressedStream(parts.open(d.part.file))) void chunk;
  } catch (error) {
    // Damaged, or a part that vanished since it was verified: either way the distro there is untouched.
    const why = partError(d.part, error);
    if (!(why instanceof UserError)) throw why;
    throw new UserError(`${why.message} ${t('restore.distroKept', { name: d.name })}`, why.exitCode, {
      code: why.code,
      suggestions: why.suggestions,
    });
  }
}

/**
 * Imports the planned distro; resolves to what was done. `notes` receives what could not be done
 * (no `wsl --manage`). Throws a UserError (exit 4) naming the part or WSL's words; nothing of the
 * distro stays registered then, and a distro of that name that was there is only removed once the
 * part proved whole.
 */
export async function restoreDistro(
  deps: BackupDeps,
  d: PlannedDistro,
  parts: PartSource,
  markerPath: string,
  notes: string[],
): Promise<string[]> {
  // The plan read the registered distros (one wsl.exe start); `replace` says this name was among them.
  if (d.replace) {
    // Unregistering loses everything in the distro there: the part must first prove it decompresses
    // to the end (every frame's checksum), or a damaged part would leave the user with no distro.
    await provePart(deps, d, parts);
    const gone = interpretWsl(await deps.host.exec({ tool: 'wsl.exe', args: ['--unregister', d.name] }));
    if (gone.exitCode !== 0)
      throw new UserError(
        t('restore.wslFailed', { command: `wsl --unregister ${d.name}`, output: gone.lines.join(' ') }),
        ExitCode.applyFailed,
      );
  }
  // Written once the name is free, before the import registers it: a marker beside a distro the
  // user still has would let the next restore unregister it unasked.
  await deps.machine.writeFileAtomic(
    markerPath,
    Buffer.from(JSON.stringify({ distro: d.name, startedAt: new Date().toISOString() })),
  );
  // A tar streams in on stdin; a VHDX must be a file (wsl --import … --vhd), unpacked beside the distro.
  const vhd = d.part.role === 'vhd' ? `${d.installDir}\\restore.vhdx` : undefined;
  // A folder this restore made goes again when the import fails (WSL's own files in it included).
  const made = !(await deps.machine.exists(deps.machine.local(d.installDir)));
  await deps.machine.mkdir(deps.machine.local(d.installDir));
  const cleanUp = async () => {
    if (vhd) await deps.machine.remove(deps.machine.local(vhd));
    if (made) await deps.machine.remove(deps.machine.local(d.installDir));
    await deps.machine.remove(markerPath);
  };
  if (vhd)
    await pipeline(
      deps.archive.decompressedStream(parts.open(d.part.file)),
      await deps.archive.restoreFs.file(deps.machine.local(vhd), 0o600),
    ).catch(async (error: unknown) => {
      await cleanUp();
      throw partError(d.part, error);
    });
  // A part that passed its sha256 but does not decompress (made so, or re-hashed after damage) is
  // named, not left to WSL's tar error about a cut-off stream.
  let inputError: unknown;
  const input = vhd ? undefined : deps.archive.decompressedStream(parts.open(d.part.file));
  input?.once('error', (error: Error) => (inputError = error));
  const args = [
    '--import',
    d.name,
    d.installDir,
    vhd ?? '-',
    '--version',
    String(d.part.meta.version ?? 2),
    ...(vhd ? ['--vhd'] : []),
  ];
  deps.progress(t('restore.wslImport', { command: `wsl ${args.join(' ')}` }));
  const run = deps.machine.spawn('wsl.exe', args, input ? { stdin: input } : {});
  const output: Buffer[] = [];
  run.stdout.on('data', (c: Buffer) => output.push(c));
  const ended = await run.done;
  if (ended.exitCode !== 0) {
    const still = (await readMachineFacts(deps.host, [])).distros.some(
      (x) => x.name.toLowerCase() === d.name.toLowerCase(),
    );
    if (still) await deps.host.exec({ tool: 'wsl.exe', args: ['--unregister', d.name] });
    await cleanUp();
    const named = partError(d.part, inputError);
    if (named !== inputError) throw named;
    throw new UserError(
      t('restore.importFailed', {
        name: d.name,
        exit: String(ended.exitCode),
        output: interpretWsl({
          exitCode: ended.exitCode,
          stdout: Buffer.concat(output),
          stderr: ended.stderr,
          timedOut: false,
        }).lines.join(' '),
      }),
      ExitCode.applyFailed,
      { code: 'restore.import' },
    );
  }
  if (vhd) await deps.machine.remove(deps.machine.local(vhd));
  const done = [t('restore.imported', { name: d.name, dir: d.installDir })];
  if (d.defaultUser && d.defaultUser !== 'root') {
    const abilities = await wslAbilities(deps.host);
    if (!abilities.manage) notes.push(t('restore.noManage', { name: d.name, user: d.defaultUser }));
    else {
      const set = interpretWsl(
        await deps.host.exec({ tool: 'wsl.exe', args: ['--manage', d.name, '--set-default-user', d.defaultUser] }),
      );
      if (set.exitCode !== 0)
        throw new UserError(
          t('restore.wslFailed', {
            command: `wsl --manage ${d.name} --set-default-user ${d.defaultUser}`,
            output: set.lines.join(' '),
          }),
          ExitCode.applyFailed,
        );
      done.push(t('restore.defaultUserSet', { name: d.name, user: d.defaultUser }));
    }
  }
  await deps.machine.remove(markerPath);
  return done;
}
