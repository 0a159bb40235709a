// Child process of watch-rebuild.js: an anchor watching a copy of the catalog and rebuilding on
// change. `rspack`: Rspack + its ModuleFederationPlugin (bench/rspack/config.js), `compiler.watch`
// with aggregateTimeout 0 (its default waits 20 ms more). `esbuild`: plain esbuild, no federation,
// an incremental context rebuilt on fs.watch events (the floor: the same mechanism as Tessera's
// watch). Prints "ready" after the first build.
import { watch } from 'node:fs';
import { join } from 'node:path';

const [tool, dir, outDir] = process.argv.slice(2);
if (tool === 'rspack') {
  const [{ rspack }, { appConfig }] = await Promise.all([import('@rspack/core'), import('./rspack/config.js')]);
  const config = appConfig('catalog', outDir);
  config.context = dir;
  config.output.path = outDir;
  let ready = false;
  rspack(config).watch({ aggregateTimeout: 0 }, (error, stats) => {
    if (error || stats?.hasErrors()) console.error(error ?? stats.toString({ all: false, errors: true }));
    if (!ready) console.log('ready');
    ready = true;
  });
} else if (tool === 'esbuild') {
  const { context } = await import('esbuild');
  const ctx = await context({
    entryPoints: [join(dir, 'src', 'ProductList.tsx')], absWorkingDir: dir, outdir: outDir,
    bundle: true, splitting: true, format: 'esm', minify: true, jsx: 'automatic', logLevel: 'silent',
    entryNames: '[name]', define: { 'process.env.NODE_ENV': '"production"' },
  });
  await ctx.rebuild();
  let running;
  let again = false;
  watch(join(dir, 'src'), () => {
    if (running) { again = true; return; }
    running = (async () => { do { again = false; await ctx.rebuild().catch(() => {}); } while (again); })().finally(() => { running = undefined; });
  });
  console.log('ready');
} else {
  throw new Error(`unknown tool ${tool}`);
}
