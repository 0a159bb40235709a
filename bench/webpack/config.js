// webpack 5 + its ModuleFederationPlugin building the shop example (examples/shop/*/src, unchanged):
// the catalog and cart remotes and the shell host, production mode, React shared as a singleton
// exactly as the apps' federation.config.ts say. TSX through esbuild-loader (jsx automatic), CSS
// through css-loader + mini-css-extract-plugin. `shopConfigs(outDir)` gives the three configs for
// one `webpack([...])` run (webpack's multi-compiler). Used through bench/shop-builds.js.
import { join } from 'node:path';
import webpack from 'webpack';
import MiniCssExtractPlugin from 'mini-css-extract-plugin';
import { shellHtml } from '../shell-html.js';

const { ModuleFederationPlugin } = webpack.container;
const shop = join(import.meta.dirname, '..', '..', 'examples', 'shop');

/** What each app exposes, as in its federation.config.ts. */
export const exposes = {
  catalog: { './ProductList': './src/ProductList.tsx' },
  cart: { './CartSummary': './src/CartSummary.tsx' },
  shell: {},
};

/**
 * The apps' `shared`, word for word; webpack reads `version` and `requiredVersion` from package.json
 * files. Its keys match exact requests only, so the subpaths (react/jsx-runtime, which requires
 * nothing; react-dom/client, which only the shell imports and which requires 'react' and
 * 'react-dom' through the share scope) are bundled by the app that imports them.
 */
const shared = { react: { singleton: true }, 'react-dom': { singleton: true } };

/** @param {'catalog' | 'cart' | 'shell'} app @param {string} outDir @returns {import('webpack').Configuration} */
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
        { test: /\.tsx?$/, loader: 'esbuild-loader', options: { loader: 'tsx', jsx: 'automatic', target: 'es2022' } },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
      ],
    },
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
    plugins: [
      new MiniCssExtractPlugin({ filename: '[name].[contenthash:8].css', chunkFilename: '[name].[contenthash:8].css' }),
      new ModuleFederationPlugin({
        name: app,
        ...(host ? {} : { filename: 'remoteEntry.js', library: { type: 'var', name: app }, exposes: exposes[app] }),
        shared,
      }),
      ...(host ? [shellHtml('Tessera Shop (webpack)')] : []),
    ],
  };
}

/** The three apps, remotes first. */
export function shopConfigs(outDir) {
  return ['catalog', 'cart', 'shell'].map((app) => appConfig(app, outDir));
}
