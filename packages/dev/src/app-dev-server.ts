import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Metafile } from 'esbuild';
import { loadConfig, type ResolvedConfig } from '@tessera/build';
import { createDevBuild, type DevBuild } from './dev-build.js';
import { buildHotModules } from './hot-module.js';
import { isOwnSource, refreshTransformPlugin } from './refresh-transform.js';
import { createDevOutputServer } from './dev-output-server.js';
import { planUpdate } from './plan-update.js';
import { watchSources } from './source-watch.js';

/** Folder of an app's development output, inside the app (`dist/` stays the production build's). */
export const DEV_OUT_DIR = join('.tessera', 'dev');

export interface AppDevServerOptions {
  config: ResolvedConfig;
  /** The config file the app was loaded from, reloaded when it changes. */
  configFile?: string;
  /** 0: a free port. */
  port: number;
  host: string;
  /** Remote entries to use instead of the configured ones (remotes served by this dev session). */
  remoteOverrides: Record<string, string>;
  /** One line per event: builds, hot updates, reloads, errors. */
  log(line: string): void;
  /** Called after each successful build (`first`: the session's first build of the app). */
  onBuilt?(first: boolean): void;
}

/** One app's dev server: its URL, its current build, and `close()`. */
export interface AppDevServer {
  readonly name: string;
  readonly root: string;
  readonly url: string;
  readonly hasExposes: boolean;
  /** Starts building; resolves after the first build (failed or not: the server keeps going). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The config a development build uses: dev output folder, never minified, remotes of this session. */
function devConfigOf(config: ResolvedConfig, overrides: Record<string, string>): ResolvedConfig {
  const remotes = config.remotes.map((remote) => {
    const local = overrides[remote.name];
    const manifest = /\.json(\?|#|$)/.test(local ?? '');
    return local ? { ...remote, entry: local, entries: [{ url: local, manifest }], manifest, type: 'module' as const } : remote;
  });
  return { ...config, remotes, outDir: join(config.root, DEV_OUT_DIR), cleanOutDir: false, minify: false, dts: false };
}

const IGNORED = new Set(['node_modules', '.tessera', '.git', 'dist']);

/**
 * Moves an earlier session's output out of the way at once (a rename) and returns the folders to
 * remove: that one and any a stopped session left behind (`<dir>.old-*`).
 */
async function setAside(dir: string): Promise<string[]> {
  const aside = `${dir}.old-${process.pid}-${Date.now()}`;
  const renamed = await rename(dir, aside).then(() => true, async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') await rm(dir, { recursive: true, force: true });
    return false;
  });
  const prefix = `${basename(dir)}.old-`;
  const left = (await readdir(dirname(dir)).catch(() => [] as string[])).filter((name) => name.startsWith(prefix)).map((name) => join(dirname(dir), name));
  return [...new Set([...(renamed ? [aside] : []), ...left])];
}

/**
 * Listens on `port` at once (so every app's URL is known before any builds), then, on `start()`,
 * builds the app in development mode into `<app>/.tessera/dev/`, serves it (CORS open, no caching),
 * and rebuilds on every save in the app's folder. Each build becomes a message on the hot-update
 * channel (`ws://<host>/__tessera/hot`, announced in the dev manifest as `metaData.devServer`):
 * an update, a reload, or the build's errors. A failing build never stops the server; a change
 * of the config file starts the app's build over and reloads its pages.
 */
export async function createAppDevServer(options: AppDevServerOptions): Promise<AppDevServer> {
  let config = devConfigOf(options.config, options.remoteOverrides);
  const outDir = config.outDir;
  const { log } = options;
  const name = config.name;
  let build: DevBuild | undefined;
  let last: Metafile | undefined;
  let buildId = 0;
  let changed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let configChanged = false;
  let watcher: { close(): void } | undefined;
  let closed = false;

  const output = await createDevOutputServer({ name, outDir, port: options.port, host: options.host, idle: () => running, buildId: () => buildId });
  const broadcast = output.broadcast;
  const url = output.url;

  const fromRoot = (file: string) => relative(config.root, file).split(sep).join('/');

  /** Builds what changed since the last build and tells the pages. */
  const runBuild = async () => {
    const saved = changed;
    changed = new Set();
    if (configChanged) {
      configChanged = false;
      try {
        const fresh = await loadConfig(config.root, options.configFile);
        await build?.dispose();
        config = devConfigOf(fresh, options.remoteOverrides);
        build = await createDevBuild(config);
        last = undefined;
        log(`${name}  config changed: build started over`);
      } catch (error) {
        broadcast({ type: 'error', app: name, errors: [{ file: fromRoot(options.configFile ?? 'federation.config.ts'), text: (error as Error).message }] });
        log(`${name}  ${(error as Error).message}`);
        return;
      }
    }
    build ??= await createDevBuild(config);
    if (last && !(config.html && saved.has(config.html))) await fastPath(last, [...saved]);
    const outcome = await build.rebuild();
    if (outcome.kind === 'failed') {
      for (const file of saved) changed.add(file); // applied with the next good build
      broadcast({ type: 'error', app: name, errors: outcome.errors });
      log(`${name}  ${outcome.error.message.trim()}`);
      return;
    }
    buildId++;
    const previous = last;
    last = outcome.metafile;
    watchOutsideRoot(outcome.metafile);
    options.onBuilt?.(buildId === 1);
    if (!previous) {
      if (buildId > 1) broadcast({ type: 'reload', app: name, reason: 'the build started over' });
      else log(`${name}  built in ${outcome.buildMs} ms`);
      return;
    }
    if (outcome.newShares) {
      broadcast({ type: 'reload', app: name, reason: 'a new shared module must be negotiated' });
      return;
    }
    if (config.html && saved.has(config.html)) {
      broadcast({ type: 'reload', app: name, reason: `${fromRoot(config.html)} changed` });
      return;
    }
    // Modules the fast path already gave the pages, unchanged since, are not imported again.
    for (const [file, source] of fastApplied) if (await readFile(file, 'utf8').catch(() => undefined) === source) saved.delete(file);
    fastApplied.clear();
    const plan = planUpdate({ root: config.root, outDir, previous, next: outcome.metafile, changed: saved });
    if (plan.kind === 'reload') {
      broadcast({ type: 'reload', app: name, reason: plan.reason });
      log(`${name}  reload: ${plan.reason} (${outcome.buildMs} ms)`);
      return;
    }
    broadcast({ type: 'update', app: name, buildId, modules: plan.modules, css: plan.css, buildMs: outcome.buildMs });
    const what = [...plan.modules.map((m) => m.id), ...plan.css.map((c) => c.to)];
    if (what.length) log(`${name}  hot update ${what.join(', ')} (${outcome.buildMs} ms)`);
  };

  const fastApplied = new Map<string, string>();
  const hotRefresh = refreshTransformPlugin(name, config.root);
  /** Gives the pages the saved modules at once when they can take the fast path (see buildHotModules). */
  const fastPath = async (previous: Metafile, files: string[]) => {
    const started = performance.now();
    const sources = await Promise.all(files.map((file) => readFile(file, 'utf8').catch(() => undefined)));
    const modules = await buildHotModules(config, previous, files, hotRefresh);
    if (!modules?.length) return;
    files.forEach((file, i) => sources[i] !== undefined && fastApplied.set(file, sources[i]!));
    broadcast({ type: 'update', app: name, buildId, modules, css: [], buildMs: Math.round(performance.now() - started) });
    log(`${name}  hot update ${modules.map((m) => m.id).join(', ')} (${Math.round(performance.now() - started)} ms, fast path)`);
  };

  /** Folders of the app's own modules that lie outside its root (workspace packages such as @shop/contracts), watched too. */
  const outsideWatchers = new Map<string, FSWatcher>();
  const watchOutsideRoot = (metafile: Metafile) => {
    if (closed) return;
    for (const input of Object.keys(metafile.inputs)) {
      if (/^[a-z-]+:/.test(input) || !input.startsWith('..')) continue;
      const file = resolve(config.root, input);
      const dir = dirname(file);
      if (!isOwnSource(file) || outsideWatchers.has(dir)) continue;
      try {
        outsideWatchers.set(dir, watch(dir, (_event, filename) => {
          if (!filename) return;
          changed.add(join(dir, filename));
          schedule();
        }));
      } catch {
        // a folder that went away: nothing to watch
      }
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    // Editors write a file in several steps: wait for the last event of one save.
    timer = setTimeout(() => {
      running = running.then(runBuild).catch((error) => log(`${name}  ${(error as Error)?.stack ?? error}`));
    }, 5);
  };

  const configFile = options.configFile && resolve(config.root, options.configFile);
  const isConfig = (file: string) => (configFile ? file === configFile : /^federation\.config\.[mc]?[jt]s$/.test(basename(file)) && resolve(file, '..') === config.root);

  return {
    name,
    root: config.root,
    url,
    hasExposes: Object.keys(config.exposes).length > 0,
    async start() {
      // The session fills in the URLs of its remotes once every server listens.
      config = devConfigOf(options.config, options.remoteOverrides);
      const earlier = await setAside(outDir);
      await mkdir(outDir, { recursive: true });
      running = running.then(runBuild).catch((error) => log(`${name}  ${(error as Error)?.stack ?? error}`));
      await running;
      // The earlier sessions' output goes once this app is built: removing it is no part of the start.
      void Promise.all(earlier.map((dir) => rm(dir, { recursive: true, force: true }))).catch(() => {});
      if (closed) return;
      watcher = watchSources(config.root, (first) => IGNORED.has(first), (file) => {
        if (file.startsWith(outDir)) return;
        if (isConfig(file)) configChanged = true;
        changed.add(file);
        schedule();
      });
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
      for (const w of outsideWatchers.values()) w.close();
      await running.catch(() => {});
      await build?.dispose();
      await output.close();
    },
  };
}
