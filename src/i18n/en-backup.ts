/**
 * The English texts of `devbox backup`, `backup verify` and `restore` (src/ui/backup.ts, src/backup,
 * src/app/backup.ts): what they print, the restore plan's steps and conflicts, and their errors.
 * Part of the English catalogue (en.ts).
 */
export const enBackup = {
  // What the commands print (src/ui/backup.ts).
  'backup.wouldBackUp': (p: { parts: string; output: string }) =>
    `Would back up ${p.parts} into ${p.output} (nothing written).`,
  'backup.written': (p: { path: string }) => `Backup written: ${p.path}`,
  'backup.partSizes': (p: { raw: string; entries: number }) => `(${p.raw} raw, ${p.entries} entries)`,
  'backup.note': (p: { note: string }) => `note: ${p.note}`,
  'backup.verifyOk': 'OK',
  'backup.verifyDamaged': 'DAMAGED',
  'backup.verdict': (p: { verdict: string; path: string; deep: boolean }) =>
    `${p.verdict}: ${p.path}${p.deep ? ' (deep)' : ''}`,
  'backup.partOk': 'ok',
  'backup.partFailed': 'FAILED',
  'backup.restorePlan': 'Restore plan:',
  'backup.restorePlanDryRun': 'Restore plan (dry run: nothing written):',
  'backup.from': (p: { from: 'backup' | 'download' | 'machine'; elevated: boolean }) =>
    `[from ${p.from}${p.elevated ? ', elevated' : ''}]`,
  'backup.space': (p: { path: string; needed: string; free: string }) =>
    `space: ${p.path}: ${p.needed} needed, ${p.free} free`,
  'backup.conflict': 'conflict:',
  'backup.done': (p: { what: string }) => `done: ${p.what}`,
  'backup.noDrift': 'Status: no drift.',
  'backup.drift': 'Status: drift',
  'backup.driftIn': (p: { ids: string }) => `in ${p.ids}`,

  // The restore plan (src/backup/restore-plan.ts).
  'restore.badAs': (p: { name: string }) =>
    `--as ${p.name}: a distribution name is letters, digits, ".", "_" and "-" only, not starting with "-", such as Ubuntu-restored.`,
  'restore.badDistroName': (p: { name: string }) => `its distro name ${p.name} is not one WSL accepts`,
  'restore.badDefaultUser': (p: { user: string }) => `its default user ${p.user} is not a Linux user name`,
  'restore.distroExists': (p: { name: string }) =>
    `A distro named ${p.name} is already registered: restore it under another name with --as NEW, ` +
    'or confirm replacing it (--replace).',
  'restore.halfRestored': (p: { name: string }) =>
    `${p.name} was left by an interrupted restore: it will be unregistered and imported again.`,
  'restore.stepImport': (p: { replace: boolean; name: string; dir: string; bytes: number }) =>
    `${p.replace ? 'replace' : 'import'} WSL distro ${p.name} into ${p.dir} (wsl --import … -, ${p.bytes} bytes)`,
  'restore.stepDefaultUser': (p: { user: string }) =>
    `set its default user back to ${p.user} (every import resets it to root)`,
  'restore.stepPersist': (p: { scoop: string; global: string; entries: number }) =>
    `restore persist/ into ${p.scoop} and ${p.global} (${p.entries} entries)`,
  'restore.stepBuckets': (p: { buckets: string }) => `add buckets into ${p.buckets} from git bundles (no network)`,
  'restore.stepCache': (p: { cache: string }) => `restore the download cache into ${p.cache}`,
  'restore.stepSecrets': (p: { keys: string }) => `decrypt config.json secrets (${p.keys})`,
  'restore.stepApps': (p: { apps: string }) =>
    `install ${p.apps} app(s) at their recorded versions, then scoop reset *`,
  'restore.stepConfig': (p: { path: string; change: 'create' | 'same' | 'replace' }) =>
    `${
      p.change === 'create'
        ? `write ${p.path}`
        : p.change === 'same'
          ? `leave ${p.path} as it is (it holds the backed-up one)`
          : `replace ${p.path} with the backed-up one (the one there is copied first into %LOCALAPPDATA%\\devbox\\backups\\restore-TIME)`
    }; save the backed-up manifest with paths mapped`,
  'restore.stepImages': (p: { refs: string; bytes: number }) =>
    `docker load ${p.refs} (${p.bytes} bytes) from the backup, nothing downloaded, before the cluster is recreated`,
  'restore.stepCluster': 'recreate the cluster with devbox up (its configuration is in the restored manifest)',
  'restore.sameScoopRoots': (p: { path: string }) =>
    `SCOOP and SCOOP_GLOBAL would both be ${p.path}: global apps need a folder of their own (--map SCOOP_GLOBAL=PATH).`,
  'restore.noScoopRoot': 'The backup has no SCOOP root: give one with --map SCOOP=PATH.',
  'restore.noSpace': (p: { path: string; needed: number; free: number }) =>
    `Not enough free space for ${p.path} (one volume): ${p.needed} bytes needed (plus 5%), ${p.free} free.`,

  // Restoring (src/backup/restore.ts).
  'restore.cannotStart': (p: { conflicts: string }) =>
    `The restore cannot start:\n${p.conflicts}\nNothing was written.`,
  'restore.secretsLeftOut': (p: { keys: string }) =>
    `Scoop's secrets (${p.keys}) are left out: no passphrase given (--passphrase-file FILE or DEVBOX_BACKUP_PASSPHRASE restores them).`,
  'restore.wroteWslconfig': (p: { path: string; original: string | null }) =>
    p.original ? `wrote ${p.path} (the one there before is kept as ${p.original})` : `wrote ${p.path}`,
  'restore.dryRunStopped': 'The restore would stop here, before writing anything: resolve the conflicts above.',
  'restore.provingPart': (p: { file: string; name: string }) =>
    `checking that ${p.file} decompresses whole before ${p.name} is replaced`,
  'restore.distroKept': (p: { name: string }) => `The registered distro ${p.name} was left as it is.`,
  'restore.wslconfigSame': (p: { path: string }) => `${p.path} already holds the backed-up one: left as it is`,
  'restore.wslconfigBusy': (p: { path: string; error: string }) =>
    `${p.path} is held open by another program: ${p.error}. Close it and run the restore again.`,
  'restore.wslconfigRace': (p: { path: string }) =>
    `${p.path} kept changing while devbox replaced it: nothing was written. Run the restore again.`,
  'restore.savedManifest': (p: { path: string }) => `saved the backed-up manifest, paths mapped, as ${p.path}`,
  'restore.imported': (p: { name: string; dir: string }) => `imported ${p.name} into ${p.dir}`,
  'restore.defaultUserSet': (p: { name: string; user: string }) => `default user of ${p.name}: ${p.user}`,
  'restore.noManage': (p: { name: string; user: string }) =>
    `This WSL has no --manage: set the default user of ${p.name} to ${p.user} in /etc/wsl.conf ([user] default=).`,
  'restore.wslFailed': (p: { command: string; output: string }) => `${p.command} failed: ${p.output}`,
  'restore.importFailed': (p: { name: string; exit: string; output: string }) =>
    `wsl --import ${p.name} failed (exit ${p.exit}): ${p.output}`,
  'restore.notAPartName': 'not a part name devbox writes',

  // Reading and verifying a backup (src/backup/verify.ts).
  'backup.notABackup': (p: { path: string; why: string }) => `${p.path} is not a complete devbox backup: ${p.why}`,
  'backup.notABackupFix':
    'The backup is damaged, or was not written by devbox backup: make a new one with devbox backup -o PATH.',
  // What a path given as a backup is, when it is not one (src/backup/verify.ts, checkBackupPath).
  'backup.notRegular': (p: { path: string; what: string }) =>
    `${p.path} is ${p.what}, not a backup folder or a .devbox-backup file.`,
  'backup.whatCharDevice': 'a character device',
  'backup.whatBlockDevice': 'a block device',
  'backup.whatFifo': 'a named pipe',
  'backup.whatSocket': 'a socket',
  'backup.notPlainFile': (p: { file: string; what: string }) => `${p.file} is ${p.what}, not a plain file`,
  'backup.whatOther': 'neither a regular file nor a folder',
  'backup.folderNoManifest': (p: { path: string; file: string }) =>
    `${p.path} is a folder without ${p.file}: not a backup folder.`,
  'backup.folderNoManifestFix':
    'Give the folder that devbox backup -o wrote: it holds manifest.json, written last (a backup that was ' +
    'interrupted is left as PATH.partial instead).',
  'backup.fileNotContainer': (p: { path: string }) =>
    `${p.path} is a file that is not a .devbox-backup container (its name does not end in .devbox-backup).`,
  'backup.fileNotContainerFix':
    'Give the folder or the .devbox-backup file that devbox backup -o wrote; a container that was renamed needs ' +
    'its .devbox-backup ending back.',
  'backup.partialLeft': (p: { path: string }) =>
    `${p.path} is what an interrupted devbox backup left (.partial): it is not a complete backup.`,
  'backup.onlyPartial': (p: { path: string; partial: string }) =>
    `${p.path} does not exist, but ${p.partial} does: an interrupted devbox backup left it, and it is not a complete backup.`,
  'backup.partialLeftFix':
    'Make a new backup with devbox backup -o PATH (it starts over), then delete the .partial one.',
  'backup.fileMissing': (p: { file: string }) => `${p.file} is missing`,
  'backup.notJson': (p: { file: string }) => `${p.file} is not valid JSON (damaged)`,
  'backup.newer': (p: { path: string; schema: number; supported: number }) =>
    `${p.path} was written by a newer devbox (backup schema ${p.schema}); this devbox reads schema ${p.supported}.`,
  'backup.newerFix': 'Update devbox (devbox self-update), then run the command again.',
  'backup.schemaMismatch': (p: { file: string; schema: number; at: string; problem: string }) =>
    `${p.file} does not match schema ${p.schema}: ${p.at}: ${p.problem}`,
  'backup.notFound': (p: { path: string }) => `not found: ${p.path}`,
  'backup.notFoundHint': 'Give the folder or the .devbox-backup file that devbox backup -o wrote.',
  'backup.firstMember': (p: { name: string; file: string }) => `its first member is ${p.name}, not ${p.file}`,
  'backup.notTar': (p: { error: string }) => `cannot read it as a tar container (${p.error})`,

  // Backing up (src/backup/backup.ts, src/app/backup.ts).
  'backup.folderUnusable': (p: { output: string; folder: string; code: string }) =>
    `-o ${p.output}: its folder ${p.folder} cannot be used (${p.code}).`,
  'backup.folderUnusableFix':
    'Choose a path with -o in a folder you can write, such as D:\\Backups\\devbox.devbox-backup.',
  'backup.exists': (p: { output: string }) => `${p.output} already exists: a backup never overwrites one.`,
  'backup.existsFix': 'Choose a new path with -o.',
  'backup.noClusterImages': '--with-images: the manifest has no cluster, so no images were saved.',
  'backup.needsZstd': (p: { node: string }) =>
    `Backups need zstd from node:zlib (Node >= 22.15); this is Node ${p.node}.`,
  'backup.needsZstdFix': 'Use the devbox executable (it embeds Node 24), or upgrade Node.',
  'backup.verifyNeedsZstd': (p: { node: string }) =>
    `Verifying needs zstd from node:zlib (Node >= 22.15); this is Node ${p.node}.`,
  'backup.windowsOnly': 'devbox backup and restore run on Windows (they back up WSL, Scoop and Windows files).',
  // Why a part failed verification (src/backup/verify.ts).
  'backup.problemTruncated': (p: { bytes: number; expected: number }) => `truncated: ${p.bytes} of ${p.expected} bytes`,
  'backup.problemSize': (p: { bytes: number; expected: number }) =>
    `has ${p.bytes} bytes, the manifest says ${p.expected}`,
  'backup.problemNotTarZstd': (p: { error: string }) => `does not decompress or is not a tar (${p.error})`,
  'backup.problemNotZstd': (p: { error: string }) => `does not decompress (${p.error})`,
  'backup.problemEntries': (p: { entries: number; expected: number }) =>
    `holds ${p.entries} entries, the manifest says ${p.expected}`,
  'backup.problemFilesDiffer': (p: { files: string }) => `files differ from the archive's index: ${p.files}`,
  'backup.problemNoIndex': 'its closing index is missing',
  'backup.problemNotJson': 'is not valid JSON',
  'backup.problemUnreadable': (p: { error: string }) => `cannot be read (${p.error})`,
  'backup.problemSha256': "damaged: its sha256 differs from the one the backup's manifest.json records",
  'backup.problemNotInContainer': (p: { reason: string | undefined }) =>
    `missing from the container (${p.reason ?? 'truncated?'})`,
  'backup.problemMissing': 'missing',
  'backup.damagedHint': 'Run devbox backup verify --deep on the backup.',
  // Why a .devbox-backup container cannot be read further (src/platform/backup/container.ts).
  'archive.endsEarly': (p: { length: number }) => `it ends at byte ${p.length} without tar's end`,
  'archive.twice': (p: { name: string }) => `member ${p.name} appears twice`,
  'archive.notAFile': 'it is not a regular file (a pipe, a device or a socket)',
  'archive.truncatedMember': (p: { bytes: number; size: number }) =>
    `truncated container member: ${p.bytes} of ${p.size} bytes`,
  'archive.headerChecksum': 'its tar header is damaged (checksum)',
  'archive.notUstar': 'its tar header is not ustar',
  'archive.notPlain': (p: { name: string }) => `member ${p.name} is not a plain file`,
  'archive.badName': (p: { name: string }) => `member name ${p.name} is not one devbox writes`,
  'archive.badSize': (p: { name: string }) => `member ${p.name} has a damaged size field`,
  'backup.onlyUnknown': (p: { value: string; kinds: string }) => `--only ${p.value}: expected one of ${p.kinds}.`,
  'backup.mapInvalid': (p: { value: string; tokens: string }) =>
    `--map ${p.value}: expected TOKEN=PATH with TOKEN one of ${p.tokens}.`,
  'backup.unknownRole': (p: { role: string; kind: string; roles: string }) =>
    `"${p.role}" is not a role of a ${p.kind} part (${p.roles})`,
  'backup.partTwice': (p: { what: string }) => `a second part of ${p.what}`,
  'backup.passphraseEmpty': (p: { file: string }) =>
    `--passphrase-file ${p.file} is empty: write the passphrase in it (one line).`,
  'backup.mapTwice': (p: { token: string; first: string; second: string }) =>
    `--map ${p.token} is given twice, as ${p.first} and as ${p.second}: give each root once.`,
  'backup.mapPath': (p: { value: string; problem: string }) => `--map ${p.value}: PATH ${p.problem}.`,
  'backup.outputEmpty': '-o is empty: give the backup folder, or a file ending in .devbox-backup.',
  'restore.wrongPassphrase':
    "The passphrase does not open the backup's secrets (wrong passphrase, or the secrets part was altered). Nothing was written.",
  'restore.wrongPassphraseFix':
    'Give the passphrase used for `devbox backup` (DEVBOX_BACKUP_PASSPHRASE or --passphrase-file).',
  'restore.wrongPassphraseSkip':
    'Or restore without the secrets: give no passphrase (no --passphrase-file, DEVBOX_BACKUP_PASSPHRASE unset); they are left out with a note.',
  'restore.diskFull': (p: { file: string; error: string }) =>
    `${p.file}: the disk it is restored to is full (${p.error}). Nothing of this part stays; free space there, or --map its root to another drive, and restore again.`,
  'restore.partChanged':
    "changed since it was verified: the bytes read now differ from the sha256 the backup's manifest.json records. Nothing of this part stays.",
  'restore.onlyNotHeld': (p: { kinds: string; held: string }) =>
    `--only ${p.kinds}: this backup holds no such part (it holds: ${p.held}). Nothing was restored.`,
  'restore.asWithoutDistro': (p: { name: string }) =>
    `--as ${p.name}: names the distro a restore imports (or loads the cluster's images into), and this restore does neither (the backup holds no such part, or --only leaves it out). Nothing was restored.`,
  'restore.onlyFix': (p: { held: string }) =>
    `Name in --only only what the backup holds (${p.held}), or leave --only out.`,
  'restore.asFix': 'Leave --as out, or restore the distro (or the cluster images) too.',
  'backup.outputTaken': (p: { output: string; kept: string; code: string }) =>
    `${p.output} was taken while the backup ran (${p.code}: something was put into the empty folder, or another program holds it): it is left as it is, and the finished backup is kept as ${p.kept}.`,
  'backup.outputTakenFix': (p: { kept: string }) =>
    `${p.kept} is complete: rename it as you like (devbox backup verify checks it).`,
  'restore.doneBefore': (p: { done: string }) => `Restored before it stopped, and kept as they are:\n${p.done}`,
  'restore.partsDamaged': (p: { count: number }) => `${p.count} parts`,
  'backup.mapExample': 'Example: --map SCOOP=E:\\Apps\\Scoop --map USERPROFILE=C:\\Users\\me',
  'backup.passphraseUnreadable': (p: { file: string }) => `--passphrase-file ${p.file}: cannot read it.`,
  'backup.badLevel': '--level must be 1..19 (zstd).',

  // Progress, notes and what was done, per part (src/backup/*-distro, *-scoop, images.ts).
  'backup.exporting': (p: { name: string; command: string; level: number }) =>
    `distro: exporting ${p.name} (${p.command}) through zstd -${p.level}`,
  'backup.scoopCounts': (p: { buckets: number; apps: number }) => `scoop: ${p.buckets} bucket(s), ${p.apps} app(s)`,
  'backup.bundleFailed': (p: { bucket: string; error: string }) =>
    `bucket ${p.bucket}: git bundle failed (${p.error}); archived its files instead`,
  'backup.notARepository': (p: { bucket: string }) =>
    `bucket ${p.bucket}: its .git is not a usable repository; archived its files`,
  'backup.secretsLeftOut': (p: { keys: string }) =>
    `Scoop's config.json holds secrets (${p.keys}): left out, since no passphrase was given ` +
    '(DEVBOX_BACKUP_PASSPHRASE or --passphrase-file).',
  'backup.dockerSave': (p: { refs: string; level: number }) =>
    `cluster: docker save ${p.refs} through zstd -${p.level}`,
  'restore.dockerLoad': (p: { file: string }) => `cluster: docker load from ${p.file}`,
  'restore.loadedImage': (p: { ref: string; id: string }) => `loaded ${p.ref} (${p.id}…) from the backup`,
  'backup.imageMissing': (p: { ref: string }) =>
    `cluster: --with-images: the image ${p.ref} is not in the distro's Docker Engine.`,
  'backup.imageMissingFix':
    "Run `devbox up --only 'cluster.*'` (it pulls or loads the node image), then back up again.",
  'backup.dockerSaveFailed': (p: { exit: string; stderr: string }) =>
    `docker save failed (exit ${p.exit}). ${p.stderr}`,
  'restore.imagesRecordDamaged': (p: { file: string }) =>
    `${p.file}: its record of images in manifest.json is damaged.`,
  'restore.imagesNeedDocker': (p: { reason: string }) =>
    `${p.reason}: the cluster's images in the backup cannot be loaded.`,
  'restore.imagesNeedDockerFix': 'then `devbox restore PATH --only cluster` loads them',
  'restore.dockerLoadFailed': (p: { file: string; exit: string; stderr: string }) =>
    `docker load from ${p.file} failed (exit ${p.exit}): ${p.stderr}`,
  'restore.dockerLoadWrongId': (p: { file: string; ref: string; id: string }) =>
    `docker load from ${p.file} did not give ${p.ref} (id ${p.id}).`,
  'restore.imagesUnreadable': (p: { file: string; error: string }) =>
    `cannot read ${p.file} from the backup: ${p.error}`,
  'restore.imagesUnreadableFix': 'check the backup with `devbox backup verify PATH --deep`',
  'restore.wslImport': (p: { command: string }) => `distro: ${p.command}`,
  'restore.bucketKept': (p: { bucket: string; scoop: string }) =>
    `bucket ${p.bucket} already exists in ${p.scoop}: kept as it is`,
  'restore.bucketBundle': (p: { bucket: string; commit: string }) => `bucket ${p.bucket} (bundle at ${p.commit})`,
  'restore.bucketFiles': (p: { bucket: string }) => `bucket ${p.bucket} (files)`,
  'restore.persistFiles': (p: { count: number }) => `persist: ${p.count} file(s)`,
  'restore.cacheFiles': (p: { count: number }) => `cache: ${p.count} file(s)`,
  'restore.bucketGitFailed': (p: { bucket: string; command: string; error: string }) =>
    `bucket ${p.bucket}: ${p.command} failed: ${p.error || 'no message'}. Nothing of this bucket was kept.`,
  'restore.noScoop': (p: { root: string }) =>
    `Scoop itself is not installed in ${p.root}: run devbox up with the restored manifest ` +
    '(it installs Scoop and the apps), then Scoop finds the restored buckets and persist.',
  'restore.scoopConfig': (p: { keys: string; file: string }) => `${p.file}: ${p.keys}`,
  'restore.scoopConfigFailed': (p: { keys: string; error: string }) =>
    `Scoop's config.json was not written (${p.keys}): ${p.error} Mend it, then run the restore again with --only scoop.`,
  'restore.bucketMissing': (p: { bucket: string }) => `bucket ${p.bucket} is listed in scoop.json but not in this part`,
  'restore.bucketGitHint': (p: { target: string }) =>
    `If the disk holding ${p.target} is full, free space and run the restore again; otherwise this backup was altered or not made by devbox: do not restore its buckets.`,
  'restore.scoopFailed': (p: { command: string; output: string }) => `${p.command} failed: ${p.output}`,
  'restore.appVersion': (p: { app: string; was: string; now: string }) =>
    `${p.app}: backed up at ${p.was}, now ${p.now}`,
  'restore.notInstalled': 'not installed',
  'restore.appsChecked': (p: { count: number }) => `apps: ${p.count} checked against their recorded versions`,
  'backup.unlistedMember': (p: { name: string; file: string }) => `it holds ${p.name}, which ${p.file} does not list`,
  'restore.notInBackup': (p: { path: string; reason: string }) => `not in ${p.path} (${p.reason})`,
  'restore.recordedById': (p: { refs: string }) =>
    `recorded ${p.refs} by id for devbox up (docker load keeps no digest)`,
  'restore.recordFailed': (p: { path: string; exit: number; stderr: string }) =>
    `the images were loaded, but ${p.path} could not be written in the distro (exit ${p.exit}): ${p.stderr}`,
  'restore.stepInstallScoop': (p: { root: string }) =>
    `install Scoop itself into ${p.root} as devbox up does, with its hosts entries ` +
    "(the backed-up manifest's installer, checked by sha256)",
  'restore.installScoopFailed': (p: { error: string }) =>
    `Installing Scoop itself and its hosts entries failed: ${p.error}`,
  'restore.stepHosts': (p: { names: string }) =>
    `write the hosts entries ${p.names} as devbox up does: resolved again for this machine over DoH and ` +
    'proved by TLS, not copied from the backup (before Scoop: its downloads depend on them)',
  'restore.hostsFailed': (p: { error: string }) => `Writing the hosts entries failed: ${p.error}`,
  'restore.noManifestForScoop':
    'Scoop itself and the hosts entries are not converged: they come from the backed-up manifest, which ' +
    'this restore does not save (add config to --only, or run devbox up with the manifest afterwards).',
  'backup.noDistro': (p: { name: string }) => `No WSL distribution named ${p.name} is registered.`,
  'backup.noDistroHint': 'Name it with --distro NAME, or leave the distro out with --only scoop,config,cluster.',
  'backup.noVhd': 'This WSL cannot export --format vhd (its wsl --help has no --format).',
  'backup.noVhdHint': 'Update WSL (wsl --update), or back up as tar (the default).',
  'backup.askTerminate': (p: { name: string }) =>
    `${p.name} is running. Stop it (wsl --terminate) so the export is consistent? Its programs will be closed.`,
  'backup.notStopped': (p: { name: string }) =>
    `${p.name} is running and was not stopped: a live export is not consistent.`,
  'backup.notStoppedHint': 'Answer yes, or pass --yes to stop it without asking.',
  'backup.distroBusy': (p: { name: string; state: string }) => `${p.name} is ${p.state}: WSL is busy with it.`,
  'backup.distroBusyHint':
    'Wait for it to finish; after an interrupted export a restart of Windows may be needed (microsoft/WSL#12627).',
  'backup.noScoopPart': 'Scoop is not installed: no Scoop part.',
  'restore.stepConfigManifestOnly': 'save the backed-up manifest, paths mapped (the backup holds no .wslconfig)',
} satisfies Record<string, string | ((params: never) => string)>;
