import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from './build.js';
import { loadConfig } from './load-config.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const work = join(repo, 'tmp', `share-keys-cache-test-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the share-key scan cache', () => {
  it('is reused while the lockfile and config stay, and a new shared subpath in the sources still gets provided', async () => {
    const root = join(work, 'catalog');
    mkdirSync(work, { recursive: true });
    cpSync(join(repo, 'examples', 'shop', 'catalog'), root, { recursive: true, filter: (src) => !/node_modules|dist/.test(src) });
    const first = await buildApp(await loadConfig(root));
    expect(existsSync(join(root, 'node_modules', '.cache', 'tessera', 'share-keys-catalog.json'))).toBe(true);
    const second = await buildApp(await loadConfig(root));
    expect(second.files.map((f) => `${f.file}:${f.bytes}`)).toEqual(first.files.map((f) => `${f.file}:${f.bytes}`));

    const source = join(root, 'src', 'ProductList.tsx');
    writeFileSync(source, `import { createRoot } from 'react-dom/client';\nexport const mount: typeof createRoot = createRoot;\n${readFileSync(source, 'utf8')}`);
    const third = await buildApp(await loadConfig(root));
    expect(third.shareKeys).toEqual(['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime']);
    const manifest = JSON.parse(readFileSync(join(root, 'dist', 'mf-manifest.json'), 'utf8'));
    expect(manifest.shared.map((s: { name: string }) => s.name)).toContain('react-dom/client');
  });
});
