import { relative, resolve, sep } from 'node:path';
import type { Metafile, Plugin } from 'esbuild';
import { build } from './esbuild-api.js';
import { appHandle, packageNameOf, type ResolvedConfig } from '@tessera/build';
import { isOwnSource } from './refresh-transform.js';

/** Folder of hot modules inside the dev output. */
const HOT_DIR = 'hot';

const posix = (path: string) => path.split(sep).join('/');

/** Thrown inside the plugin when a module cannot take the fast path: the full rebuild handles it. */
class NotHotBuildable extends Error {}

/**
 * The fast path of a hot update: builds just the saved modules, each into one small file whose
 * imports point at the files the page already runs (other modules' files of the last build; shared
 * packages and remote modules through the app's handle on its runtime instance, `appHandle`), so the page gets the new code
 * before the full incremental rebuild is done. Returns the modules to import (`url` relative to
 * the dev output), or undefined when any of them cannot take this path (a new import, a CommonJS
 * dependency imported by name, an asset, a syntax error...): then only the full rebuild applies.
 * The same idea as Vite's serving of a single transformed module, on top of esbuild's output.
 */
export async function buildHotModules(
  config: ResolvedConfig,
  last: Metafile,
  files: string[],
  refreshPlugin: Plugin,
): Promise<{ id: string; url: string }[] | undefined> {
  const { root, outDir } = config;
  const out = posix(relative(root, outDir));
  const key = (file: string) => posix(relative(root, file));
  const entryOutput = new Map(Object.entries(last.outputs).filter(([, o]) => o.entryPoint).map(([path, o]) => [o.entryPoint!, path]));
  if (!files.every((file) => isOwnSource(file) && entryOutput.has(key(file)))) return undefined;
  const fromHot = (outputPath: string) => `../${outputPath.slice(out.length + 1)}`;
  const saved = new Set(files);

  const hotImports: Plugin = {
    name: 'tessera-dev-hot-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || !saved.has(args.importer) || args.pluginData?.tesseraHot) return undefined;
        const bare = /^[^./]/.test(args.path);
        if (bare && packageNameOf(args.path) in config.shared) return { path: args.path, namespace: 'tessera-hot-consume' };
        if (bare && config.remotes.some((r) => r.name === args.path.split('/')[0]) && args.path.includes('/')) return { path: args.path, namespace: 'tessera-hot-remote' };
        const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { tesseraHot: true } });
        if (resolved.errors.length || !resolved.path) throw new NotHotBuildable(args.path);
        if (resolved.path.endsWith('.css')) return { path: resolved.path, namespace: 'tessera-hot-css' };
        const input = key(resolved.path);
        const output = entryOutput.get(input);
        if (!output || (bare && last.inputs[input]?.format === 'cjs')) throw new NotHotBuildable(args.path);
        return { path: fromHot(output), external: true };
      });
      // Shared packages and remote modules: what the runtime already loaded, with CommonJS interop as the build's consumers.
      b.onLoad({ filter: /.*/, namespace: 'tessera-hot-consume' }, (args) => ({
        contents: `module.exports = ${appHandle(config.name)}.federation.consumed(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
      b.onLoad({ filter: /.*/, namespace: 'tessera-hot-remote' }, (args) => ({
        contents: `module.exports = ${appHandle(config.name)}.federation.consumedRemote(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
      // Stylesheets are swapped by the full rebuild.
      b.onLoad({ filter: /.*/, namespace: 'tessera-hot-css' }, () => ({ contents: '', loader: 'js' }));
    },
  };

  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: files,
      outdir: resolve(outDir, HOT_DIR),
      entryNames: '[name]-[hash]',
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      sourcemap: 'inline',
      metafile: true,
      write: true,
      define: { 'process.env.NODE_ENV': '"development"' },
      logLevel: 'silent',
      plugins: [hotImports, refreshPlugin],
    });
    return Object.entries(result.metafile.outputs)
      .filter(([, o]) => o.entryPoint)
      .map(([path, o]) => ({ id: posix(relative(root, resolve(root, o.entryPoint!))), url: path.slice(out.length + 1) }));
  } catch {
    return undefined;
  }
}
