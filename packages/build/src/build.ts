import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';
import { build } from './esbuild-api.js';
import type { ResolvedConfig } from './config.js';
import { esbuildFailure } from './build-error.js';
import { chunkedOutputOptions, sourceOptions } from './esbuild-options.js';
import { federationPlugin, type PrebuiltFiles } from './federation-plugin.js';
import { sharedFallbacks, withFallbacks, writeSharedFallbacks } from './fallback-pass.js';
import { emitDeclarations, formatDeclarationProblems, TYPES_DIR, type DeclarationsResult, type IsolatedDeclarationsCache } from './declarations.js';
import { addManifestTypes, finishBuild, type FinishedBuild } from './finish-build.js';
import { gzipSizes } from './gzip-size-cache.js';
import type { ShareKey } from './scan.js';
import { sameShareKeys, shareKeysOf } from './share-keys-cache.js';
import { readManifestSnapshot, type ManifestSnapshot } from './manifest-snapshot.js';

/** One output file: its size and its gzipped size (gzip level 9), in bytes. */
export interface OutputFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildReport {
  name: string;
  outDir: string;
  /** Wall time of the whole build, declarations included, in ms. */
  durationMs: number;
  /** Wall time until the JavaScript, CSS, remote entry and manifest were written, in ms. */
  javascriptMs: number;
  files: OutputFile[];
  /** Share keys the app provides or consumes, subpaths included. */
  shareKeys: string[];
  /** Time spent writing declarations, in ms, alongside the bundling (0 when skipped). */
  declarationsMs: number;
  /** Which emitter wrote the declarations ('isolated': oxc; 'typescript': the fallback), if any. */
  declarationsEmitter?: DeclarationsResult['emitter'];
  /** What the user should fix: sources that do not satisfy isolatedDeclarations (file:line:column, the fix). */
  warnings: string[];
}

/**
 * esbuild options of one app's federation build (`seenKeys` collects the share keys it meets;
 * `prebuilt`: the files of the fallback pass, see fallback-pass.ts, imported as they are;
 * `snapshot`: the remotes' manifests the build read, written into the app's runtime setup);
 * `tessera dev` extends them for its development build.
 */
export function buildOptions(config: ResolvedConfig, shareKeys: Map<string, ShareKey>, seenKeys: Set<string>, prebuilt?: PrebuiltFiles, snapshot?: ManifestSnapshot): BuildOptions {
  const entryPoints = [
    ...(Object.keys(config.exposes).length ? [{ in: 'tessera:remote-entry', out: 'remoteEntry' }] : []),
    ...(config.entry ? [{ in: 'tessera:host-entry', out: 'main' }] : []),
    // A remote's own runtime, imported only where the page has no Tessera runtime of its protocol
    // (named, so the request list says what it is). A host bundles it into main.js instead.
    // (Built by the fallback pass when `prebuilt` names its file.)
    ...(Object.keys(config.exposes).length && !config.entry && !prebuilt?.runtimeFile ? [{ in: 'tessera:runtime', out: 'runtime' }] : []),
  ];
  return {
    ...sourceOptions(config),
    entryPoints,
    ...chunkedOutputOptions(config),
    write: true,
    plugins: [federationPlugin(config, shareKeys, seenKeys, prebuilt, snapshot?.manifests), ...config.esbuild.plugins],
  };
}

/** The report of a finished build; reads each output file, and gzips those it has no size of (gzip-size-cache.ts; on libuv's threads, not this one). */
export async function report(config: ResolvedConfig, files: string[], started: number, javascriptMs: number, shareKeys: Map<string, ShareKey>, declarations?: DeclarationsResult): Promise<BuildReport> {
  const durationMs = Math.round(performance.now() - started);
  const contents = files.map((file) => readFileSync(join(config.outDir, file)));
  const gzipped = await gzipSizes(config, contents);
  return {
    name: config.name,
    outDir: config.outDir,
    durationMs,
    javascriptMs: Math.round(javascriptMs),
    files: files.map((file, i) => ({ file, bytes: contents[i]!.length, gzipBytes: gzipped[i]! })),
    shareKeys: [...shareKeys.keys()].sort(),
    declarationsMs: declarations?.durationMs ?? 0,
    ...(declarations ? { declarationsEmitter: declarations.emitter } : {}),
    warnings: declarations ? formatDeclarationProblems(config, declarations.problems) : [],
  };
}

/** Whether the app's build writes declarations: `dts` on and something exposed. */
export function declaresTypes(config: ResolvedConfig): boolean {
  return config.dts && Object.keys(config.exposes).length > 0;
}

/** Starts the declarations (never rejects: a failure becomes a warning, the JavaScript stands). */
export function startDeclarations(config: ResolvedConfig, cache?: IsolatedDeclarationsCache): Promise<DeclarationsResult | Error> | undefined {
  return declaresTypes(config) ? emitDeclarations(config, cache).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))) : undefined;
}

/**
 * Adds finished declarations to the build's manifest (unless finishBuild already wrote them there:
 * `inManifest`) and to its files; an emit failure becomes a warning.
 */
export function landDeclarations(
  config: ResolvedConfig, finished: FinishedBuild, declarations: DeclarationsResult | Error | undefined, inManifest = false,
): { files: string[]; declarations?: DeclarationsResult; warning?: string } {
  if (!declarations) return { files: finished.files };
  if (declarations instanceof Error) return { files: finished.files, warning: `${config.name}: declarations were not written: ${declarations.message}` };
  const typeFiles = !finished.manifest ? [] : inManifest ? declarations.files.map((file) => `${TYPES_DIR}/${file}`) : addManifestTypes(config, finished.manifest, declarations);
  return { files: [...finished.files, ...typeFiles].sort(), declarations };
}

const PENDING = Symbol('pending');
/** The value of a promise that has already settled, else PENDING (never waits). */
export async function ifSettled<T>(promise: Promise<T> | undefined): Promise<T | typeof PENDING | undefined> {
  return promise && Promise.race([promise, Promise.resolve(PENDING)]);
}

/**
 * Builds one app into `config.outDir`: `remoteEntry.js` (if it exposes), `main.js` behind the
 * async boundary (if it has an entry), content-hashed chunks for each exposed module and each
 * shared fallback, their CSS, `mf-manifest.json`, the HTML page, and the declarations of the
 * exposes under `@types/` (`dts`). The JavaScript never waits for the declarations: both start
 * together, the JavaScript, CSS, entries and manifest are written first, and `metaData.types` is
 * added to the manifest when the declarations land. Resolves with the report once both are done.
 * Throws TESSERA_BUILD_FAILED with esbuild's errors (file:line:column).
 */
export async function buildApp(config: ResolvedConfig): Promise<BuildReport> {
  const started = performance.now();
  const declarations = startDeclarations(config);
  // Read while the share keys are found and the fallbacks built.
  const reading = config.snapshot ? readManifestSnapshot(config) : undefined;
  let { shareKeys, cached } = await shareKeysOf(config);
  let metafile: Metafile;
  try {
    /** The fallback pass (usually from the cache), then the app's own pass, which imports the fallbacks' files as they are. */
    const twoPasses = async (seen: Set<string>) => {
      const fallbacks = await sharedFallbacks(config, shareKeys);
      const app = (await build(buildOptions(config, shareKeys, seen, fallbacks, await reading))).metafile!;
      for (const key of fallbacks.seenKeys) seen.add(key);
      writeSharedFallbacks(config, fallbacks);
      return withFallbacks(app, fallbacks);
    };
    let seen = new Set<string>();
    metafile = await twoPasses(seen);
    if (cached && !sameShareKeys(config, shareKeys, seen)) {
      // The sources import another shared subpath than the cached list says: scan, build again.
      ({ shareKeys } = await shareKeysOf(config, { scan: true }));
      seen = new Set();
      metafile = await twoPasses(seen);
    }
  } catch (error) {
    await declarations; // never rejects; nothing keeps writing after the build failed
    throw esbuildFailure(error, config);
  }
  // Declarations done already (the isolated emitter usually is): the manifest is written once, with them.
  const early = await ifSettled(declarations);
  const ready = early !== PENDING && !(early instanceof Error) ? early : undefined;
  const snapshot = await reading;
  const finished = await finishBuild(config, metafile, shareKeys, ready, { snapshot: snapshot?.manifests });
  const javascriptMs = performance.now() - started;
  const landed = landDeclarations(config, finished, await declarations, !!ready);
  const result = await report(config, landed.files, started, javascriptMs, shareKeys, landed.declarations);
  if (landed.warning) result.warnings.push(landed.warning);
  result.warnings.push(...snapshot?.warnings ?? []);
  return result;
}

export { watchApp } from './watch.js';
