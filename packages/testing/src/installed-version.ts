import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toPath } from './dist-entry.js';

/** 'react/jsx-runtime' → 'react'; '@scope/pkg/sub' → '@scope/pkg'. */
export function packageNameOf(key: string): string {
  const parts = key.split('/');
  return key.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * The version of package `name` as Node would resolve it from `from` (a folder, a file, or a
 * `file:` URL such as `import.meta.url`): `node_modules/<name>/package.json` in that folder or the
 * nearest one above. Undefined when it is not installed.
 */
export function installedVersion(name: string, from: string | URL): string | undefined {
  const start = toPath(from);
  for (let dir = existsSync(start) && statSync(start).isFile() ? dirname(start) : start; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
    if (dirname(dir) === dir) return undefined;
  }
}
