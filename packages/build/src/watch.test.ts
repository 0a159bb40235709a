import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildReport } from './build.js';
import { loadConfig } from './load-config.js';
import { watchApp } from './watch.js';
import { useCatalogCopies } from '../../../test/support/app-copy.js';

const { copy: copyCatalog } = useCatalogCopies('watch-test');

/** Watches `root`, collecting reports; `next()` resolves with the report of the next build. */
async function watching(root: string) {
  const reports: BuildReport[] = [];
  const waiting: ((report: BuildReport) => void)[] = [];
  const watcher = await watchApp(await loadConfig(root), (report, error) => {
    if (error) throw error;
    reports.push(report!);
    waiting.shift()?.(report!);
  }, { reloadConfig: () => loadConfig(root) });
  return { watcher, first: reports[0]!, next: () => new Promise<BuildReport>((resolve) => waiting.push(resolve)) };
}

describe('watchApp', () => {
  it('re-emits the declarations of a changed exposed module', async () => {
    const root = copyCatalog('declarations');
    const { watcher, first, next } = await watching(root);
    try {
      expect(first.declarationsEmitter).toBe('isolated');
      const source = join(root, 'src', 'ProductList.tsx');
      const rebuilt = next();
      writeFileSync(source, readFileSync(source, 'utf8').replace('title?: string;', 'title?: string;\n  compact?: boolean;'));
      const report = await rebuilt;
      expect(report.declarationsEmitter).toBe('isolated');
      expect(readFileSync(join(root, 'dist', '@types', 'catalog', 'ProductList.d.ts'), 'utf8')).toContain('compact?: boolean;');
      const manifest = JSON.parse(readFileSync(join(root, 'dist', 'mf-manifest.json'), 'utf8'));
      expect(manifest.metaData.types.files).toEqual(['catalog/ProductList.d.ts', 'index.d.ts']);
    } finally {
      await watcher.close();
    }
  });

  it('restarts with the new config when federation.config.ts changes', async () => {
    const root = copyCatalog('config');
    const { watcher, next } = await watching(root);
    try {
      const file = join(root, 'federation.config.ts');
      const rebuilt = next();
      writeFileSync(file, readFileSync(file, 'utf8').replace("'./ProductList':", "'./Products':"));
      await rebuilt;
      const manifest = JSON.parse(readFileSync(join(root, 'dist', 'mf-manifest.json'), 'utf8'));
      expect(manifest.exposes.map((e: { name: string }) => e.name)).toEqual(['Products']);
      expect(readFileSync(join(root, 'dist', '@types', 'index.d.ts'), 'utf8')).toContain('declare module "catalog/Products"');
    } finally {
      await watcher.close();
    }
  });
});
