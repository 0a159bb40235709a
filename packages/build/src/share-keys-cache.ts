import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import type { ResolvedConfig } from './config.js';
import type { ShareKey } from './scan.js';

const LOCKFILES = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'npm-shrinkwrap.json'];
// 2: ShareKey.needsPackage (page: fallback groups).
const CACHE_FORMAT = 2;

/** The lockfile that pins the app's installed packages: the nearest one at or above `root`. */
function lockfileOf(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const found = LOCKFILES.map((name) => join(dir, name)).find(existsSync);
    if (found || dirname(dir) === dir) return found;
  }
}

/** Where the app's scan result is kept: `node_modules/.cache/tessera/` in the app (the find-cache-dir convention). */
function cacheFile(config: ResolvedConfig): string {
  return join(config.root, 'node_modules', '.cache', 'tessera', `share-keys-${config.name}.json`);
}

/** What the scan's result depends on: the installed packages (the lockfile), the config, esbuild. Undefined without a lockfile. */
function cacheKey(config: ResolvedConfig): string | undefined {
  const lockfile = lockfileOf(config.root);
  if (!lockfile) return undefined;
  return createHash('sha256')
    .update(readFileSync(lockfile))
    .update(JSON.stringify([CACHE_FORMAT, esbuildVersion, config.root, config.shared, config.remotes.map((r) => r.name), config.exposes, config.entry ?? '']))
    .digest('hex');
}

/**
 * The share keys an earlier build of the same app found (scan.ts), if the lockfile and the config are
 * unchanged. The app's sources may import a new subpath since: the build compares what it met with
 * the list (`sameShareKeys`) and scans again when they differ.
 */
export function readShareKeys(config: ResolvedConfig): Map<string, ShareKey> | undefined {
  try {
    const key = cacheKey(config);
    const file = cacheFile(config);
    if (!key || !existsSync(file)) return undefined;
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string; shareKeys: [string, ShareKey][] };
    return cached.key === key ? new Map(cached.shareKeys) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a scan's result for the next build (best effort: a read-only node_modules only costs the next scan). */
export function writeShareKeys(config: ResolvedConfig, shareKeys: Map<string, ShareKey>): void {
  try {
    const key = cacheKey(config);
    if (!key) return;
    const file = cacheFile(config);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ key, shareKeys: [...shareKeys] }));
  } catch {
    // Nothing is lost: the next build scans again.
  }
}

/** Whether a build that met `seen` share keys had the right list: every key met is listed, every listed subpath was met. */
export function sameShareKeys(config: ResolvedConfig, shareKeys: Map<string, ShareKey>, seen: Set<string>): boolean {
  return [...seen].every((key) => shareKeys.has(key)) && [...shareKeys.keys()].every((key) => key in config.shared || seen.has(key));
}
