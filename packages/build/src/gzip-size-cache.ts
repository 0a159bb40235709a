import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ResolvedConfig } from './config.js';

const gzipAsync = promisify(gzip);
const CACHE_FORMAT = 1;

/** Where the app's gzip sizes are kept: `node_modules/.cache/tessera/` in the app, as the other caches. */
function cacheFile(config: ResolvedConfig): string {
  return join(config.root, 'node_modules', '.cache', 'tessera', `gzip-sizes-${config.name}.json`);
}

function readSizes(config: ResolvedConfig): Map<string, number> {
  try {
    const cached = JSON.parse(readFileSync(cacheFile(config), 'utf8')) as { format: number; sizes: [string, number][] };
    return cached.format === CACHE_FORMAT ? new Map(cached.sizes) : new Map();
  } catch {
    return new Map();
  }
}

/**
 * The gzipped size (level 9, in bytes) of each of `contents`, for the build report. A size depends
 * only on the bytes, so it is kept by their SHA-256 in `node_modules/.cache/tessera/gzip-sizes-<app>.json`
 * and a file that did not change since the last build (most content-hashed chunks) is not
 * compressed again; the others are gzipped on libuv's threads. The cache keeps the sizes of this
 * build's files only; it is best effort (a read-only node_modules costs the compression).
 */
export async function gzipSizes(config: ResolvedConfig, contents: Buffer[]): Promise<number[]> {
  const known = readSizes(config);
  const hashes = contents.map((content) => createHash('sha256').update(content).digest('base64url'));
  const sizes = await Promise.all(contents.map(async (content, i) => known.get(hashes[i]!) ?? (await gzipAsync(content, { level: 9 })).length));
  const fresh = hashes.map((hash, i) => [hash, sizes[i]!] as [string, number]);
  if (fresh.some(([hash, size]) => known.get(hash) !== size) || known.size !== new Set(hashes).size) {
    try {
      mkdirSync(dirname(cacheFile(config)), { recursive: true });
      writeFileSync(cacheFile(config), JSON.stringify({ format: CACHE_FORMAT, sizes: fresh }));
    } catch {
      // Best effort: the next build compresses again.
    }
  }
  return sizes;
}
