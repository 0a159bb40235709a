import { relative, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import type { ResolvedConfig } from './config.js';
import type { ShareKey } from './scan.js';
import { matchShared } from './shared-match.js';
import {
  consumeModule, containerModule, fallbackGroupModule, fallbackGroups, fallbackModule, hostEntryModule, remoteEntryModule, remoteModule, runtimeApiModule,
} from './virtual-modules.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Remote module id of a bare import ('catalog/ProductList'), if it names a configured remote. */
function matchRemote(specifier: string, config: ResolvedConfig): string | undefined {
  const slash = specifier.indexOf('/');
  const name = slash === -1 ? specifier : specifier.slice(0, slash);
  return config.remotes.some((r) => r.name === name) && slash > 0 ? specifier : undefined;
}

/**
 * The federation build as one esbuild plugin:
 * - `tessera:remote-entry`, `tessera:host-entry`, `tessera:container`: generated entry and runtime setup;
 * - every import of a shared package or its subpaths, from app code or from inside other shared
 *   packages (react-dom's `require('react')`), becomes `tessera-consume:<key>`, which reads the
 *   negotiated module from the runtime;
 * - `tessera-fallback:<key>` is a factory of the app's own copy; `tessera-shared-group:<package>`
 *   bundles the fallbacks of a package and its subpaths as one chunk;
 * - `<remote>/<path>` imports become `tessera-remote-module:<id>`;
 * - the app's own imports of `@tessera/runtime` become `tessera-runtime-api` (the runtime the
 *   entry picked, see `runtimeApiModule`); `tessera:runtime` is the runtime package itself.
 * Consume, remote-module and runtime-api modules are made once per importer (esbuild's `suffix`),
 * so each lands in its importer's chunk instead of a chunk of its own.
 * `shareKeys` lists every share key to provide (configured packages and the subpaths found by the scan);
 * `seenKeys` collects the keys this build met, so a watcher can tell when the list grew.
 * `prebuilt`: the groups (and a remote's runtime chunk) the shared-fallback pass built already,
 * which this build imports as they are (external) instead of bundling them. `snapshot`: remotes'
 * manifests by URL, read by the build (`snapshot: true`), for the runtime's `init`.
 */
/** Files the fallback pass built (fallback-pass.ts), by path relative to outDir: each shared group's, and a remote's own runtime chunk's. */
export interface PrebuiltFiles {
  groupFiles: Map<string, string>;
  runtimeFile?: string;
}

export function federationPlugin(
  config: ResolvedConfig, shareKeys: Map<string, ShareKey>, seenKeys: Set<string>, prebuilt?: PrebuiltFiles, snapshot?: Record<string, unknown>,
): Plugin {
  return {
    name: 'tessera-federation',
    setup(build) {
      const resolveDir = config.root;
      const groups = fallbackGroups(config, shareKeys);
      const perImporter = (importer: string) => `?in=${relative(resolveDir, importer).split(sep).join('/')}`;
      build.onResolve({ filter: /^tessera:runtime$/ }, (args) =>
        prebuilt?.runtimeFile && args.kind === 'dynamic-import' ? { path: `./${prebuilt.runtimeFile}`, external: true }
        : build.resolve('@tessera/runtime', { kind: args.kind, resolveDir, pluginData: { tesseraReal: true } }));
      build.onResolve({ filter: /^tessera:/ }, (args) => ({ path: args.path.slice('tessera:'.length), namespace: 'tessera' }));
      build.onResolve({ filter: /^tessera-shared-group:/ }, (args) => {
        const group = args.path.slice('tessera-shared-group:'.length);
        const file = prebuilt?.groupFiles.get(group);
        // Built by the shared-fallback pass (fallback-pass.ts): the container imports its file, next to it in outDir.
        return file ? { path: `./${file}`, external: true } : { path: group, namespace: 'tessera-shared-group' };
      });
      build.onResolve({ filter: /^@tessera\/runtime$/ }, (args) =>
        args.pluginData?.tesseraReal ? undefined : { path: 'runtime', namespace: 'tessera-runtime-api', suffix: perImporter(args.importer) });
      build.onResolve({ filter: /^tessera-fallback:/ }, (args) => ({ path: args.path.slice('tessera-fallback:'.length), namespace: 'tessera-fallback' }));
      // Only shared packages (and their subpaths) and remote ids reach this callback: every other
      // import stays inside esbuild, with no round trip to this thread (which counts in watch rebuilds).
      const prefixes = [...Object.keys(config.shared).map((key) => `${escape(key)}(?:/|$)`), ...config.remotes.map(({ name }) => `${escape(name)}/`)];
      if (prefixes.length) build.onResolve({ filter: new RegExp(`^(?:${prefixes.join('|')})`) }, (args) => {
        if (args.pluginData?.tesseraReal || args.path.startsWith('@tessera/runtime')) return undefined;
        const s = matchShared(args.path, config.shared);
        if (s) {
          seenKeys.add(args.path);
          return { path: args.path, namespace: 'tessera-consume', suffix: perImporter(args.importer) };
        }
        const remote = matchRemote(args.path, config);
        if (remote) return { path: remote, namespace: 'tessera-remote-module', suffix: perImporter(args.importer) };
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'tessera' }, (args) => {
        const contents =
          args.path === 'container' ? containerModule(config, shareKeys, snapshot)
          : args.path === 'remote-entry' ? remoteEntryModule(config)
          : args.path === 'host-entry' ? hostEntryModule(config)
          : undefined;
        if (contents === undefined) return { errors: [{ text: `Unknown Tessera module tessera:${args.path}` }] };
        return { contents, resolveDir, loader: 'js' };
      });
      build.onLoad({ filter: /.*/, namespace: 'tessera-consume' }, (args) => ({ contents: consumeModule(args.path, shareKeys.get(args.path), config.name), resolveDir, loader: 'js' }));
      build.onLoad({ filter: /.*/, namespace: 'tessera-remote-module' }, (args) => ({ contents: remoteModule(args.path, config.name), resolveDir, loader: 'js' }));
      build.onLoad({ filter: /.*/, namespace: 'tessera-runtime-api' }, async () => ({ contents: runtimeApiModule(config.name, await runtimeExportNames()), resolveDir, loader: 'js' }));
      build.onLoad({ filter: /.*/, namespace: 'tessera-shared-group' }, (args) => {
        const keys = groups.get(args.path);
        if (!keys) return { errors: [{ text: `No shared fallbacks of ${args.path}` }] };
        return { contents: fallbackGroupModule(keys), resolveDir, loader: 'js' };
      });
      build.onLoad({ filter: /.*/, namespace: 'tessera-fallback' }, async (args) => {
        const resolved = await build.resolve(args.path, { kind: 'require-call', resolveDir, pluginData: { tesseraReal: true } });
        if (resolved.errors.length) return { errors: resolved.errors };
        return { contents: fallbackModule(resolved.path), resolveDir, loader: 'js' };
      });
    },
  };
}

let exportNames: Promise<string[]> | undefined;
/** The names `@tessera/runtime` exports, read only when an app imports it (not at every start). */
function runtimeExportNames(): Promise<string[]> {
  exportNames ??= import('@tessera/runtime').then((module) => Object.keys(module));
  return exportNames;
}
