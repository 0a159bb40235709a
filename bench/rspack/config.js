// Rspack + its Module Federation plugin (`rspack.container.ModuleFederationPlugin`, Module
// Federation 2.0's runtime) building the shop example (examples/shop/*/src, unchanged): the catalog
// and cart remotes and the shell host, production mode, React shared as a singleton exactly as the
// apps' federation.config.ts say. TSX through builtin:swc-loader (jsx automatic), CSS with Rspack's
// native CSS support. `shopConfigs(outDir)` gives the three configs for one `rspack([...])` run.
// Used through bench/shop-builds.js.
import { join } from 'node:path';
import { rspack } from '@rspack/core';
import { shellHtml } from '../shell-html.js';

const { ModuleFederationPlugin } = rspack.container;
const shop = join(import.meta.dirname, '..', '..', 'examples', 'shop');

/** What each app exposes, as in its federation.config.ts. */
export const exposes = {
  catalog: { './ProductList': './src/ProductList.tsx' },
  cart: { './CartSummary': './src/CartSummary.tsx' },
  shell: {},
};

/**
 * The apps' `shared`, word for word; Rspack reads `version` and `requiredVersion` from package.json
 * files. Its keys match exact requests only, so the subpaths (react/jsx-runtime, which requires
 * nothing; react-dom/client, which only the shell imports and which requires 'react' and
 * 'react-dom' through the share scope) are bundled by the app that imports them.
 */
const shared = { react: { singleton: true }, 'react-dom': { singleton: true } };

const swc = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
    target: 'es2022',
  },
};

/** @param {'catalog' | 'cart' | 'shell'} app @param {string} outDir @returns {import('@rspack/core').Configuration} */
export function appConfig(app, outDir) {
  const host = app === 'shell';
  return {
    name: app,
    mode: 'production',
    context: join(shop, app),
    // The shell: a bench-only entry with the async boundary, importing the example's main.tsx.
    entry: host ? { main: join(import.meta.dirname, 'shell-entry.js') } : {},
    devtool: false,
    target: ['web', 'es2022'],
    output: {
      path: join(outDir, app),
      publicPath: 'auto',
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      cssFilename: '[name].[contenthash:8].css',
      cssChunkFilename: '[name].[contenthash:8].css',
      uniqueName: app, // the `from` of this build's share-scope registrations
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js', '.mjs', '.json'],
      // The sources import './products.js' for './products.ts' (TypeScript's NodeNext style).
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [
        { test: /\.tsx?$/, loader: 'builtin:swc-loader', options: swc, type: 'javascript/auto' },
        { test: /\.css$/, type: 'css/auto' },
      ],
    },
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
    plugins: [
      new ModuleFederationPlugin({
        name: app,
        ...(host ? {} : { filename: 'remoteEntry.js', library: { type: 'var', name: app }, exposes: exposes[app] }),
        shared,
      }),
      ...(host ? [shellHtml('Tessera Shop (Rspack)')] : []),
    ],
  };
}

/** The three apps, remotes first. */
export function shopConfigs(outDir) {
  return ['catalog', 'cart', 'shell'].map((app) => appConfig(app, outDir));
}
