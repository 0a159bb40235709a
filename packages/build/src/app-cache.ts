import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where Tessera keeps what does not change between builds: `node_modules/.cache/tessera/` in `dir` (the find-cache-dir convention). */
export function appCachePath(dir: string, file: string): string {
  return join(dir, 'node_modules', '.cache', 'tessera', file);
}

/** The JSON kept in the app's cache as `file`; undefined when there is none or it does not parse. */
export function readAppCache<T>(dir: string, file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(appCachePath(dir, file), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Keeps `value` as JSON in the app's cache as `file`. Best effort: every cache is a hint its reader
 * checks, so a read-only `node_modules` only costs the work the cache would have saved.
 */
export function writeAppCache(dir: string, file: string, value: unknown): void {
  try {
    const path = appCachePath(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(value));
  } catch {
    // Nothing is lost: the next run does the work again.
  }
}
