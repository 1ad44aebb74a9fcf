// Release files written by scripts/dist.mjs beside the executables (also used by test/dist).

/** install.ps1 with a release's version and the sha256 of devbox-win-x64.exe in place of its placeholders. */
export function pinInstaller(text, version, sha256) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`not a version: ${version}`);
  const pinned = text
    .replace(/^\$PinnedVersion = '.*'$/m, `$PinnedVersion = '${version}'`)
    .replace(/^\$PinnedSha256 = '.*'$/m, `$PinnedSha256 = '${sha256}'`);
  if (!pinned.includes(`$PinnedSha256 = '${sha256}'`) || !pinned.includes(`$PinnedVersion = '${version}'`))
    throw new Error('install.ps1 has no $PinnedVersion / $PinnedSha256 line');
  return pinned;
}

/** SHA256SUMS in the format `sha256sum -c` reads. */
export function sha256Sums(sums) {
  return Object.entries(sums)
    .map(([name, hex]) => `${hex}  ${name}\n`)
    .join('');
}
