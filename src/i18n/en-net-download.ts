/**
 * The English words of download progress (`net fetch`, src/ui/progress.ts) and of the rarer download
 * failures and server notes in src/net/download (a file that changed, a bad Content-Range or length,
 * a server that ignores Range). Part of the English catalogue (en.ts).
 */
export const enNetDownload = {
  'progress.connections': (p: { count: number }) => `${p.count} connection${p.count === 1 ? '' : 's'}`,
  'progress.eta': (p: { left: string }) => `ETA ${p.left}`,
  'progress.resumedFrom': (p: { size: string }) => `resumed from ${p.size}`,
  'fetch.skipped': (p: { message: string }) => `  skipped: ${p.message}`,
  'fetch.note': (p: { note: string }) => `  note: ${p.note}`,

  'download.noUrl': 'A download needs at least one URL.',
  'download.notUrl': (p: { url: string }) => `"${p.url}" is not a URL.`,
  'download.scheme': (p: { url: string }) => `${p.url}: only http:// and https:// URLs can be downloaded.`,
  'download.noDest': 'A download needs a destination unless it is pinned by sha256 and the cache is on.',
  'download.connections': (p: { max: number; got: number }) =>
    `connections must be a whole number from 1 to ${p.max} (got ${p.got}).`,
  'download.busy': (p: { pid: number; name: string }) =>
    `another devbox (pid ${p.pid}) is downloading ${p.name} right now`,
  'download.busyFix': (p: { lock: string }) =>
    `Wait for it to finish, or stop it. If no devbox is running, remove ${p.lock}.`,
  'download.otherVersion':
    'answered a range request with another version of the file (HTTP 200, new validators): the file changed',
  'download.noLongerHasByte': (p: { pos: number }) => `the file changed on the server (it no longer has byte ${p.pos})`,
  'download.sizeChanged': (p: { size: number; now: string }) =>
    `the file changed on the server while downloading (it was ${p.size} bytes, now ${p.now})`,
  'download.unknown': 'unknown',
  'download.none': 'none',
  'download.gotRange': (p: { asked: string; got: string }) => `asked for bytes ${p.asked}, got Content-Range ${p.got}`,
  'download.moreThanLength': (p: { length: number }) => `sent more than its Content-Length of ${p.length} bytes`,
  'download.sizeSays': (p: { source: string; size: number; expected: number }) =>
    `${p.source} says the file is ${p.size} bytes, expected ${p.expected}`,
  'download.theServer': 'The server',
  'download.wrongLength': (p: { length: number; range: string; bytes: number }) =>
    `wrong Content-Length: ${p.length} for Content-Range ${p.range} (${p.bytes} bytes)`,
  'download.refusedRange': (p: { range: string }) => `refused the range bytes=${p.range} (HTTP 416)`,
  'download.truncated': (p: { what: string; received: number; expected: string; reason: string }) =>
    `truncated body: ${p.what} stopped after ${p.received} of ${p.expected} bytes (${p.reason})`,
  'download.theDownload': 'the download',
  'download.bytes': (p: { range: string }) => `bytes ${p.range}`,
  'download.endedEarly': 'the server ended the body early',
  'download.failed': 'the download failed',
  'download.ignoresRange': (p: { detail: string; wasted: number }) =>
    `${p.detail} (the server ignores Range, so every retry starts again from byte 0; ` +
    `gave up after one retry's worth (${p.wasted} bytes sent twice))`,
  'download.noteStoppedRanges': 'stopped doing ranges (HTTP 200 after 206, same file): the rest came in one stream',
  'download.noteWrongRange': (p: { range: string }) =>
    `answered a range request with a wrong Content-Range (${p.range}): the rest came in one stream`,
  'download.noteWrongResume': (p: { range: string }) =>
    `answered a resume request with a wrong Content-Range (${p.range}): asked again without Range`,
  'download.noteIgnoredRange': (p: { pos: number }) =>
    `ignored Range when resuming at byte ${p.pos} (HTTP 200): read past the bytes already on disk`,
  'download.noteWrongFirstRange': (p: { range: string }) =>
    `answered a range request with a wrong Content-Range (${p.range}): downloaded in one stream`,
  'download.noteWholeFile':
    'advertises Accept-Ranges: bytes but answered a range request with the whole file (HTTP 200): downloaded in one stream',
} satisfies Record<string, string | ((params: never) => string)>;
