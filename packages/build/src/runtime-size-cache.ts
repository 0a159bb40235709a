import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { version as esbuildVersion } from './esbuild-api.js';
import { readAppCache, writeAppCache } from './app-cache.js';
import { findInstalledPackage } from './installed-package.js';
import { runtimeSize } from './runtime-size.js';

type Size = { bytes: number; gzipBytes: number; whole?: { bytes: number; gzipBytes: number } };

/** What the runtime's size depends on: its built files (paths, sizes, mtimes), esbuild's version and how it is measured (`up front` since issue 12). */
function keyOf(runtimeDir: string): string {
  const dist = join(runtimeDir, 'dist');
  const hash = createHash('sha256').update(`${esbuildVersion} up front`);
  const files = existsSync(dist) ? readdirSync(dist, { recursive: true, encoding: 'utf8' }).sort() : [];
  for (const file of files) {
    const stat = statSync(join(dist, file));
    hash.update(`${file}:${stat.size}:${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/**
 * `runtimeSize`, kept in `node_modules/.cache/tessera/runtime-size.json` beside the app until the
 * installed @tessera/runtime changes: the size is only a line of the build report, and measuring it
 * (an esbuild bundle with minification, then gzip -9) costs more than a small app's build.
 * `cache: false` (the config's `cache`, `--no-cache`) measures it without reading or writing the file.
 */
export async function cachedRuntimeSize(fromDir: string, cache = true): Promise<Size> {
  const runtime = cache ? findInstalledPackage('@tessera/runtime', fromDir) : undefined;
  if (!runtime) return runtimeSize(fromDir);
  const key = keyOf(runtime.dir);
  const cached = readAppCache<{ key: string; size: Size }>(fromDir, 'runtime-size.json');
  if (cached?.key === key && cached.size) return cached.size;
  const size = await runtimeSize(fromDir);
  writeAppCache(fromDir, 'runtime-size.json', { key, size });
  return size;
}
