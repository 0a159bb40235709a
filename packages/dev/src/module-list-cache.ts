import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ResolvedConfig } from '@tessera/build';

/** Where an app's module list is kept between sessions: `node_modules/.cache/tessera/` in the app, as the build's caches. */
function cacheFile(config: ResolvedConfig): string {
  return join(config.root, 'node_modules', '.cache', 'tessera', `dev-modules-${config.name}.json`);
}

/**
 * The module list (`appModules`) the app's last development build ended with, those of its files
 * that still exist; undefined when there is none. A hint only: the build compares it with the
 * modules it met (`moduleEntriesOf`) and starts over with those when they differ.
 */
export function readModuleList(config: ResolvedConfig): string[] | undefined {
  try {
    const cached = JSON.parse(readFileSync(cacheFile(config), 'utf8')) as { root: string; modules: string[] };
    if (cached.root !== config.root || !Array.isArray(cached.modules)) return undefined;
    const modules = cached.modules.filter((file) => existsSync(file));
    return modules.length ? modules : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the module list of a finished build for the next session (best effort). */
export function writeModuleList(config: ResolvedConfig, modules: string[]): void {
  try {
    mkdirSync(dirname(cacheFile(config)), { recursive: true });
    writeFileSync(cacheFile(config), JSON.stringify({ root: config.root, modules }));
  } catch {
    // The next session finds the modules with a pass of its own.
  }
}
