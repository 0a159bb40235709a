import { existsSync } from 'node:fs';
import { readAppCache, writeAppCache, type ResolvedConfig } from '@tessera/build';

/** The app's module list in its cache, beside the build's caches. */
const cacheFile = (config: ResolvedConfig) => `dev-modules-${config.name}.json`;

/**
 * The module list (`appModules`) the app's last development build ended with, those of its files
 * that still exist; undefined when there is none (or with `cache: false`). A hint only: the build compares it with the
 * modules it met (`moduleEntriesOf`) and starts over with those when they differ.
 */
export function readModuleList(config: ResolvedConfig): string[] | undefined {
  if (!config.cache) return undefined;
  const cached = readAppCache<{ root: string; modules: string[] }>(config.root, cacheFile(config));
  if (cached?.root !== config.root || !Array.isArray(cached.modules)) return undefined;
  const modules = cached.modules.filter((file) => existsSync(file));
  return modules.length ? modules : undefined;
}

/** Keeps the module list of a finished build for the next session (best effort; nothing with `cache: false`). */
export function writeModuleList(config: ResolvedConfig, modules: string[]): void {
  if (config.cache) writeAppCache(config.root, cacheFile(config), { root: config.root, modules });
}
