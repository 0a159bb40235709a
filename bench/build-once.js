// Child process of build-time.js: builds the shop twice with one tool, prints both times in ms.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildApp, loadConfig } from '@tessera/build';

const shop = join(import.meta.dirname, '..', 'examples', 'shop');
const apps = ['catalog', 'cart', 'shell'];
const out = join(import.meta.dirname, '..', 'tmp', 'bench-esbuild');

const builders = {
  async tessera() {
    for (const app of apps) await buildApp(await loadConfig(join(shop, app)));
  },
  async esbuild() {
    // The same three apps built one by one without federation: each bundles its own React.
    rmSync(out, { recursive: true, force: true });
    const entries = { shell: 'src/main.tsx', catalog: 'src/ProductList.tsx', cart: 'src/CartSummary.tsx' };
    for (const app of apps) {
      await build({
        entryPoints: [join(shop, app, entries[app])], absWorkingDir: join(shop, app),
        bundle: true, splitting: true, format: 'esm', minify: true, outdir: join(out, app), jsx: 'automatic', logLevel: 'silent',
        entryNames: '[name]-[hash]', define: { 'process.env.NODE_ENV': '"production"' },
      });
    }
  },
};

const tool = builders[process.argv[2]];
const times = [];
for (let i = 0; i < 2; i++) {
  const started = performance.now();
  await tool();
  times.push(performance.now() - started);
}
console.log(JSON.stringify({ coldMs: times[0], warmMs: times[1] }));
