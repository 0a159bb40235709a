import { pathToFileURL } from 'node:url';
import webpack, { type Configuration } from 'webpack';

/**
 * Builds webpack configurations with webpack's Node API (one multi-compiler run) and closes the
 * compiler. Rejects with webpack's error messages when any build has errors.
 */
export function runWebpack(configs: Configuration[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const compiler = webpack(configs);
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) return reject(error);
        if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, errorDetails: true })));
        resolve();
      });
    });
  });
}

/** Imports a webpack config module of test/fixtures by absolute path (plain JS, so typed by the caller). */
export async function importConfig<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(file).href)) as T;
}
