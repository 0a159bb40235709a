import { existsSync, mkdirSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { BuildContext, Metafile } from 'esbuild';
import { context } from './esbuild-api.js';
import type { ResolvedConfig } from './config.js';
import { esbuildFailure } from './build-error.js';
import { buildOptions, landDeclarations, report, startDeclarations, type BuildReport } from './build.js';
import type { DeclarationsResult, IsolatedDeclarationsCache } from './declarations.js';
import { sharedFallbacks, withFallbacks, writeSharedFallbacks } from './fallback-pass.js';
import { finishBuild } from './finish-build.js';
import { scanShareKeys } from './scan.js';
import { writeShareKeys } from './share-keys-cache.js';

const CONFIG_FILE = /^federation\.config\.(ts|mts|js|mjs)$/;
const SOURCE_FILE = /\.([mc]?[jt]sx?|css|json)$/;

export interface WatchOptions {
  /** Loads the config again; given, a change of `federation.config.*` in the app's root restarts the watcher with it. */
  reloadConfig?: () => Promise<ResolvedConfig>;
}

/** Absolute paths of the app's own source files a build read (not packages, not generated modules). */
function sourceInputs(root: string, metafile: Metafile): Set<string> {
  return new Set(
    Object.keys(metafile.inputs)
      .filter((path) => !/^[\w-]+:/.test(path) && !path.includes('node_modules/'))
      .map((path) => (isAbsolute(path) ? path : join(root, path))),
  );
}

/**
 * Builds, then rebuilds on every change of a source file the build read: esbuild's incremental
 * context (`rebuild()`), started by the operating system's file events (fs.watch on the source
 * folders, no polling), so a one-line change is on disk in tens of ms. Declarations are re-emitted
 * after the JavaScript is written, only for the exposed modules whose files changed (the isolated
 * emitter keeps the rest), then added to the manifest. A change of `federation.config.*` restarts
 * with the reloaded config (`reloadConfig`); a new shared subpath restarts with a new scan.
 * Each build ends with `onBuild(report)` or `onBuild(undefined, error)`. Resolves once the first
 * build (JavaScript and declarations) is done.
 */
export async function watchApp(
  initialConfig: ResolvedConfig,
  onBuild: (report: BuildReport | undefined, error?: unknown) => void,
  options: WatchOptions = {},
): Promise<{ close(): Promise<void> }> {
  let config = initialConfig;
  let closed = false;
  let ctx: BuildContext | undefined;
  let rebuild: (() => Promise<void>) | undefined;
  const watchers = new Map<string, FSWatcher>();
  let inputs = new Set<string>();
  let generation = 0;
  let declarationsChain: Promise<unknown> = Promise.resolve();
  const declarationsCache: IsolatedDeclarationsCache = new Map();
  let lastDeclarations: DeclarationsResult | undefined;
  let running: Promise<void> | undefined;
  let landing: Promise<void> = Promise.resolve();
  let again = false;

  /** Runs `rebuild`, one at a time; changes during a build make one more build after it. */
  const schedule = (): void => {
    if (running) { again = true; return; }
    running = (async () => {
      do {
        again = false;
        await rebuild?.();
      } while (again && !closed);
    })().finally(() => { running = undefined; });
  };

  const watchFolders = (root: string): void => {
    const folders = new Set([...inputs].map((file) => dirname(file)));
    folders.add(root);
    for (const [folder, watcher] of watchers) if (!folders.has(folder)) { watcher.close(); watchers.delete(folder); }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      const watcher = watch(folder, (event, name) => {
        if (!name) return;
        const file = join(folder, name.toString());
        if (folder === root && CONFIG_FILE.test(basename(file)) && options.reloadConfig) {
          void restart(true);
          return;
        }
        // A changed input, or a new source file (an import may now resolve to it); never the output.
        // (loadConfig's temporary federation.config.ts.timestamp-*.mjs is neither.)
        if (inputs.has(file) || (event === 'rename' && SOURCE_FILE.test(file) && !file.includes('.timestamp-') && !file.startsWith(config.outDir))) schedule();
      });
      watcher.on('error', () => {});
      watchers.set(folder, watcher);
    }
  };

  const start = async (): Promise<void> => {
    const shareKeys = await scanShareKeys(config);
    writeShareKeys(config, shareKeys);
    // The shared fallbacks once per start (from the cache when fresh): a rebuild re-links only the app's own code.
    const fallbacks = await sharedFallbacks(config, shareKeys);
    writeSharedFallbacks(config, fallbacks);
    const seenKeys = new Set<string>(fallbacks.seenKeys);
    // Written here, not by esbuild: an incremental rebuild skips unchanged files, and finishBuild renames the entries away.
    ctx = await context({ ...buildOptions(config, shareKeys, seenKeys, fallbacks), write: false });
    const writtenHashes = new Map<string, string>();
    const current = ctx;
    const app = config;
    rebuild = async () => {
      const started = performance.now();
      const build = ++generation;
      let finished;
      try {
        const result = await current.rebuild();
        if ([...seenKeys].some((key) => !shareKeys.has(key))) {
          // A new shared subpath appeared: its provider must be declared, so start over.
          setTimeout(() => void restart(false), 0);
          return;
        }
        for (const file of result.outputFiles!) {
          if (writtenHashes.get(file.path) === file.hash && existsSync(file.path)) continue;
          mkdirSync(dirname(file.path), { recursive: true });
          writeFileSync(file.path, file.contents);
          writtenHashes.set(file.path, file.hash);
        }
        inputs = sourceInputs(app.root, result.metafile!);
        watchFolders(app.root);
        // Until this build's declarations land, the manifest keeps listing the last ones (hosts may read it meanwhile).
        finished = await finishBuild(app, withFallbacks(result.metafile!, fallbacks), shareKeys, lastDeclarations);
      } catch (error) {
        onBuild(undefined, error instanceof Error && 'errors' in error ? esbuildFailure(error, app) : error);
        return;
      }
      const javascriptMs = performance.now() - started;
      // The next change rebuilds the JavaScript at once; declarations follow in order, the newest landing.
      landing = declarationsChain.then(async () => {
        const emitted = await startDeclarations(app, declarationsCache);
        // A newer build wrote another manifest meanwhile: its own declarations will follow.
        if (build !== generation || closed) return;
        try {
          const landed = landDeclarations(app, finished, emitted);
          if (landed.declarations) lastDeclarations = landed.declarations;
          const built = await report(app, landed.files, started, javascriptMs, shareKeys, landed.declarations);
          if (landed.warning) built.warnings.push(landed.warning);
          onBuild(built);
        } catch (error) {
          onBuild(undefined, error);
        }
      });
      declarationsChain = landing;
    };
    schedule();
    await running;
    await landing;
  };

  let restarting: Promise<void> | undefined;
  const restart = (reload: boolean): Promise<void> => (restarting ??= restartNow(reload).finally(() => { restarting = undefined; }));
  const restartNow = async (reload: boolean): Promise<void> => {
    await running;
    const old = ctx;
    ctx = undefined;
    rebuild = undefined;
    await old?.dispose();
    if (closed) return;
    try {
      if (reload && options.reloadConfig) config = await options.reloadConfig();
      await start();
    } catch (error) {
      onBuild(undefined, error);
    }
  };

  // Until a build succeeds, the folders of the exposed modules and the entry are watched.
  inputs = new Set([...Object.values(config.exposes), ...(config.entry ? [config.entry] : [])]);
  watchFolders(config.root);
  try {
    await start();
  } catch (error) {
    onBuild(undefined, error);
  }
  return {
    async close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      await running;
      await landing;
      await ctx?.dispose();
    },
  };
}
