// The shop example (examples/shop: shell host, catalog and cart remotes) built by each tool the
// bench compares, from the same sources, in production mode. Each builder builds the three apps
// once; `outDirs[tool](app)` is where an app's output lands.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const shop = join(root, 'examples', 'shop');
export const apps = ['catalog', 'cart', 'shell'];

export const outDirs = {
  tessera: (app) => join(shop, app, 'dist'), // federation.config.ts's default outDir
  tesseraNoDts: (app) => join(shop, app, 'dist'),
  // The shell built with `snapshot: true` (page-load.js builds it while Tessera's remotes are served); the remotes are Tessera's.
  tesseraSnapshot: (app) => (app === 'shell' ? join(root, 'tmp', 'bench-tessera-snapshot', 'shell') : join(shop, app, 'dist')),
  esbuild: (app) => join(root, 'tmp', 'bench-esbuild', app),
  esbuildOwnSources: (app) => join(root, 'tmp', 'bench-esbuild-own', app),
  webpack: (app) => join(root, 'tmp', 'bench-webpack', app),
  webpackEsbuildMinify: (app) => join(root, 'tmp', 'bench-webpack-esbuild-minify', app),
  rspack: (app) => join(root, 'tmp', 'bench-rspack', app),
  rspackCached: (app) => join(root, 'tmp', 'bench-rspack-cached', app),
  webpackEsbuildMinifyCached: (app) => join(root, 'tmp', 'bench-webpack-cached', app),
  mf2Dts: (app) => join(root, 'tmp', 'bench-mf2-dts', app),
};

/** Runs a webpack or Rspack multi-compiler once and closes it; rejects with the tool's errors. */
function runCompiler(createCompiler, configs) {
  return new Promise((resolve, reject) => {
    const compiler = createCompiler(configs);
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) return reject(error);
        if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, errorDetails: true })));
        resolve();
      });
    });
  });
}

/** The three apps bundled by plain esbuild at once, no federation, into `outDirs[tool]` (`options` added). */
async function plainEsbuild(tool, options) {
  const { build } = await import('esbuild');
  rmSync(dirname(outDirs[tool]('shell')), { recursive: true, force: true });
  const entries = { shell: 'src/main.tsx', catalog: 'src/ProductList.tsx', cart: 'src/CartSummary.tsx' };
  await Promise.all(apps.map((app) =>
    build({
      entryPoints: [join(shop, app, entries[app])], absWorkingDir: join(shop, app), ...options,
      bundle: true, splitting: true, format: 'esm', minify: true, outdir: outDirs[tool](app), jsx: 'automatic', logLevel: 'silent',
      entryNames: '[name]-[hash]', define: { 'process.env.NODE_ENV': '"production"' },
    })));
}

export const builders = {
  /** Tessera: `buildApp` of each app's federation.config.ts, one app after the other (as `tessera build` in each app). */
  async tessera() {
    const { buildApp, loadConfig } = await import('@tessera/build');
    for (const app of apps) await buildApp(await loadConfig(join(shop, app)));
  },
  /**
   * Tessera without type declarations (`dts: false`; the default `true` runs the TypeScript
   * compiler to write the exposed modules' .d.ts): the same output as webpack and Rspack give.
   */
  async tesseraNoDts() {
    const { buildApp, loadConfig } = await import('@tessera/build');
    for (const app of apps) await buildApp({ ...(await loadConfig(join(shop, app))), dts: false });
  },
  /** Tessera's shell alone, with `snapshot: true`: its build reads the remotes' manifests, so they must be served (page-load.js). */
  async tesseraSnapshot() {
    const { buildApp, loadConfig } = await import('@tessera/build');
    const outDir = outDirs.tesseraSnapshot('shell');
    rmSync(outDir, { recursive: true, force: true });
    const report = await buildApp({ ...(await loadConfig(join(shop, 'shell'))), snapshot: true, outDir, cleanOutDir: false });
    if (report.warnings.length) throw new Error(`the snapshot shell's build: ${report.warnings.join('; ')}`);
  },
  /**
   * The floor: the same three apps bundled by plain esbuild without federation (each bundles its own
   * React), at once in one process, as `tessera build` builds them.
   */
  async esbuild() {
    await plainEsbuild('esbuild', {});
  },
  /**
   * A lower floor: plain esbuild bundling only the three apps' own source files, every package left
   * external (`packages: 'external'`: no React, no valibot, no @tessera/* code), no federation, no
   * declarations. No build of these apps that bundles what they import can take less.
   */
  async esbuildOwnSources() {
    await plainEsbuild('esbuildOwnSources', { packages: 'external' });
  },
  /** webpack 5 + ModuleFederationPlugin (bench/webpack/config.js): one multi-compiler run, the three apps in parallel. */
  async webpack() {
    const [{ default: webpack }, { shopConfigs }] = await Promise.all([import('webpack'), import('./webpack/config.js')]);
    await runCompiler(webpack, shopConfigs(join(root, 'tmp', 'bench-webpack')));
  },
  /** The same webpack build minified by esbuild (esbuild-loader's EsbuildPlugin) instead of terser. */
  async webpackEsbuildMinify() {
    const [{ default: webpack }, { shopConfigs }, { EsbuildPlugin }] = await Promise.all([import('webpack'), import('./webpack/config.js'), import('esbuild-loader')]);
    const configs = shopConfigs(join(root, 'tmp', 'bench-webpack-esbuild-minify'));
    for (const config of configs) config.optimization = { ...config.optimization, minimizer: [new EsbuildPlugin({ target: 'es2022', css: true })] };
    await runCompiler(webpack, configs);
  },
  /**
   * Module Federation 2.0 with types: @module-federation/enhanced's Rspack plugin with `dts` on for
   * the remotes (it compiles their exposes with the TypeScript compiler into @mf-types.zip), off for
   * the shell (consuming types downloads them from the remotes, which are not served during a build).
   */
  async mf2Dts() {
    const [{ rspack }, { mf2Configs }] = await Promise.all([import('@rspack/core'), import('./rspack/mf2-config.js')]);
    await runCompiler(rspack, await mf2Configs(join(root, 'tmp', 'bench-mf2-dts')));
  },
  /**
   * The webpack + esbuild-minifier build with webpack's persistent cache (`cache: { type:
   * 'filesystem' }`, one cache per app under tmp/bench-webpack-cache, invalidated by the config
   * files): webpack's warm build, like for like with Tessera's kept shared fallbacks.
   */
  async webpackEsbuildMinifyCached() {
    const [{ default: webpack }, { shopConfigs }, { EsbuildPlugin }] = await Promise.all([import('webpack'), import('./webpack/config.js'), import('esbuild-loader')]);
    const configs = shopConfigs(join(root, 'tmp', 'bench-webpack-cached'));
    for (const config of configs) {
      config.optimization = { ...config.optimization, minimizer: [new EsbuildPlugin({ target: 'es2022', css: true })] };
      config.cache = { type: 'filesystem', cacheDirectory: join(root, 'tmp', 'bench-webpack-cache'), name: config.name, buildDependencies: { config: [join(import.meta.dirname, 'webpack', 'config.js'), import.meta.filename] } };
    }
    await runCompiler(webpack, configs);
  },
  /** Rspack + its Module Federation plugin with Rspack's persistent cache (`cache: { type: 'persistent' }`, under tmp/bench-rspack-cache). */
  async rspackCached() {
    const [{ rspack }, { shopConfigs }] = await Promise.all([import('@rspack/core'), import('./rspack/config.js')]);
    const configs = shopConfigs(join(root, 'tmp', 'bench-rspack-cached'));
    for (const config of configs) {
      config.cache = { type: 'persistent', storage: { type: 'filesystem', directory: join(root, 'tmp', 'bench-rspack-cache') }, buildDependencies: [join(import.meta.dirname, 'rspack', 'config.js'), import.meta.filename] };
    }
    await runCompiler(rspack, configs);
  },
  /** Rspack + its Module Federation plugin (bench/rspack/config.js): one multi-compiler run. */
  async rspack() {
    const [{ rspack }, { shopConfigs }] = await Promise.all([import('@rspack/core'), import('./rspack/config.js')]);
    await runCompiler(rspack, shopConfigs(join(root, 'tmp', 'bench-rspack')));
  },
};
