import type { BuildOptions } from 'esbuild';
import type { ResolvedConfig } from './config.js';

const assetLoaders = Object.fromEntries(
  ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.ico', '.woff', '.woff2', '.ttf', '.eot'].map((ext) => [ext, 'file' as const]),
);

/** Options the scan and the build share: how source files are read. */
export function sourceOptions(config: ResolvedConfig): BuildOptions {
  return {
    absWorkingDir: config.root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    loader: assetLoaders,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  };
}
