/**
 * Every port devbox's core talks through, and the data that crosses it. The engine owns these
 * types; src/platform implements them (and only it touches processes and files), src/resources and
 * src/app use them. Nothing here imports from platform or resources.
 */
export * from './backup.js';
export * from './context.js';
export * from './guest.js';
export * from './host.js';
export * from './journal.js';
export * from './net.js';
export * from './run.js';
export * from './progress.js';
