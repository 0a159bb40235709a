import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { readAppCache, writeAppCache } from './app-cache.js';
import type { ResolvedConfig } from './config.js';

const gzipAsync = promisify(gzip);
const CACHE_FORMAT = 1;
const cacheFile = (config: ResolvedConfig) => `gzip-sizes-${config.name}.json`;
/** The sizes read from or written to each app's cache in this process: a watch rebuild does not read the file again. */
const inMemory = new Map<string, Map<string, number>>();
const memoryKey = (config: ResolvedConfig) => `${config.root}\0${config.name}`;

function knownSizes(config: ResolvedConfig): Map<string, number> {
  let known = inMemory.get(memoryKey(config));
  if (!known) {
    const cached = config.cache ? readAppCache<{ format: number; sizes: [string, number][] }>(config.root, cacheFile(config)) : undefined;
    known = cached?.format === CACHE_FORMAT && Array.isArray(cached.sizes) ? new Map(cached.sizes) : new Map();
  }
  return known;
}

/**
 * The gzipped size (level 9, in bytes) of each of `contents`, for the build report. A size depends
 * only on the bytes, so it is kept by their SHA-256 in `node_modules/.cache/tessera/gzip-sizes-<app>.json`
 * and a file that did not change since the last build (most content-hashed chunks) is not
 * compressed again; the others are gzipped on libuv's threads. The cache keeps the sizes of this
 * build's files only; it is best effort (a read-only node_modules costs the compression). With
 * `cache: false` the file is neither read nor written.
 */
export async function gzipSizes(config: ResolvedConfig, contents: Buffer[]): Promise<number[]> {
  const known = knownSizes(config);
  const hashes = contents.map((content) => createHash('sha256').update(content).digest('base64url'));
  const sizes = await Promise.all(contents.map(async (content, i) => known.get(hashes[i]!) ?? (await gzipAsync(content, { level: 9 })).length));
  const fresh = new Map(hashes.map((hash, i) => [hash, sizes[i]!]));
  inMemory.set(memoryKey(config), fresh);
  if (config.cache && ([...fresh].some(([hash, size]) => known.get(hash) !== size) || known.size !== fresh.size)) {
    writeAppCache(config.root, cacheFile(config), { format: CACHE_FORMAT, sizes: [...fresh] });
  }
  return sizes;
}
