import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ScriptedProcesses } from '../../../test/fakes/scripted-processes.js';
import { ExitCode } from '../../errors.js';
import { Elevation, ElevationDeclinedError } from './elevation.js';
import { runElevatedHelper } from './helper.js';

const ipc = () => join(tmpdir(), `dbx4-elevation-test-${randomUUID()}.sock`);
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** What the elevated helper's own process runner sees (the "administrator" side). */
function adminSide() {
  return new ScriptedProcesses((file, args) => ({
    exitCode: file === 'dism.exe' ? 3010 : 0,
    stdout: Buffer.from(`${file} ${args.join(' ')}`),
  }));
}

describe('Elevation', () => {
  it('starts ONE helper through elevate.ps1 and runs every administrator command in it', async () => {
    const admin = adminSide();
    const helpers: Promise<void>[] = [];
    const user = new ScriptedProcesses((file, _args, input) => {
      expect(file).toBe('powershell.exe');
      const { file: helperFile, arguments: args } = JSON.parse(input) as { file: string; arguments: string[] };
      expect(helperFile).toBe('node-or-devbox');
      // The "UAC prompt" was accepted: start the helper as elevate.ps1 would.
      helpers.push(
        runElevatedHelper({
          pipe: args[args.indexOf('--pipe') + 1]!,
          token: args[args.indexOf('--token') + 1]!,
          processes: admin,
        }),
      );
      return { stdout: Buffer.from('{"started":true,"pid":42}') };
    });
    const elevation = new Elevation({
      processes: user,
      isElevated: async () => false,
      helperCommand: (pipe, token) => ({
        file: 'node-or-devbox',
        args: ['internal', 'elevated-helper', '--pipe', pipe, '--token', token],
      }),
      ipcPath: ipc,
    });
    closers.push(() => elevation.close());
    await elevation.prepare(['wsl.features[VirtualMachinePlatform]']);
    await elevation.prepare(['again']);
    const dism = await elevation.run({ tool: 'dism.exe', args: ['/Online', '/Enable-Feature'] });
    const reg = await elevation.run({ tool: 'reg.exe', args: ['add', 'HKLM\\X', '/d', 'a "quoted" value'] });
    expect([dism.exitCode, dism.stdout.toString()]).toEqual([3010, 'dism.exe /Online /Enable-Feature']);
    expect(reg.stdout.toString()).toBe('reg.exe add HKLM\\X /d a "quoted" value');
    expect(user.calls).toHaveLength(1);
    expect(elevation.prompts).toBe(1);
    await elevation.close();
    await Promise.all(helpers);
  });

  it('declined UAC prompt: a prerequisite error (exit 7) naming the steps, and no helper', async () => {
    const user = new ScriptedProcesses(() => ({ stdout: Buffer.from('{"started":false,"reason":"cancelled"}') }));
    const elevation = new Elevation({
      processes: user,
      isElevated: async () => false,
      helperCommand: () => ({ file: 'x', args: [] }),
      ipcPath: ipc,
    });
    const error = await elevation.prepare(['wsl.features[VirtualMachinePlatform]']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ElevationDeclinedError);
    expect((error as ElevationDeclinedError).exitCode).toBe(ExitCode.prerequisiteMissing);
    expect((error as Error).message).toMatch(
      /administrator rights for: wsl\.features\[VirtualMachinePlatform\]; the Windows UAC prompt was declined, so nothing was changed/,
    );
    await expect(elevation.run({ tool: 'dism.exe', args: [] })).rejects.toThrow('elevation was not prepared');
  });

  it('already elevated: no prompt, commands run directly', async () => {
    const direct = adminSide();
    const elevation = new Elevation({
      processes: direct,
      isElevated: async () => true,
      helperCommand: () => ({ file: 'x', args: [] }),
      ipcPath: ipc,
    });
    await elevation.prepare(['x']);
    expect((await elevation.run({ tool: 'netsh.exe', args: ['interface'] })).stdout.toString()).toBe(
      'netsh.exe interface',
    );
    expect(direct.calls.map((c) => c.file)).toEqual(['netsh.exe']);
    expect(elevation.prompts).toBe(0);
  });
});

/**
 * Plays devbox's side of the helper's pipe: waits for the helper's hello, sends `requests`, and
 * collects every line the helper writes (hello first) until each request has its answer.
 */
async function talkToHelper(
  token: string,
  processes: ScriptedProcesses,
  requests: readonly object[],
): Promise<string[]> {
  const pipe = ipc();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(pipe, resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const replies: string[] = [];
  const done = new Promise<void>((resolve) =>
    server.on('connection', (socket) => {
      const lines = createInterface({ input: socket });
      lines.on('line', (line) => {
        replies.push(line);
        if (replies.length === 1) socket.write(requests.map((r) => `${JSON.stringify(r)}\n`).join(''));
        if (replies.length === requests.length + 1) {
          socket.end();
          resolve();
        }
      });
    }),
  );
  const helper = runElevatedHelper({ pipe, token, processes });
  await done;
  await helper;
  return replies;
}

describe('the elevated helper', () => {
  it('runs only the Windows tools of the host port', async () => {
    const admin = adminSide();
    const replies = await talkToHelper('t0k3n', admin, [
      { id: 1, tool: 'cmd.exe', args: ['/c', 'whoami'] },
      { id: 2, tool: 'reg.exe', args: ['query'] },
    ]);
    expect(JSON.parse(replies[0]!)).toMatchObject({ hello: 'devbox-elevated-helper', token: 't0k3n' });
    expect(JSON.parse(replies[1]!)).toEqual({ id: 1, error: 'refused: not a Windows tool devbox runs' });
    expect(JSON.parse(replies[2]!)).toMatchObject({ id: 2, exitCode: 0 });
    expect(admin.calls.map((c) => c.file)).toEqual(['reg.exe']);
  });

  it("runs only devbox's elevated scripts with JSON parameters, and powershell.exe only for Scoop's global installs", async () => {
    const admin = new ScriptedProcesses((file, args, input) => ({
      stdout: Buffer.from(
        args.some((a) => a.endsWith('replace-file.ps1'))
          ? JSON.stringify({ ok: true, backup: null, dnsFlushed: JSON.parse(input).flushDns })
          : `${file} ok`,
      ),
    }));
    const scoopPs1 = [
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-File',
      'D:\\Scoop\\shims\\scoop.ps1',
    ];
    const requests = [
      { id: 1, script: 'probe', params: {} },
      {
        id: 2,
        script: 'replace-file',
        params: {
          path: 'C:\\Windows\\System32\\drivers\\etc\\hosts',
          content: '',
          expectedSha256: null,
          flushDns: true,
        },
      },
      { id: 3, tool: 'powershell.exe', args: [...scoopPs1, 'install', '-u', 'git'] },
      {
        id: 4,
        tool: 'powershell.exe',
        args: [...scoopPs1, 'install', '-u', '--global', 'aria2'],
        env: { SCOOP: 'D:\\Scoop', PATH: 'C:\\evil' },
      },
      {
        id: 5,
        tool: 'powershell.exe',
        args: [...scoopPs1, 'install', '-u', '--global', 'aria2'],
        env: { SCOOP: 'D:\\Scoop' },
      },
    ];
    const replies = await talkToHelper('t', admin, requests);
    const answers = replies
      .slice(1)
      .map((r) => JSON.parse(r) as { id: number; error?: string; answer?: unknown; exitCode?: number });
    expect(answers.map((a) => [a.id, a.error ?? a.answer ?? a.exitCode])).toEqual([
      [1, 'refused: not a Windows tool devbox runs'],
      [2, { ok: true, backup: null, dnsFlushed: true }],
      [3, 'refused: as administrator, Scoop only installs or removes global apps (--global)'],
      [4, 'refused: environment variable PATH cannot be passed to a Windows command'],
      [5, 0],
    ]);
    expect(admin.calls.map((c) => [c.file, c.options?.env])).toEqual([
      ['powershell.exe', undefined],
      ['powershell.exe', { SCOOP: 'D:\\Scoop' }],
    ]);
  });
});
