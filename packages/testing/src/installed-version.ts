import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { findInstalledPackage } from '@tessera/build';
import { toPath } from './dist-entry.js';

export { packageNameOf } from '@tessera/build';

/**
 * The version of package `name` as Node would resolve it from `from` (a folder, a file, or a
 * `file:` URL such as `import.meta.url`). Undefined when it is not installed.
 */
export function installedVersion(name: string, from: string | URL): string | undefined {
  const start = toPath(from);
  return findInstalledPackage(name, existsSync(start) && statSync(start).isFile() ? dirname(start) : start)?.version;
}
