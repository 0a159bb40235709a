import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, context, type BuildOptions, type Metafile } from 'esbuild';
import type { ResolvedConfig } from './config.js';
import { esbuildFailure } from './build-error.js';
import { sourceOptions } from './esbuild-options.js';
import { federationPlugin } from './federation-plugin.js';
import { emitDeclarations, type DeclarationsResult } from './declarations.js';
import { finishBuild } from './finish-build.js';
import { scanShareKeys, type ShareKey } from './scan.js';

/** One output file: its size and its gzipped size (gzip level 9), in bytes. */
export interface OutputFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildReport {
  name: string;
  outDir: string;
  /** Wall time of the whole build, in ms. */
  durationMs: number;
  files: OutputFile[];
  /** Share keys the app provides or consumes, subpaths included. */
  shareKeys: string[];
  /** Time spent writing declarations, in ms (0 when skipped). */
  declarationsMs: number;
}

/** esbuild options of one app's federation build; `tessera dev` extends them for its development build. */
export function buildOptions(config: ResolvedConfig, shareKeys: Map<string, ShareKey>, seenKeys: Set<string>): BuildOptions {
  const entryPoints = [
    ...(Object.keys(config.exposes).length ? [{ in: 'tessera:remote-entry', out: 'remoteEntry' }] : []),
    ...(config.entry ? [{ in: 'tessera:host-entry', out: 'main' }] : []),
  ];
  return {
    ...sourceOptions(config),
    entryPoints,
    outdir: config.outDir,
    format: 'esm',
    splitting: true,
    minify: config.minify,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    metafile: true,
    write: true,
    plugins: [federationPlugin(config, shareKeys, seenKeys), ...config.esbuild.plugins],
  };
}

function report(config: ResolvedConfig, files: string[], started: number, shareKeys: Map<string, ShareKey>, declarations?: DeclarationsResult): BuildReport {
  return {
    declarationsMs: declarations?.durationMs ?? 0,
    name: config.name,
    outDir: config.outDir,
    durationMs: Math.round(performance.now() - started),
    files: files.map((file) => {
      const content = readFileSync(join(config.outDir, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    }),
    shareKeys: [...shareKeys.keys()].sort(),
  };
}

/**
 * Builds one app into `config.outDir`: `remoteEntry.js` (if it exposes), `main.js` behind the
 * async boundary (if it has an entry), content-hashed chunks for each exposed module and each
 * shared fallback, their CSS, `mf-manifest.json`, and the HTML page.
 * Throws TESSERA_BUILD_FAILED with esbuild's errors (file:line:column).
 */
export async function buildApp(config: ResolvedConfig): Promise<BuildReport> {
  const started = performance.now();
  const shareKeys = await scanShareKeys(config);
  let metafile: Metafile;
  // esbuild works in its own process while the TypeScript compiler writes declarations here.
  const bundling = build(buildOptions(config, shareKeys, new Set()));
  bundling.catch(() => {});
  const declarations = declarationsOf(config);
  try {
    metafile = (await bundling).metafile!;
  } catch (error) {
    throw esbuildFailure(error, config);
  }
  return report(config, finishBuild(config, metafile, shareKeys, declarations), started, shareKeys, declarations);
}

function declarationsOf(config: ResolvedConfig): DeclarationsResult | undefined {
  return config.dts && Object.keys(config.exposes).length ? emitDeclarations(config) : undefined;
}

/**
 * Builds, then rebuilds on every change of a source file (esbuild's watch mode). Each build ends
 * with `onBuild(report)` or `onBuild(undefined, error)`. Resolves once the first build is done.
 */
export async function watchApp(
  config: ResolvedConfig,
  onBuild: (report: BuildReport | undefined, error?: unknown) => void,
): Promise<{ close(): Promise<void> }> {
  let closed = false;
  let current: Awaited<ReturnType<typeof context>> | undefined;
  const start = async (): Promise<void> => {
    const shareKeys = await scanShareKeys(config);
    const seenKeys = new Set<string>();
    let started = performance.now();
    const options = buildOptions(config, shareKeys, seenKeys);
    let firstBuild: () => void;
    const firstDone = new Promise<void>((resolve) => (firstBuild = resolve));
    options.plugins!.push({
      name: 'tessera-watch',
      setup(b) {
        b.onStart(() => {
          started = performance.now();
        });
        b.onEnd((result) => {
          try {
            if (result.errors.length) throw esbuildFailure(result, config);
            if ([...seenKeys].some((key) => !shareKeys.has(key))) {
              // A new shared subpath appeared: its provider must be declared, so start over.
              setTimeout(() => void restart(), 0);
              return;
            }
            const declarations = declarationsOf(config);
            onBuild(report(config, finishBuild(config, result.metafile!, shareKeys, declarations), started, shareKeys, declarations));
          } catch (error) {
            onBuild(undefined, error);
          } finally {
            firstBuild();
          }
        });
      },
    });
    current = await context(options);
    await current.watch();
    await firstDone;
  };
  const restart = async () => {
    await current?.dispose();
    if (!closed) await start().catch((error) => onBuild(undefined, error));
  };
  await start();
  return {
    async close() {
      closed = true;
      await current?.dispose();
    },
  };
}
