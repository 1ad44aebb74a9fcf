/**
 * The contract of an area: one folder under src/resources (`wsl`, `distro`, `network`, `hosts`,
 * `scoop`, `cluster`) whose name is the first part of its resources' type ids (`distro.apt` lives in
 * resources/distro/apt/). Its `index.ts` exports one `Area` value: the manifest section it reads,
 * the cross-field rules on it, and `compile`, which turns the section into resources and hands out
 * typed handles other areas depend on. resources/registry.ts lists the areas and wires them.
 *
 * Dependencies are never written as id strings: a resource depends on a handle it was given, by
 * `resourceId(handle)`, and the registry rejects an id that no compiled resource has.
 */
import type { z } from 'zod';
import type { Resource } from '../engine/resource.js';
import type { Manifest } from '../manifest/schema/index.js';
import type { CheckReport } from '../manifest/checks.js';

/** Something a resource can depend on: `resourceId(handle)` is its id. Every Resource is one. */
export interface Handle {
  readonly type: string;
  readonly key: string;
}

export type { CheckReport } from '../manifest/checks.js';

/** What `compile` returns: the area's resources in manifest order, and its handles for the areas after it. */
export interface Compiled<H> {
  resources: Resource[];
  handles: H;
}

/**
 * One area as a plug-in.
 *
 * @typeParam S - what `select` picks from the manifest (the area's section, with anything it reads
 *   from other sections, e.g. `wsl.config.wsl2.networkingMode`).
 * @typeParam H - the handles the area gives the areas compiled after it.
 * @typeParam R - the handles it needs from areas compiled before it (`refs`); absent entries mean
 *   the manifest has no such section.
 */
export interface Area<S, H, R = Record<string, never>> {
  /** The folder name and type-id prefix. */
  readonly name: string;
  /**
   * The manifest section the area owns and its zod schema (the manifest's schema is built from
   * src/manifest/schema/, which stays free of resources; the area re-exports its part). Absent for
   * an area that reads part of another's section (network reads distro.network).
   */
  readonly schema?: { readonly key: keyof Manifest; readonly section: z.ZodType };
  /** The area's input, or undefined when the manifest asks nothing of it. Pure. */
  select(manifest: Manifest): S | undefined;
  /** Rules that span fields or sections, run on the typed manifest after the schema passed. Pure. */
  check?(manifest: Manifest, report: CheckReport): void;
  /** Resources for the input. Pure: builds values, never reads the machine. */
  compile(input: S, refs: Partial<R>): Compiled<H>;
}
