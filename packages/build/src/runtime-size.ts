import { gzipSync } from 'node:zlib';
import { build } from './esbuild-api.js';

let cached: Promise<{ bytes: number; gzipBytes: number }> | undefined;

/**
 * Size of `@tessera/runtime` as every app carries it: bundled and minified by esbuild (ESM),
 * then gzipped at level 9. In bytes. Measured once per process.
 */
export function runtimeSize(fromDir: string): Promise<{ bytes: number; gzipBytes: number }> {
  cached ??= build({
    stdin: { contents: 'export * from "@tessera/runtime";', resolveDir: fromDir },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
  }).then((result) => {
    const code = result.outputFiles[0]!.contents;
    return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  });
  return cached;
}
