import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';
import { build } from './esbuild-api.js';
import type { ResolvedConfig } from './config.js';
import { chunkedOutputOptions, sourceOptions } from './esbuild-options.js';
import { fallbackCacheKey, readFallbackCache, writeFallbackCache } from './fallback-cache.js';
import { federationPlugin } from './federation-plugin.js';
import { markEagerFactoriesIn } from './eager-factories.js';
import type { ChunkFiles } from './chunk-files.js';
import { inlineHelperChunks } from './inline-helpers.js';
import type { ShareKey } from './scan.js';
import { fallbackGroups } from './virtual-modules.js';

/** What the shared-fallback pass made for one app. */
export interface SharedFallbacks {
  /** Output files by path relative to `outDir` ('react-dom-2LI5QCVC.js', its '.map'), as written to it. */
  files: Map<string, Uint8Array>;
  /** esbuild's metafile of the pass, paths relative to the app root (as the app pass's; see `withFallbacks`). */
  metafile: Metafile;
  /** Each group's file (`fallbackGroups`' names → path relative to `outDir`), for the app pass (`buildOptions`' `prebuilt`). */
  groupFiles: Map<string, string>;
  /** A remote's own runtime chunk (`tessera:runtime`, see `remoteEntryModule`), built here too: the same for every build of the app. */
  runtimeFile?: string;
  /** Share keys the fallbacks import (react-dom's `require('react')`). */
  seenKeys: string[];
  /** Whether the files came from node_modules/.cache/tessera. */
  cached: boolean;
}

/** How one pass differs from the production build: `tessera dev` builds React's development copy, unminified, with source maps. */
export type FallbackPassMode = Pick<BuildOptions, 'minify' | 'sourcemap' | 'define'> & { kind: 'build' | 'dev' };

/** The production build's pass: the app's `minify`, `sourcemap` and `define`. */
export const BUILD_PASS: FallbackPassMode = { kind: 'build' };

const RUNTIME_ENTRY = 'tessera:runtime';

/** Whether the app has a runtime chunk of its own: a remote without an entry (a host bundles the runtime into main.js). */
export function ownRuntime(config: ResolvedConfig): boolean {
  return Object.keys(config.exposes).length > 0 && !config.entry;
}

const fromRoot = (root: string, path: string) => relative(root, path).split(sep).join('/');

/** The esbuild options of the pass: the app's own source options, one entry point per fallback group. */
function passOptions(config: ResolvedConfig, shareKeys: Map<string, ShareKey>, groups: string[], mode: FallbackPassMode, seen: Set<string>): BuildOptions {
  const base = sourceOptions(config);
  const { kind: _, ...overrides } = mode;
  return {
    ...base,
    // Named as esbuild names a lazily loaded chunk: the last segment ('react-dom-[hash].js', 'jsx-runtime-[hash].js').
    entryPoints: [
      ...groups.map((group) => ({ in: `tessera-shared-group:${group}`, out: group.slice(group.lastIndexOf('/') + 1) })),
      ...(ownRuntime(config) ? [{ in: RUNTIME_ENTRY, out: 'runtime' }] : []),
    ],
    ...chunkedOutputOptions(config),
    write: false,
    ...overrides,
    plugins: [federationPlugin(config, shareKeys, seen), ...config.esbuild.plugins],
  };
}

/** Runs the pass: esbuild over every group, then esbuild's helper chunk copied into its importers, all in memory. */
async function runPass(config: ResolvedConfig, options: BuildOptions, seen: Set<string>): Promise<Omit<SharedFallbacks, 'cached'>> {
  const result = await build(options);
  const metafile = result.metafile!;
  const byPath = new Map(result.outputFiles!.map((file) => [fromRoot(config.root, file.path), file.contents]));
  const memory: ChunkFiles = {
    read: (path) => Buffer.from(byPath.get(path)!).toString('utf8'),
    write: (path, text) => byPath.set(path, Buffer.from(text)),
    remove: (path) => byPath.delete(path),
    has: (path) => byPath.has(path),
  };
  await inlineHelperChunks(config.root, metafile, memory);
  await markEagerFactoriesIn(memory, [...byPath.keys()]);
  const outDir = fromRoot(config.root, config.outDir);
  const toOutDir = (path: string) => path.slice(outDir.length + 1);
  const groupFiles = new Map<string, string>();
  let runtimeFile: string | undefined;
  // esbuild lists what a chunk import()s as an entry point too (the runtime's lazily loaded parts).
  const loadedLazily = new Set(Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path)));
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint || loadedLazily.has(path)) continue;
    if (output.entryPoint.startsWith('tessera-shared-group:')) groupFiles.set(output.entryPoint.slice('tessera-shared-group:'.length), toOutDir(path));
    // The pass's one other entry point: the runtime (its metafile names the package's file it resolved to).
    else runtimeFile = toOutDir(path);
  }
  const files = new Map([...byPath].map(([path, contents]) => [toOutDir(path), contents]));
  return { files, metafile, groupFiles, ...(runtimeFile ? { runtimeFile } : {}), seenKeys: [...seen].sort() };
}

/**
 * The app's shared fallbacks (`tessera-shared-group:<package>` chunks, see `fallbackGroups`) and a
 * remote's own runtime chunk (`tessera:runtime`), built in a pass of their own, as Vite pre-bundles dependencies (optimizeDeps): they reach their app
 * through `globalThis.__TESSERA_APPS__` (virtual-modules.ts' `appHandle`), never through an import
 * of the app's chunks (the runtime imports nothing of the app), so the app pass imports their files
 * as they are (`groupFiles`, `runtimeFile`). The pass's
 * output is kept in the app's node_modules/.cache/tessera (fallback-cache.ts) and reused while
 * nothing it depends on changed (`cache: false` in the config, or the CLI's `--no-cache`: built
 * every time, never kept); a reused pass gives the same bytes as a fresh one. Nothing is written to
 * `outDir` here: `writeSharedFallbacks` does. Rejects with esbuild's error when the pass fails.
 */
export async function sharedFallbacks(config: ResolvedConfig, shareKeys: Map<string, ShareKey>, mode: FallbackPassMode = BUILD_PASS): Promise<SharedFallbacks> {
  const groups = [...fallbackGroups(config, shareKeys).keys()];
  if (!groups.length && !ownRuntime(config)) return { files: new Map(), metafile: { inputs: {}, outputs: {} }, groupFiles: new Map(), seenKeys: [], cached: false };
  const seen = new Set<string>();
  const options = passOptions(config, shareKeys, groups, mode, seen);
  const key = config.cache ? fallbackCacheKey(config, shareKeys, options) : undefined;
  if (key) {
    const kept = readFallbackCache(config, mode.kind, key);
    if (kept) return { ...kept, cached: true };
  }
  const built = await runPass(config, options, seen);
  if (key) writeFallbackCache(config, mode.kind, key, built);
  return { ...built, cached: false };
}

/** Whether `path` holds exactly `contents` (then it is not written again: truncating and rewriting a file costs more than reading it). */
function holds(path: string, contents: Uint8Array): boolean {
  try {
    return statSync(path).size === contents.byteLength && Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength).equals(readFileSync(path));
  } catch {
    return false;
  }
}

/** Writes the pass's files into `outDir` (those not already there byte for byte). */
export function writeSharedFallbacks(config: ResolvedConfig, fallbacks: SharedFallbacks): void {
  for (const [file, contents] of fallbacks.files) {
    const path = join(config.outDir, file);
    if (holds(path, contents)) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
  }
}

// The outputs each `withFallbacks` metafile took from the fallback pass (`appPassOutputs`).
const fallbackOutputs = new WeakMap<Metafile, ReadonlySet<string>>();

/** The app pass's metafile with the fallback pass's inputs and outputs added: what finishBuild reads (chunk requirements, manifest, files kept). */
export function withFallbacks(metafile: Metafile, fallbacks: SharedFallbacks): Metafile {
  const merged = { inputs: { ...fallbacks.metafile.inputs, ...metafile.inputs }, outputs: { ...metafile.outputs, ...fallbacks.metafile.outputs } };
  fallbackOutputs.set(merged, new Set(Object.keys(fallbacks.metafile.outputs)));
  return merged;
}

/** The outputs of `metafile` that the app's own pass wrote: all of them, but for those a `withFallbacks` metafile took from the fallback pass. */
export function appPassOutputs(metafile: Metafile): string[] {
  const fromPass = fallbackOutputs.get(metafile);
  return Object.keys(metafile.outputs).filter((path) => !fromPass?.has(path));
}
