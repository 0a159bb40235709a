import type { Plugin } from 'esbuild';
import type { ResolvedConfig } from './config.js';
import type { ShareKey } from './scan.js';
import { matchShared } from './shared-match.js';
import { consumeModule, containerModule, fallbackModule, hostEntryModule, remoteEntryModule, remoteModule } from './virtual-modules.js';

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
 * - `tessera-fallback:<key>` is the app's own copy, bundled as its own chunk;
 * - `<remote>/<path>` imports become `tessera-remote-module:<id>`.
 * `shareKeys` lists every share key to provide (configured packages and the subpaths found by the scan);
 * `seenKeys` collects the keys this build met, so a watcher can tell when the list grew.
 */
export function federationPlugin(config: ResolvedConfig, shareKeys: Map<string, ShareKey>, seenKeys: Set<string>): Plugin {
  return {
    name: 'tessera-federation',
    setup(build) {
      const resolveDir = config.root;
      build.onResolve({ filter: /^tessera:/ }, (args) => ({ path: args.path.slice('tessera:'.length), namespace: 'tessera' }));
      build.onResolve({ filter: /^tessera-fallback:/ }, (args) => ({ path: args.path.slice('tessera-fallback:'.length), namespace: 'tessera-fallback' }));
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.pluginData?.tesseraReal || args.path.startsWith('@tessera/runtime')) return undefined;
        const s = matchShared(args.path, config.shared);
        if (s) {
          seenKeys.add(args.path);
          return { path: args.path, namespace: 'tessera-consume' };
        }
        const remote = matchRemote(args.path, config);
        if (remote) return { path: remote, namespace: 'tessera-remote-module' };
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'tessera' }, (args) => {
        const contents =
          args.path === 'container' ? containerModule(config, shareKeys)
          : args.path === 'remote-entry' ? remoteEntryModule(config)
          : args.path === 'host-entry' ? hostEntryModule(config)
          : undefined;
        if (contents === undefined) return { errors: [{ text: `Unknown Tessera module tessera:${args.path}` }] };
        return { contents, resolveDir, loader: 'js' };
      });
      build.onLoad({ filter: /.*/, namespace: 'tessera-consume' }, (args) => ({ contents: consumeModule(args.path, shareKeys.get(args.path)), resolveDir, loader: 'js' }));
      build.onLoad({ filter: /.*/, namespace: 'tessera-remote-module' }, (args) => ({ contents: remoteModule(args.path), resolveDir, loader: 'js' }));
      build.onLoad({ filter: /.*/, namespace: 'tessera-fallback' }, async (args) => {
        const resolved = await build.resolve(args.path, { kind: 'require-call', resolveDir, pluginData: { tesseraReal: true } });
        if (resolved.errors.length) return { errors: resolved.errors };
        return { contents: fallbackModule(resolved.path), resolveDir, loader: 'js' };
      });
    },
  };
}
