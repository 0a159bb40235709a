import { createHash } from 'node:crypto';
import { readAppCache, writeAppCache } from './app-cache.js';
import { lockfileDigest, lockfileOf } from './lockfile.js';
import { version as esbuildVersion } from './esbuild-api.js';
import type { ResolvedConfig } from './config.js';
import { scanShareKeys, type ShareKey } from './scan.js';

// 2: the lockfile hashed once per process; 3: ShareKey.needsPackage (fallback groups).
const CACHE_FORMAT = 3;

/** The app's scan result in its cache (app-cache.ts). */
const cacheFile = (config: ResolvedConfig) => `share-keys-${config.name}.json`;

/** What the scan's result depends on: the installed packages (the lockfile), the config, esbuild. Undefined without a lockfile. */
function cacheKey(config: ResolvedConfig): string | undefined {
  const lockfile = lockfileOf(config.root);
  if (!lockfile) return undefined;
  return createHash('sha256')
    .update(lockfileDigest(lockfile))
    .update(JSON.stringify([CACHE_FORMAT, esbuildVersion, config.root, config.shared, config.remotes.map((r) => r.name), config.exposes, config.entry ?? '']))
    .digest('hex');
}

/**
 * The share keys an earlier build of the same app found (scan.ts), if the lockfile and the config are
 * unchanged. The app's sources may import a new subpath since: the build compares what it met with
 * the list (`sameShareKeys`) and scans again when they differ.
 */
export function readShareKeys(config: ResolvedConfig): Map<string, ShareKey> | undefined {
  const cached = readAppCache<{ key: string; shareKeys: [string, ShareKey][] }>(config.root, cacheFile(config));
  if (!cached) return undefined;
  const key = cacheKey(config);
  return key && cached.key === key && Array.isArray(cached.shareKeys) ? new Map(cached.shareKeys) : undefined;
}

/** Keeps a scan's result for the next build (best effort: a read-only node_modules only costs the next scan; nothing with `cache: false`). */
export function writeShareKeys(config: ResolvedConfig, shareKeys: Map<string, ShareKey>): void {
  const key = config.cache ? cacheKey(config) : undefined;
  if (key) writeAppCache(config.root, cacheFile(config), { key, shareKeys: [...shareKeys] });
}

/** Whether a build that met `seen` share keys had the right list: every key met is listed, every listed subpath was met. */
export function sameShareKeys(config: ResolvedConfig, shareKeys: Map<string, ShareKey>, seen: Set<string>): boolean {
  return [...seen].every((key) => shareKeys.has(key)) && [...shareKeys.keys()].every((key) => key in config.shared || seen.has(key));
}

/**
 * The share keys of the app: from the cache when it is fresh (`cached: true`; the build then checks
 * them with `sameShareKeys`), else scanned (scan.ts) and cached. `scan: true` always scans.
 */
export async function shareKeysOf(config: ResolvedConfig, { scan = false }: { scan?: boolean } = {}): Promise<{ shareKeys: Map<string, ShareKey>; cached: boolean }> {
  const cached = scan || !config.cache ? undefined : readShareKeys(config);
  if (cached) return { shareKeys: cached, cached: true };
  const shareKeys = await scanShareKeys(config);
  if (config.cache) writeShareKeys(config, shareKeys);
  return { shareKeys, cached: false };
}
