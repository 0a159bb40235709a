import { build, type Plugin } from 'esbuild';
import type { ResolvedConfig, ResolvedShared } from './config.js';
import { esbuildFailure } from './build-error.js';
import { sourceOptions } from './esbuild-options.js';
import { matchShared } from './shared-match.js';

/**
 * Finds every share key the app needs to provide: the configured packages plus each subpath
 * imported anywhere, from app code or from inside shared packages ('react/jsx-runtime',
 * 'react-dom/client'). One esbuild pass that writes nothing.
 */
export async function scanShareKeys(config: ResolvedConfig): Promise<Map<string, ResolvedShared>> {
  const keys = new Map(Object.entries(config.shared));
  const roots = [...Object.values(config.exposes), ...(config.entry ? [config.entry] : [])];
  const provided = Object.values(config.shared).filter((s) => s.import).map((s) => s.key);
  const recorder: Plugin = {
    name: 'tessera-scan',
    setup(b) {
      b.onResolve({ filter: /^tessera-scan$/ }, () => ({ path: 'entry', namespace: 'tessera-scan' }));
      b.onLoad({ filter: /.*/, namespace: 'tessera-scan' }, () => ({
        contents: [...roots.map((file) => `import ${JSON.stringify(file)};`), ...provided.map((key) => `import ${JSON.stringify(key)};`)].join('\n'),
        resolveDir: config.root,
        loader: 'js',
      }));
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const s = matchShared(args.path, config.shared);
        if (!s) return undefined;
        if (!keys.has(args.path)) keys.set(args.path, { ...s, key: args.path });
        return s.import ? undefined : { path: args.path, external: true };
      });
      for (const remote of Object.keys(config.remotes)) {
        b.onResolve({ filter: new RegExp(`^${remote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`) }, (args) => ({ path: args.path, external: true }));
      }
    },
  };
  try {
    await build({ ...sourceOptions(config), entryPoints: ['tessera-scan'], write: false, outdir: config.outDir, plugins: [recorder] });
  } catch (error) {
    throw esbuildFailure(error, config);
  }
  return keys;
}
