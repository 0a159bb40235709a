import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp, watchApp, type BuildReport } from './build.js';
import { loadConfig } from './load-config.js';
import { useCatalogCopies } from '../../../test/support/app-copy.js';

const { copy: copyApp } = useCatalogCopies('build-test');

describe('buildApp', () => {
  it('writes the remote entry, hashed chunks per expose and shared fallback, CSS and the manifest', async () => {
    const root = copyApp('catalog');
    const report = await buildApp(await loadConfig(root));
    const files = report.files.map((f) => f.file);
    expect(files).toContain('remoteEntry.js');
    expect(files).toContain('mf-manifest.json');
    expect(files).toContain('remoteEntry.var.js');
    expect(files.some((f) => /^ProductList-[A-Z0-9]{8}\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^ProductList-[A-Z0-9]{8}\.css$/.test(f))).toBe(true);
    // A remote's react/jsx-runtime keeps its own chunk (it does not need react; a host may provide react alone).
    for (const key of ['react', 'react-dom', 'jsx-runtime']) expect(files.some((f) => new RegExp(`^${key}-[A-Z0-9]{8}\\.js$`).test(f))).toBe(true);
    // No consume stub, helper or runtime chunk shared out of the app's chunks: only the runtime of its own.
    expect(files.filter((f) => /^chunk-/.test(f))).toEqual([]);
    expect(files.filter((f) => /^runtime-[A-Z0-9]{8}\.js$/.test(f))).toHaveLength(1);
    expect(report.shareKeys).toEqual(['react', 'react-dom', 'react/jsx-runtime']);
    for (const f of report.files) expect(f.gzipBytes).toBeGreaterThan(0);

    const manifest = JSON.parse(readFileSync(join(root, 'dist', 'mf-manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ id: 'catalog', name: 'catalog', metaData: { remoteEntry: { name: 'remoteEntry.js', type: 'module' }, publicPath: 'auto' } });
    const expose = manifest.exposes.find((e: { path: string }) => e.path === './ProductList');
    expect(expose.assets.css.sync[0]).toMatch(/^ProductList-.*\.css$/);
    expect(expose.assets.js.sync[0]).toMatch(/^ProductList-.*\.js$/);
    expect(manifest.shared.map((s: { name: string }) => s.name)).toEqual(['react', 'react-dom', 'react/jsx-runtime']);

    // What each chunk must load first, recorded in the entry.
    const entry = readFileSync(join(root, 'dist', 'remoteEntry.js'), 'utf8');
    expect(entry).toContain('"expose:./ProductList":{"shares":["react","react/jsx-runtime"]');
    expect(entry).toContain('"shared:react-dom":{"shares":["react"]');
  });

  it('builds the same output again in the same process (what the scan keeps of installed packages is sound)', async () => {
    const root = copyApp('twice');
    const first = await buildApp(await loadConfig(root));
    const second = await buildApp(await loadConfig(root));
    expect(second.files.map((f) => `${f.file}:${f.bytes}`)).toEqual(first.files.map((f) => `${f.file}:${f.bytes}`));
    expect(second.shareKeys).toEqual(first.shareKeys);
  });

  it('declares the exposes for hosts: typed from TypeScript sources, a shorthand module for JavaScript ones', async () => {
    const root = copyApp('declared');
    writeFileSync(join(root, 'src', 'plain.js'), 'export const answer = 42;\n');
    const config = await loadConfig(root);
    config.exposes['./plain'] = join(root, 'src', 'plain.js');
    const report = await buildApp(config);
    expect(report.declarationsMs).toBeGreaterThan(0);
    const index = readFileSync(join(root, 'dist', '@types', 'index.d.ts'), 'utf8');
    expect(index).toContain('declare module "catalog/ProductList" {\n  export * from "__tessera_types__/catalog/ProductList";\n  export { default } from "__tessera_types__/catalog/ProductList";\n}');
    expect(index).toContain('declare module "catalog/plain";');
    expect(readFileSync(join(root, 'dist', '@types', 'catalog', 'ProductList.d.ts'), 'utf8')).toContain('title?: string;');
    const manifest = JSON.parse(readFileSync(join(root, 'dist', 'mf-manifest.json'), 'utf8'));
    expect(manifest.metaData.types).toMatchObject({ path: '@types', name: 'index.d.ts', files: expect.arrayContaining(['index.d.ts', 'catalog/ProductList.d.ts']) });
  });

  it('reports a source error with file and line as TESSERA_BUILD_FAILED', async () => {
    const root = copyApp('broken');
    writeFileSync(join(root, 'src', 'ProductList.tsx'), 'export default function () {\n  const x = ;\n  return x;\n}\n');
    await expect(buildApp(await loadConfig(root))).rejects.toThrow(/TESSERA_BUILD_FAILED[\s\S]*src\/ProductList\.tsx:2:/);
  });

  it('rebuilds on change in watch mode and removes the chunks of earlier builds', async () => {
    const root = copyApp('watched');
    const reports: BuildReport[] = [];
    let changed: () => void;
    const rebuilt = new Promise<void>((resolve) => (changed = resolve));
    const watcher = await watchApp(await loadConfig(root), (report, error) => {
      if (error) throw error;
      reports.push(report!);
      if (reports.length === 2) changed();
    });
    try {
      const first = reports[0]!.files.find((f) => f.file.startsWith('ProductList-') && f.file.endsWith('.js'))!.file;
      const source = join(root, 'src', 'products.ts');
      writeFileSync(source, readFileSync(source, 'utf8').replace('Green tea', 'Black tea'));
      await rebuilt;
      const second = reports[1]!.files.find((f) => f.file.startsWith('ProductList-') && f.file.endsWith('.js'))!.file;
      expect(second).not.toBe(first);
      expect(existsSync(join(root, 'dist', first))).toBe(false);
      expect(readFileSync(join(root, 'dist', second), 'utf8')).toContain('Black tea');
    } finally {
      await watcher.close();
    }
  });
});
