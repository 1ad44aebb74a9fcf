import { Flags } from '@oclif/core';
import { DevboxCommand, netFrom } from '../cli/base.js';
import { resolverFlags, trustFlags } from '../cli/net-flags.js';
import { initFromMachine, initFromScoopExport, type InitResult } from '../app/init.js';
import {
  answerFlagNames,
  answersGiven,
  initFromFlags,
  initWizard,
  writeManifestFile,
  type AnswerFlags,
} from '../app/init-new.js';
import { cniNames } from '../manifest/schema/cni.js';
import { UsageError } from '../errors.js';
import { quoteArg } from '../app/hint.js';
import { isInteractive } from '../ui/prompt.js';
import { initText } from '../ui/init-text.js';
import { t } from '../i18n/catalogue.js';

const f = initText.flags;

export default class InitCommand extends DevboxCommand {
  static override summary = initText.summary;
  static override description = initText.description;
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init --yes --scoop-root E:\\Scoop\\Apps --scoop-global E:\\Scoop\\GlobalApps -o devbox.yaml',
    '<%= config.bin %> init --apps git,extras/vscode --fixed-ip 192.168.50.2/24 --mirror tuna -o devbox.yaml',
    '<%= config.bin %> init --no-cluster --fixed-ip none --mirror auto -o devbox.yaml',
    '<%= config.bin %> init --from-machine -o devbox.yaml',
    '<%= config.bin %> init --from-machine --format scoop-export -o scoopfile.json',
    '<%= config.bin %> init --from-scoop-export scoopfile.json',
  ];
  static override flags = {
    mirror: Flags.string({ summary: f.mirror, helpValue: 'NAME|URL|auto' }),
    'mirror-candidates': Flags.string({ summary: f.mirrorCandidates, multiple: true, helpValue: 'URL' }),
    resolver: Flags.string({
      summary: f.resolver,
      description: resolverFlags.resolver.description,
      multiple: true,
      helpValue: 'URL',
    }),
    'scoop-root': Flags.string({ summary: f.scoopRoot, helpValue: 'DIR' }),
    'scoop-global': Flags.string({ summary: f.scoopGlobal, helpValue: 'DIR' }),
    apps: Flags.string({ summary: f.apps, helpValue: 'LIST' }),
    'fixed-ip': Flags.string({ summary: f.fixedIp, helpValue: 'ADDRESS/PREFIX|none' }),
    'host-ip': Flags.string({ summary: f.hostIp, helpValue: 'ADDRESS' }),
    cluster: Flags.boolean({ summary: f.cluster, allowNo: true }),
    'cluster-name': Flags.string({ summary: f.clusterName, helpValue: 'NAME' }),
    cni: Flags.option({ options: cniNames, summary: f.cni })(),
    yes: Flags.boolean({ char: 'y', summary: f.yes, default: false }),
    ...trustFlags,
    'from-machine': Flags.boolean({ summary: f.fromMachine, default: false, exclusive: ['from-scoop-export'] }),
    'from-scoop-export': Flags.string({ summary: f.fromScoopExport, helpValue: 'FILE' }),
    format: Flags.option({
      options: ['manifest', 'scoop-export'] as const,
      default: 'manifest' as const,
      summary: f.format,
    })(),
    output: Flags.string({ char: 'o', summary: f.output, helpValue: 'FILE' }),
    force: Flags.boolean({ summary: f.force, default: false }),
  };

  async run(): Promise<InitResult | { text: string; output?: string }> {
    const { flags } = await this.parse(InitCommand);
    const answers: AnswerFlags = {
      ...(flags.mirror !== undefined ? { mirror: flags.mirror } : {}),
      ...(flags.resolver ? { resolver: flags.resolver } : {}),
      ...(flags['scoop-root'] !== undefined ? { scoopRoot: flags['scoop-root'] } : {}),
      ...(flags['scoop-global'] !== undefined ? { scoopGlobal: flags['scoop-global'] } : {}),
      ...(flags.apps !== undefined ? { apps: flags.apps } : {}),
      ...(flags['fixed-ip'] !== undefined ? { fixedIp: flags['fixed-ip'] } : {}),
      ...(flags['host-ip'] !== undefined ? { hostIp: flags['host-ip'] } : {}),
      ...(flags.cluster !== undefined ? { cluster: flags.cluster } : {}),
      ...(flags['cluster-name'] !== undefined ? { clusterName: flags['cluster-name'] } : {}),
      ...(flags.cni !== undefined ? { cni: flags.cni } : {}),
      ...(flags.yes ? { yes: true } : {}),
    };
    const fromSource = flags['from-machine'] || flags['from-scoop-export'] !== undefined;
    if (fromSource) {
      if (answersGiven(answers, { resolver: true })) throw new UsageError(t('init.answersWithSource'));
      return this.fromSource(flags);
    }
    const interactive = isInteractive() && !this.jsonEnabled();
    if (flags.format !== 'manifest') throw new UsageError('--format scoop-export goes with --from-machine.');
    if (answersGiven(answers, { resolver: !interactive })) {
      const written = await initFromFlags(answers, {
        force: flags.force,
        ...(flags.output ? { output: flags.output } : {}),
      });
      if (written.output) this.progress(t('init.wrote', { file: written.output }));
      else if (!this.jsonEnabled()) process.stdout.write(written.text);
      return { text: written.text, ...(written.output ? { output: written.output } : {}) };
    }
    if (!interactive)
      throw new UsageError(t('init.noTerminal', { flags: answerFlagNames.join(', ') }), {
        suggestions: [
          initText.noTerminalHint((w) => quoteArg(w, process.platform === 'win32' ? 'powershell' : 'posix')),
        ],
      });
    const written = await initWizard({
      force: flags.force,
      ...(flags.output ? { output: flags.output } : {}),
      ...(flags['mirror-candidates'] ? { mirrorCandidates: flags['mirror-candidates'] } : {}),
      ...(flags.resolver ? { resolvers: flags.resolver } : {}),
      net: netFrom(flags).net ?? {},
      say: (line) => this.progress(line),
    });
    this.progress(t('init.wrote', { file: written.output! }));
    return { text: written.text, output: written.output! };
  }

  private async fromSource(flags: {
    'from-machine': boolean;
    'from-scoop-export'?: string;
    format: 'manifest' | 'scoop-export';
    output?: string;
    force: boolean;
  }): Promise<InitResult> {
    let result: InitResult;
    if (flags['from-machine']) result = await initFromMachine({ format: flags.format });
    else {
      if (flags.format !== 'manifest') throw new UsageError('--format scoop-export goes with --from-machine.');
      result = await initFromScoopExport(flags['from-scoop-export']!);
    }
    for (const note of result.notes) this.progress(`note: ${note}`);
    if (flags.output) {
      await writeManifestFile(flags.output, result.text, flags.force, process.cwd());
      this.progress(`Wrote ${flags.output}.`);
    } else if (!this.jsonEnabled()) {
      process.stdout.write(result.text);
    }
    return result;
  }
}
