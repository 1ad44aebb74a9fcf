/**
 * The streaming archive engine of backups: a folder tree → tar (tar-stream) → zstd frames (node:zlib) →
 * sha256 → `<file>.partial`, renamed only once complete; and back. Memory stays flat in the data
 * size: every stage is a stream with backpressure; only the per-file index (name → sha256) grows,
 * with the number of files. Entry names are `TOKEN/relative/path`; the last entry of every tree
 * archive is `.devbox-index.json`, the sha256 of every file, so a restore and `verify --deep` check
 * each file, not only the part.
 *
 * The engine is split by responsibility: tar-write.ts (archiving), tar-read.ts (reading, hashing),
 * container.ts (the `.devbox-backup` container), restore-fs.ts (what a restore writes), partial.ts
 * (atomic writes); this module is their one entry point (the backup core's ArchivePort).
 */
export { writeBytes, type ArchiveFacts } from './partial.js';
export * from './tar-write.js';
export * from './tar-read.js';
export * from './container.js';
export * from './restore-fs.js';
