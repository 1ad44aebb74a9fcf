/** The `scoop` section: Scoop in custom folders, its config, buckets and apps. */
import { z } from 'zod';
import { t } from '../../i18n/catalogue.js';
import { ensure, gitUrl, httpsUrl, iniScalar, rule, sha256, windowsPath } from './common.js';

const scoopName = (what: 'app' | 'bucket') =>
  z
    .string({ error: rule(what === 'app' ? 'rule.appName' : 'rule.bucketName') })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, {
      error: rule(what === 'app' ? 'rule.appNameForm' : 'rule.bucketNameForm'),
    });

/** `host:port` as Scoop's `proxy` config expects it: no scheme; or the words none / default. */
const scoopProxy = z
  .string({ error: rule('rule.proxy') })
  .regex(/^(none|default|(currentuser@)?([^\s:@/]+(:[^\s@/]*)?@)?[A-Za-z0-9.-]+:\d{1,5})$/, {
    error: rule('rule.proxyForm'),
  });

export const scoopBucket = z.strictObject({
  name: scoopName('bucket').describe('The bucket (`scoop bucket add NAME`); the key it is merged by.'),
  url: gitUrl.optional().describe('Git URL; omit for known buckets (main, extras, versions, java, ...).'),
  mirror: gitUrl
    .optional()
    .describe('A copy to use when the main URL does not answer, e.g. a Gitee mirror.')
    .meta({ examples: ['https://gitee.com/scoop-installer/Extras'] }),
  ensure,
});

export const scoopApp = z.strictObject({
  name: scoopName('app').describe('The app (`scoop install NAME`); the key it is merged by.'),
  bucket: scoopName('bucket').optional().describe('The bucket it comes from; without it, Scoop looks in every bucket.'),
  global: z.boolean().default(false).describe('Install for all users (needs the elevated step).'),
  version: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, {
      error: rule('rule.appVersion'),
    })
    .optional()
    .describe("A version to install instead of the bucket's current one (`scoop install NAME@VERSION`).")
    .meta({ examples: ['21.0.2'] }),
  ensure,
});

export const scoopSection = z
  .strictObject({
    root: windowsPath.describe('Where user apps go (SCOOP), e.g. D:\\Softwares\\Scoop\\LocalApps.'),
    globalRoot: windowsPath.describe('Where global apps go (SCOOP_GLOBAL), e.g. D:\\Softwares\\Scoop\\GlobalApps.'),
    cacheDir: windowsPath
      .optional()
      .describe('Download cache (SCOOP_CACHE); defaults to <root>\\cache.')
      .meta({ examples: ['D:\\Softwares\\Scoop\\Cache'] }),
    proxy: scoopProxy
      .optional()
      .describe("Scoop's proxy: host:port without a scheme, user:pass@host:port, none, or default (Windows' settings).")
      .meta({ examples: ['127.0.0.1:7890'] }),
    installer: z
      .strictObject({
        url: httpsUrl.describe('Where install.ps1 is downloaded from.'),
        sha256: sha256.describe('sha256 of install.ps1: any other file is refused.'),
      })
      .describe(
        'The Scoop installer (install.ps1), pinned: it is downloaded, checked against sha256, then run; never `irm | iex`.',
      ),
    repo: z
      .strictObject({
        url: gitUrl
          .describe('scoop_repo: a mirror of Scoop itself.')
          .meta({ examples: ['https://gitee.com/scoop-installer/scoop'] }),
        branch: z
          .string()
          .regex(/^[A-Za-z0-9._/-]+$/, { error: rule('rule.gitBranch') })
          .default('master')
          .describe('scoop_branch: the branch of that repository.'),
      })
      .optional()
      .describe('Where Scoop updates itself from (scoop_repo, scoop_branch): a mirror of ScoopInstaller/Scoop.')
      .meta({ examples: [{ url: 'https://gitee.com/scoop-installer/scoop', branch: 'master' }] }),
    aria2: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe('aria2-enabled: Scoop downloads with aria2 (install the aria2 app).'),
        maxConnectionPerServer: z
          .number()
          .int()
          .min(1)
          .max(16, { error: rule('rule.aria2Connections') })
          .default(16)
          .describe('aria2-max-connection-per-server.'),
        split: z.number().int().min(1).max(64).default(16).describe('aria2-split: connections per download.'),
        minSplitSize: z
          .string()
          .regex(/^\d+[KM]?$/, { error: rule('rule.aria2Size') })
          .default('1M')
          .describe('aria2-min-split-size: the smallest part worth its own connection.'),
        warning: z.boolean().default(false).describe("Scoop's aria2 warning on every install."),
      })
      .prefault({})
      .describe("How Scoop downloads with aria2 (the aria2-* keys of Scoop's config.json)."),
    config: z
      .record(z.string().regex(/^[A-Za-z0-9_-]+$/, { error: rule('rule.scoopConfigKey') }), iniScalar)
      .default({})
      .describe('Other keys for ~/.config/scoop/config.json.')
      .meta({ examples: [{ use_lessmsi: true }] }),
    buckets: z
      .array(scoopBucket)
      .default([])
      .describe("Buckets to add; merged by name with a base manifest's (ensure: absent removes one)."),
    apps: z
      .array(scoopApp)
      .default([])
      .describe("Apps to install; merged by name with a base manifest's (ensure: absent removes one)."),
  })
  .superRefine((v, ctx) => {
    if (v.root.toLowerCase() === v.globalRoot.toLowerCase()) {
      ctx.addIssue({
        code: 'custom',
        path: ['globalRoot'],
        message: t('rule.globalRoot'),
      });
    }
  })
  .describe('Scoop, its buckets and apps.');
