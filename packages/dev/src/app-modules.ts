import { relative, resolve, sep } from 'node:path';
import type { Metafile } from 'esbuild';
import { packageNameOf, type ResolvedConfig } from '@tessera/build';
import { isOwnSource } from './refresh-transform.js';
import { build } from './esbuild-api.js';

const assetLoaders = Object.fromEntries(
  ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.ico', '.woff', '.woff2', '.ttf', '.eot'].map((ext) => [ext, 'empty' as const]),
);

const inNodeModules = (file: string) => file.split(sep).includes('node_modules');
const isBare = (specifier: string) => /^[^./]/.test(specifier) && !/^[a-z-]+:/.test(specifier);
const isScript = (file: string) => /\.[cm]?[jt]sx?$/.test(file);

/**
 * The modules a development build makes entry points (absolute paths, sorted): every module of
 * the app's own code (workspace packages included, dependencies not), and every dependency the
 * app's code imports by name (not shared packages, not remotes). Each then has its own file, so a
 * hot update runs again exactly the module that changed, and never a second copy of a dependency.
 * One esbuild pass that bundles no dependency and writes nothing. A syntax error leaves only the
 * roots: the next good build finds the rest.
 */
export async function appModules(config: ResolvedConfig): Promise<string[]> {
  const roots = [...Object.values(config.exposes), ...(config.entry ? [config.entry] : [])];
  const dependencies = new Set<string>();
  try {
    const { metafile } = await build({
      absWorkingDir: config.root,
      entryPoints: roots,
      bundle: true,
      write: false,
      metafile: true,
      outdir: config.outDir,
      platform: 'browser',
      format: 'esm',
      jsx: 'automatic',
      loader: assetLoaders,
      logLevel: 'silent',
      plugins: [{
        name: 'tessera-dev-modules',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.pluginData?.tesseraDevModules || !isBare(args.path)) return undefined;
            const name = packageNameOf(args.path);
            if (name in config.shared || config.remotes.some((r) => r.name === name || r.name === args.path.split('/')[0])) return { external: true };
            const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { tesseraDevModules: true } });
            if (resolved.errors.length || resolved.external || !resolved.path) return { external: true };
            if (!inNodeModules(resolved.path)) return { path: resolved.path };
            if (isScript(resolved.path)) dependencies.add(resolved.path);
            return { external: true };
          });
        },
      }],
    });
    return [...new Set([...Object.keys(metafile.inputs).map((path) => resolve(config.root, path)).filter(isOwnSource), ...dependencies])].sort();
  } catch {
    return [...roots].sort();
  }
}

/**
 * What `appModules` finds, read off a finished build's graph (to tell when the list changed): the
 * modules reached from the roots through the app's own code, and the dependencies it imports by name.
 */
export function moduleEntriesOf(metafile: Metafile, config: ResolvedConfig): string[] {
  const { root } = config;
  const key = (file: string) => relative(root, file).split(sep).join('/');
  const own = new Set<string>();
  const dependencies = new Set<string>();
  const stack = [...Object.values(config.exposes), ...(config.entry ? [config.entry] : [])].map(key);
  while (stack.length) {
    const path = stack.pop()!;
    const file = resolve(root, path);
    if (own.has(file) || !metafile.inputs[path]) continue;
    if (isOwnSource(file)) own.add(file);
    for (const imported of metafile.inputs[path]!.imports) {
      if (imported.external || /^[a-z-]+:/.test(imported.path)) continue;
      const target = resolve(root, imported.path);
      if (!inNodeModules(target)) stack.push(imported.path);
      else if (imported.original && isBare(imported.original) && isScript(target)) dependencies.add(target);
    }
  }
  return [...new Set([...own, ...dependencies])].sort();
}
