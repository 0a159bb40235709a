import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { FederationError } from '@tessera/runtime/options';
import type { ResolvedConfig } from './config.js';

/**
 * Copies the files of `config.publicDir` (favicon, robots.txt, fonts loaded by URL) into `outDir`
 * as they are, as Vite does with `public/`. Returns their paths relative to `outDir`. Throws
 * TESSERA_BUILD_FAILED when a public file has the name of a file the build wrote.
 */
export function copyPublicDir(config: ResolvedConfig, built: Set<string>): string[] {
  const from = config.publicDir;
  if (!from || !existsSync(from)) return [];
  const copied: string[] = [];
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const source = join(entry.parentPath, entry.name);
    const file = relative(from, source).split(sep).join('/');
    if (built.has(file)) {
      throw new FederationError('TESSERA_BUILD_FAILED', `${config.name}: public file ${file} has the name of a file the build writes`, {
        hint: `Rename or remove ${source}`,
      });
    }
    const target = join(config.outDir, file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    copied.push(file);
  }
  return copied;
}
