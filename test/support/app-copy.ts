import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');

/**
 * For a test file: `copy(name)` copies the shop's catalog (its sources, no node_modules or dist)
 * into `tmp/<prefix>-<pid>/<name>` of the repository, so packages resolve as in the example;
 * the folder goes after the file's tests. `work` is that folder.
 */
export function useCatalogCopies(prefix: string): { work: string; copy(name: string): string } {
  const work = join(repo, 'tmp', `${prefix}-${process.pid}`);
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  return {
    work,
    copy(name) {
      const dir = join(work, name);
      mkdirSync(work, { recursive: true });
      cpSync(join(repo, 'examples', 'shop', 'catalog'), dir, { recursive: true, filter: (src) => !/node_modules|dist/.test(src) });
      return dir;
    },
  };
}
