import { relative, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';
import type { ResolvedConfig, ResolvedShared } from './config.js';
import { esbuildFailure } from './build-error.js';
import { sourceOptions } from './esbuild-options.js';
import { matchShared } from './shared-match.js';

/** A share key the app provides or consumes, with the module format of the app's own copy. */
export interface ShareKey extends ResolvedShared {
  /** 'esm' when the app's own copy is an ES module: its consumers then get ES module semantics. */
  format: 'esm' | 'cjs';
  /** Export names of the app's own copy, for ESM copies. */
  exports: string[];
}

/**
 * Finds every share key the app needs to provide: the configured packages plus each subpath
 * imported anywhere, from app code or from inside shared packages ('react/jsx-runtime',
 * 'react-dom/client'); and, for ES module copies, their export names, so that imports of them keep
 * ES module semantics in every importer. Two esbuild passes that write nothing.
 */
export async function scanShareKeys(config: ResolvedConfig): Promise<Map<string, ShareKey>> {
  const found = new Map<string, ResolvedShared>(Object.entries(config.shared));
  const paths = new Map<string, string>();
  const roots = [...Object.values(config.exposes), ...(config.entry ? [config.entry] : [])];
  const provided = Object.values(config.shared).filter((s) => s.import).map((s) => s.key);
  const recorder: Plugin = {
    name: 'tessera-scan',
    setup(b) {
      b.onResolve({ filter: /^tessera-scan$/ }, () => ({ path: 'entry', namespace: 'tessera-scan' }));
      b.onLoad({ filter: /.*/, namespace: 'tessera-scan' }, () => ({
        contents: [...roots, ...provided].map((file) => `import ${JSON.stringify(file)};`).join('\n'),
        resolveDir: config.root,
        loader: 'js',
      }));
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.tesseraScan) return undefined;
        const s = matchShared(args.path, config.shared);
        if (!s) return undefined;
        if (!found.has(args.path)) found.set(args.path, { ...s, key: args.path });
        if (!s.import) return { path: args.path, external: true };
        const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { tesseraScan: true } });
        if (!paths.has(args.path) && !resolved.errors.length) paths.set(args.path, resolved.path);
        return resolved.errors.length ? { errors: resolved.errors } : { path: resolved.path, sideEffects: resolved.sideEffects };
      });
      for (const remote of Object.keys(config.remotes)) {
        b.onResolve({ filter: new RegExp(`^${remote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`) }, (args) => ({ path: args.path, external: true }));
      }
    },
  };
  const fromRoot = (abs: string) => relative(config.root, abs).split(sep).join('/');
  const esm: [string, string][] = [];
  const exportsByKey = new Map<string, string[]>();
  try {
    const { metafile } = await build({
      ...sourceOptions(config), entryPoints: ['tessera-scan'], write: false, outdir: config.outDir, metafile: true, plugins: [recorder],
    });
    for (const [key, path] of paths) if (metafile.inputs[fromRoot(path)]?.format === 'esm') esm.push([key, path]);
    if (esm.length) {
      const names = await build({
        ...sourceOptions(config), entryPoints: esm.map(([, path]) => path), write: false, outdir: config.outDir, metafile: true, format: 'esm',
      });
      for (const [key, path] of esm) {
        const output = Object.values(names.metafile.outputs).find((o) => o.entryPoint === fromRoot(path));
        exportsByKey.set(key, output?.exports ?? []);
      }
    }
  } catch (error) {
    throw esbuildFailure(error, config);
  }
  return new Map(
    [...found].map(([key, s]) => [key, { ...s, format: exportsByKey.has(key) ? 'esm' : 'cjs', exports: exportsByKey.get(key) ?? [] }]),
  );
}
