import { relative, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { build } from './esbuild-api.js';
import type { ResolvedConfig, SharedPackage } from './config.js';
import { esbuildFailure } from './build-error.js';
import { sourceOptions } from './esbuild-options.js';
import { matchShared } from './shared-match.js';

/** A share key the app provides or consumes, with the module format of the app's own copy. */
export interface ShareKey extends SharedPackage {
  /** 'esm' when the app's own copy is an ES module: its consumers then get ES module semantics. */
  format: 'esm' | 'cjs';
  /** Export names of the app's own copy, for ESM copies. */
  exports: string[];
  /**
   * A subpath whose package imports the package's own key ('react-dom/client' → 'react-dom'): it
   * never loads without it, so their fallbacks share a chunk. Absent in caches of older builds.
   */
  needsPackage?: boolean;
}

/** What a scan learnt of one installed shared module file; installed packages do not change during a process. */
interface ModuleFacts {
  format: 'esm' | 'cjs';
  exports: string[];
  /** Share keys imported from inside its package (react-dom → react), transitively, with the files they resolved to. */
  nestedKeys: [key: string, path: string | undefined][];
}
const factsByPath = new Map<string, ModuleFacts>();

/** 'node_modules/react-dom/cjs/x.js' → 'node_modules/react-dom'; undefined outside node_modules. */
function packageRootOf(file: string): string | undefined {
  const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
  return match?.[1];
}

/**
 * Finds every share key the app needs to provide: the configured packages plus each subpath
 * imported anywhere, from app code or from inside shared packages ('react/jsx-runtime',
 * 'react-dom/client'); and, for ES module copies, their export names, so that imports of them keep
 * ES module semantics in every importer. esbuild passes that write nothing; what they learn of
 * installed packages is kept for the rest of the process (watch mode, several apps per process).
 */
export async function scanShareKeys(config: ResolvedConfig): Promise<Map<string, ShareKey>> {
  const found = new Map<string, SharedPackage>(Object.entries(config.shared));
  const paths = new Map<string, string>();
  const keysInsidePackage = new Map<string, Set<string>>();
  const roots = [...Object.values(config.exposes), ...(config.entry ? [config.entry] : [])];
  const provided = Object.values(config.shared).filter((s) => s.import).map((s) => s.key);
  const note = (key: string) => {
    const s = matchShared(key, config.shared);
    if (s && !found.has(key)) found.set(key, { ...s, key });
  };
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
        note(args.path);
        const inside = packageRootOf(args.importer);
        if (inside) (keysInsidePackage.get(inside) ?? keysInsidePackage.set(inside, new Set()).get(inside)!).add(args.path);
        if (!s.import) return { path: args.path, external: true };
        const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { tesseraScan: true } });
        if (resolved.errors.length) return { errors: resolved.errors };
        if (!paths.has(args.path)) paths.set(args.path, resolved.path);
        const known = factsByPath.get(resolved.path);
        if (known) {
          for (const [key, path] of known.nestedKeys) {
            note(key);
            if (path && !paths.has(key)) paths.set(key, path);
          }
          return { path: resolved.path, external: true };
        }
        return { path: resolved.path, sideEffects: resolved.sideEffects };
      });
      for (const { name: remote } of config.remotes) {
        b.onResolve({ filter: new RegExp(`^${remote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`) }, (args) => ({ path: args.path, external: true }));
      }
    },
  };
  const fromRoot = (abs: string) => relative(config.root, abs).split(sep).join('/');
  try {
    const { metafile } = await build({
      ...sourceOptions(config), entryPoints: ['tessera-scan'], write: false, outdir: config.outDir, metafile: true, plugins: [recorder, ...config.esbuild.plugins],
    });
    const fresh = [...new Set(paths.values())].filter((path) => !factsByPath.has(path));
    const esm = fresh.filter((path) => metafile.inputs[fromRoot(path)]?.format === 'esm');
    const exportsByPath = new Map<string, string[]>();
    if (esm.length) {
      const names = await build({ ...sourceOptions(config), entryPoints: esm, write: false, outdir: config.outDir, metafile: true });
      for (const path of esm) {
        exportsByPath.set(path, Object.values(names.metafile.outputs).find((o) => o.entryPoint === fromRoot(path))?.exports ?? []);
      }
    }
    const nested = (root: string | undefined, seen = new Set<string>()): string[] => {
      if (!root || seen.has(root)) return [];
      seen.add(root);
      return [...(keysInsidePackage.get(root) ?? [])].flatMap((key) => [key, ...nested(packageRootOf(paths.get(key) ?? ''), seen)]);
    };
    for (const path of fresh) {
      factsByPath.set(path, {
        format: exportsByPath.has(path) ? 'esm' : 'cjs',
        exports: exportsByPath.get(path) ?? [],
        nestedKeys: [...new Set(nested(packageRootOf(path)))].map((key) => [key, paths.get(key)]),
      });
    }
  } catch (error) {
    throw esbuildFailure(error, config);
  }
  return new Map(
    [...found].map(([key, s]) => {
      const facts = factsByPath.get(paths.get(key) ?? '');
      const needsPackage = key !== s.packageName && !!facts?.nestedKeys.some(([nested]) => nested === s.packageName);
      return [key, { ...s, format: facts?.format ?? 'cjs', exports: facts?.exports ?? [], needsPackage }];
    }),
  );
}
