/** The `scoop` section: Scoop in custom folders, its config, buckets and apps. */
import { z } from 'zod';
import { ensure, gitUrl, httpsUrl, iniScalar, sha256, windowsPath } from './common.js';

const scoopName = (what: 'app' | 'bucket') => {
  const a = what === 'app' ? 'an' : 'a';
  return z.string({ error: `must be ${a} ${what} name` }).regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, {
    error: `must be ${a} ${what} name: letters, digits, ".", "_", "+" and "-", not starting with "-"`,
  });
};

/** `host:port` as Scoop's `proxy` config expects it: no scheme; or the words none / default. */
const scoopProxy = z
  .string({ error: 'must be host:port (no scheme), "none" or "default"' })
  .regex(/^(none|default|(currentuser@)?([^\s:@/]+(:[^\s@/]*)?@)?[A-Za-z0-9.-]+:\d{1,5})$/, {
    error:
      'must be host:port without a scheme (e.g. 127.0.0.1:7890), optionally user:pass@host:port, or "none" / "default"',
  });

export const scoopBucket = z.strictObject({
  name: scoopName('bucket'),
  url: gitUrl.optional().describe('Git URL; omit for known buckets (main, extras, versions, java, ...).'),
  mirror: gitUrl.optional().describe('A copy to use when the main URL does not answer, e.g. a Gitee mirror.'),
  ensure,
});

export const scoopApp = z.strictObject({
  name: scoopName('app'),
  bucket: scoopName('bucket').optional(),
  global: z.boolean().default(false).describe('Install for all users (needs the elevated step).'),
  version: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, {
      error: 'must be a version such as 21.0.2 (letters, digits, ".", "_", "+", "-")',
    })
    .optional(),
  ensure,
});

export const scoopSection = z
  .strictObject({
    root: windowsPath.describe('Where user apps go (SCOOP), e.g. D:\\Softwares\\Scoop\\LocalApps.'),
    globalRoot: windowsPath.describe('Where global apps go (SCOOP_GLOBAL), e.g. D:\\Softwares\\Scoop\\GlobalApps.'),
    cacheDir: windowsPath.optional().describe('Download cache (SCOOP_CACHE); defaults to <root>\\cache.'),
    proxy: scoopProxy.optional(),
    installer: z
      .strictObject({ url: httpsUrl, sha256 })
      .describe(
        'The Scoop installer (install.ps1), pinned: it is downloaded, checked against sha256, then run; never `irm | iex`.',
      ),
    repo: z
      .strictObject({
        url: gitUrl.describe('scoop_repo: a mirror of Scoop itself.'),
        branch: z
          .string()
          .regex(/^[A-Za-z0-9._/-]+$/, { error: 'must be a git branch name' })
          .default('master'),
      })
      .optional(),
    aria2: z
      .strictObject({
        enabled: z.boolean().default(true),
        maxConnectionPerServer: z
          .number()
          .int()
          .min(1)
          .max(16, { error: 'must be at most 16 (aria2 refuses more per server)' })
          .default(16),
        split: z.number().int().min(1).max(64).default(16),
        minSplitSize: z
          .string()
          .regex(/^\d+[KM]?$/, { error: 'must be a size aria2 accepts, such as 1M or 512K' })
          .default('1M'),
        warning: z.boolean().default(false).describe("Scoop's aria2 warning on every install."),
      })
      .prefault({}),
    config: z
      .record(
        z.string().regex(/^[A-Za-z0-9_-]+$/, { error: 'must be a Scoop config key such as use_lessmsi' }),
        iniScalar,
      )
      .default({})
      .describe('Other keys for ~/.config/scoop/config.json.'),
    buckets: z.array(scoopBucket).default([]),
    apps: z.array(scoopApp).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.root.toLowerCase() === v.globalRoot.toLowerCase()) {
      ctx.addIssue({
        code: 'custom',
        path: ['globalRoot'],
        message: 'must differ from root: global apps need their own folder',
      });
    }
  })
  .describe('Scoop, its buckets and apps.');
