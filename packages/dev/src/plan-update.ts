import { relative, resolve, sep } from 'node:path';
import type { Metafile } from 'esbuild';
import { isOwnSource } from './refresh-transform.js';

/** What a rebuild means for the pages: modules to import again and stylesheets to swap, or a reload. */
export type UpdatePlan =
  | { kind: 'update'; modules: { id: string; url: string }[]; css: { from: string; to: string }[] }
  | { kind: 'reload'; reason: string };

export interface PlanInput {
  root: string;
  outDir: string;
  /** The last build the pages have. */
  previous: Metafile;
  next: Metafile;
  /** Files saved since `previous` (absolute paths). */
  changed: Iterable<string>;
}

/** Inputs of a module's file that are safe to run again: generated modules that only read what the runtime already loaded, and stylesheets (swapped on their own). */
const REREADABLE = /^tessera-(consume|remote-module):|\.css$/;

const posix = (path: string) => path.split(sep).join('/');

/**
 * Decides how the pages take a rebuild, as Vite's `updateModules` does for its module graph
 * (packages/vite/src/node/server/hmr.ts), on esbuild's output graph instead:
 * - a changed app module is imported again from its new file, when its code has a file of its own
 *   (the development build makes each app module an entry point); the page then keeps it only if
 *   it is a Fast Refresh boundary (it exports only components), and reloads otherwise;
 * - a changed stylesheet swaps every CSS file that now differs;
 * - anything else the build reads (an asset, a dependency, a module sharing its file with
 *   dependencies) reloads: never a stale page.
 */
export function planUpdate({ root, outDir, previous, next, changed }: PlanInput): UpdatePlan {
  const out = posix(relative(root, outDir));
  const inOut = (path: string) => (path.startsWith(`${out}/`) ? path.slice(out.length + 1) : path);
  const entries = (metafile: Metafile) =>
    new Map(Object.entries(metafile.outputs).filter(([, o]) => o.entryPoint).map(([path, o]) => [o.entryPoint!, { path, css: o.cssBundle }]));
  const before = entries(previous);
  const after = entries(next);
  const modules: { id: string; url: string }[] = [];
  for (const file of changed) {
    const input = posix(relative(root, file));
    if (!(input in next.inputs)) continue; // not (or no longer) part of the build
    if (/\.css$/.test(input)) continue;
    if (!isOwnSource(resolve(root, input))) return { kind: 'reload', reason: `${input} is not a module hot updates replace` };
    const entry = after.get(input);
    const holder = Object.entries(next.outputs).find(([path, o]) => path.endsWith('.js') && input in o.inputs);
    if (!entry || !holder) return { kind: 'reload', reason: `${input} has no file of its own` };
    const strangers = Object.keys(holder[1].inputs).filter((other) => !REREADABLE.test(other) && (/^[a-z-]+:/.test(other) || !isOwnSource(resolve(root, other))));
    if (strangers.length) return { kind: 'reload', reason: `${input} shares its file with ${strangers[0]}` };
    modules.push({ id: input, url: inOut(entry.path) });
  }
  const css: { from: string; to: string }[] = [];
  for (const [input, { css: to }] of after) {
    const from = before.get(input)?.css;
    if (from && to && from !== to) css.push({ from: inOut(from), to: inOut(to) });
  }
  return { kind: 'update', modules, css };
}
