import { Args, Flags } from '@oclif/core';
import { DevboxCommand } from '../../cli/base.js';
import { trustFlags } from '../../cli/net-flags.js';
import { netRank, requireRanked } from '../../app/net-rank.js';
import type { Ranking } from '../../net/rank.js';
import { renderRanking } from '../../ui/net.js';

export default class NetRank extends DevboxCommand {
  static override summary = 'Rank mirrors by time to first byte and throughput, measured in parallel.';
  static override description =
    'Fetches the same file (--path under each base URL) from every mirror at once within a time budget, drops those that fail or serve the wrong content (--sha256), and lists the rest fastest first.';
  static override examples = [
    '<%= config.bin %> net rank https://mirrors.example.edu/debian https://ftp.example.org/debian --path dists/bookworm/Release',
  ];
  static override strict = false;
  static override args = {
    url: Args.string({ required: true, description: 'Base URLs of the mirrors (one or more).' }),
  };
  static override flags = {
    ...trustFlags,
    path: Flags.string({
      summary: 'Path appended to each base URL (default: fetch the URLs themselves).',
      helpValue: 'PATH',
    }),
    budget: Flags.integer({ summary: 'Milliseconds for the whole measurement.', default: 5000, min: 100 }),
    'max-bytes': Flags.integer({ summary: 'Read at most this much from each mirror.', min: 1 }),
    sha256: Flags.string({
      summary: 'The sha256 the probed file must have (it is then read whole).',
      helpValue: 'HEX',
    }),
  };

  async run(): Promise<Ranking> {
    const { argv, flags } = await this.parse(NetRank);
    const result = await netRank(
      {
        urls: argv as string[],
        budgetMs: flags.budget,
        ...(flags.path ? { path: flags.path } : {}),
        ...(flags['max-bytes'] ? { maxBytes: flags['max-bytes'] } : {}),
        ...(flags.sha256 ? { sha256: flags.sha256 } : {}),
      },
      {
        ...(flags['ca-bundle'] ? { caBundle: flags['ca-bundle'] } : {}),
        ...(flags.proxy ? { proxy: flags.proxy } : {}),
      },
    );
    this.say(renderRanking(result));
    requireRanked(result);
    return result;
  }
}
