// The bench's Rspack Module Federation configs (bench/rspack/config.js) in development mode, as
// its dev setup compiles them: mode 'development', cheap module source maps, no minification.
// `context` may point at a copy of an app (the edit-latency bench edits a copy).
import { join } from 'node:path';
import { appConfig } from './rspack/config.js';

export function rspackDevConfig(app, outDir, context) {
  const config = appConfig(app, outDir);
  return { ...config, ...(context ? { context } : {}), mode: 'development', devtool: 'cheap-module-source-map', optimization: { minimize: false } };
}

export function rspackDevConfigs(outDir) {
  return ['catalog', 'cart', 'shell'].map((app) => rspackDevConfig(app, join(outDir)));
}
