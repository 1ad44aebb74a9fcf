/**
 * Turns a validated manifest into resources. The areas (one folder each, `./<area>/index.ts`) are
 * plug-ins listed in registry.ts; this module is the entry point the app layer uses.
 */
export { areaChecks, areas, checkDependencies, compileResources, UnknownDependencyError } from './registry.js';
export type { Area, CheckReport, Compiled, Handle } from './area.js';
