import { existsSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildContext, Metafile, Plugin } from 'esbuild';
import {
  buildOptions, esbuildFailure, finishBuild, sameShareKeys, sharedFallbacks, shareKeysOf, sourceOptions, withFallbacks, writeSharedFallbacks,
  type ResolvedConfig, type SharedFallbacks, type ShareKey,
} from '@tessera/build';
import type { FederationError } from '@tessera/runtime';
import { appModules, moduleEntriesOf } from './app-modules.js';
import { readModuleList, writeModuleList } from './module-list-cache.js';
import { refreshTransformPlugin } from './refresh-transform.js';
import { context } from './esbuild-api.js';

/** One development build's outcome. */
export type DevBuildOutcome =
  | { kind: 'built'; metafile: Metafile; buildMs: number; /** A new shared subpath appeared: pages must load again to negotiate it. */ newShares: boolean }
  | { kind: 'failed'; error: FederationError; errors: { file?: string; line?: number; column?: number; text: string }[] };

export interface DevBuild {
  /** Builds again what changed since the last call (esbuild's incremental rebuild). */
  rebuild(): Promise<DevBuildOutcome>;
  dispose(): Promise<void>;
}

const CLIENT = 'tessera-dev:client';

/** The browser side of `tessera dev`, compiled next to this file. */
function clientModulePath(): string {
  const js = fileURLToPath(new URL('./client/connect.js', import.meta.url));
  return existsSync(js) ? js : js.replace(/\.js$/, '.ts');
}

/** Puts the dev client in front of every entry: it joins the page's Fast Refresh runtime and subscribes to this app's hot-update channel. */
function devClientPlugin(app: string): Plugin {
  return {
    name: 'tessera-dev-client',
    setup(build) {
      build.onResolve({ filter: /^tessera-dev:client$/ }, (args) => ({ path: args.path, namespace: 'tessera-dev' }));
      build.onLoad({ filter: /.*/, namespace: 'tessera-dev' }, () => ({
        contents: `import { connectApp } from ${JSON.stringify(clientModulePath())};\nconnectApp(${JSON.stringify(app)}, import.meta.url);\n`,
        loader: 'js',
        resolveDir: dirname(clientModulePath()),
      }));
    },
  };
}

/**
 * The federation build of one app in development mode, incremental: React's development build
 * (`NODE_ENV=development`), linked source maps, no minification, every app module its own entry
 * point (so a hot update imports just the changed module's file), oxc-transform's Fast Refresh
 * registration, and the dev client in every entry; the shared fallbacks built by a pass of their own
 * (fallback-pass.ts), kept in node_modules/.cache/tessera between sessions. Output goes to `config.outDir`; files of earlier
 * builds stay (pages still holding their URLs keep working). The build's own pieces (`buildOptions`,
 * `shareKeysOf` with its cache, `finishBuild`) are reused as they are.
 * When the app's module list or its share keys change, the next `rebuild` starts a new context.
 */
export async function createDevBuild(config: ResolvedConfig): Promise<DevBuild> {
  let ctx: BuildContext | undefined;
  let modules: string[] = [];
  let shareKeys: Map<string, ShareKey>;
  let cachedKeys = false;
  let seenKeys = new Set<string>();
  /** Whether the module list of the current context is in the cache (module-list-cache.ts). */
  let listKept = false;

  let fallbacks: SharedFallbacks;
  /** What development mode changes in both passes (the shared fallbacks' and the app's): React's development build, source maps, no minification. */
  const development = {
    minify: false,
    sourcemap: 'linked' as const,
    define: { ...sourceOptions(config).define, 'process.env.NODE_ENV': '"development"' },
  };
  const open = async (known?: string[], scan = false) => {
    await ctx?.dispose();
    // The production build's share keys when its cache is fresh (share-keys-cache.ts), else a scan, then the shared
    // fallbacks' development build (fallback-pass.ts, from its cache when fresh); side by side with the module list.
    // The module list: given, else the last session's (checked against the build below), else a pass of its own.
    const withShared = async () => {
      const keys = await shareKeysOf(config, { scan });
      return { keys, fallbacks: await sharedFallbacks(config, keys.shareKeys, { kind: 'dev', ...development }) };
    };
    let shared;
    const kept = known ? undefined : readModuleList(config);
    [shared, modules] = await Promise.all([withShared(), known ?? kept ?? appModules(config)]);
    ({ shareKeys, cached: cachedKeys } = shared.keys);
    fallbacks = shared.fallbacks;
    writeSharedFallbacks(config, fallbacks);
    // A list read from the cache is there already (the rebuild opens again with the modules it found if they differ).
    listKept = !!kept;
    seenKeys = new Set(fallbacks.seenKeys);
    const base = buildOptions(config, shareKeys, seenKeys, fallbacks);
    ctx = await context({
      ...base,
      entryPoints: [
        ...(base.entryPoints as { in: string; out: string }[]),
        ...modules.map((file) => ({ in: file, out: basename(file, extname(file)) })),
      ],
      ...development,
      inject: [CLIENT],
      plugins: [devClientPlugin(config.name), refreshTransformPlugin(config.name, config.root), ...(base.plugins ?? [])],
    });
  };

  const rebuild = async (): Promise<DevBuildOutcome> => {
    const started = performance.now();
    try {
      if (!ctx) await open();
      let result = await ctx!.rebuild();
      const found = moduleEntriesOf(result.metafile!, config);
      const newKeys = [...seenKeys].some((key) => !shareKeys.has(key));
      // Cached share keys that list a subpath the sources no longer import: scan, as the production build does.
      const staleKeys = !newKeys && cachedKeys && !sameShareKeys(config, shareKeys, seenKeys);
      if (newKeys || staleKeys || found.join('\n') !== modules.join('\n')) {
        // A module appeared or went away, or a new shared subpath: a new context with the new lists.
        await open(newKeys || staleKeys ? undefined : found, newKeys || staleKeys);
        result = await ctx!.rebuild();
      }
      if (!listKept) {
        writeModuleList(config, modules);
        listKept = true;
      }
      const metafile = withFallbacks(result.metafile!, fallbacks);
      await finishBuild(config, metafile, shareKeys, undefined, { integrity: false });
      return { kind: 'built', metafile, buildMs: Math.round(performance.now() - started), newShares: newKeys };
    } catch (cause) {
      const error = esbuildFailure(cause, config);
      const raw = (cause as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
      const errors = raw?.length
        ? raw.map((e) => ({ text: e.text, ...(e.location ? { file: e.location.file, line: e.location.line, column: e.location.column + 1 } : {}) }))
        : [{ text: (cause as Error)?.message ?? String(cause) }];
      return { kind: 'failed', error, errors };
    }
  };

  return {
    rebuild,
    async dispose() {
      await ctx?.dispose();
      ctx = undefined;
    },
  };
}
