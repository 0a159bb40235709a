import { execFile } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '@tessera/cli';
import { buildIsolated } from '../support/isolated-build.js';

const repo = join(import.meta.dirname, '..', '..');
const shop = join(repo, 'examples', 'shop');
const shell = join(shop, 'shell');
const renamed = join(repo, 'tmp', `renamed-prop-catalog-${process.pid}`);
const typedHost = join(repo, 'tmp', `typed-host-${process.pid}`);
const servers: Awaited<ReturnType<typeof serve>>[] = [];
const manifests: Record<string, string> = {};

async function buildAndServe(name: string, dir: string) {
  const config = await buildIsolated(dir);
  const server = await serve({ dir: config.outDir, port: 0 });
  servers.push(server);
  manifests[name] = new URL('mf-manifest.json', server.url.replace('localhost', '127.0.0.1')).href;
}

beforeAll(async () => {
  await buildAndServe('catalog', join(shop, 'catalog'));
  await buildAndServe('cart', join(shop, 'cart'));
  // The same catalog after a careless refactoring: the `title` prop became `heading`.
  cpSync(join(shop, 'catalog'), renamed, { recursive: true, filter: (src) => !/node_modules|dist/.test(src) });
  const source = join(renamed, 'src', 'ProductList.tsx');
  writeFileSync(source, readFileSync(source, 'utf8').replaceAll('title', 'heading'));
  await buildAndServe('renamed', renamed);
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(renamed, { recursive: true, force: true });
  rmSync(typedHost, { recursive: true, force: true });
});

const tessera = (args: string[], env: Record<string, string>, cwd = shell) =>
  promisify(execFile)(process.execPath, [join(repo, 'packages', 'cli', 'bin', 'tessera.js'), ...args], { cwd, env: { ...process.env, ...env } })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((error: { code: number; stdout: string; stderr: string }) => error);

describe('types across app boundaries', () => {
  it('tessera types writes each remote\'s declarations and typed ids for loadRemote', async () => {
    const { code, stdout } = await tessera(['types'], { CATALOG_URL: manifests.catalog!, CART_URL: manifests.cart! });
    expect(code).toBe(0);
    expect(stdout).toContain('catalog: catalog/ProductList');
    const remotes = readFileSync(join(shell, '.tessera', 'types', 'remotes.d.ts'), 'utf8');
    expect(remotes).toContain('"catalog/ProductList": typeof import("catalog/ProductList");');
    expect(remotes).toContain('"cart/CartSummary": typeof import("cart/CartSummary");');
    expect(readFileSync(join(shell, '.tessera', 'types', 'catalog', 'catalog', 'ProductList.d.ts'), 'utf8')).toContain('title?: string;');
  }, 60_000);

  it('tessera check passes the shell against the types its remotes publish', async () => {
    const { code, stdout } = await tessera(['check'], { CATALOG_URL: manifests.catalog!, CART_URL: manifests.cart! });
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ shell: \d+ files fit the types catalog \(1 module\), cart \(1 module\) publish now/);
  }, 60_000);

  it('tessera check fails on a renamed prop, naming the file and line of the broken use', async () => {
    const { code, stderr } = await tessera(['check'], { CATALOG_URL: manifests.renamed!, CART_URL: manifests.cart! });
    const line = readFileSync(join(shell, 'src', 'App.tsx'), 'utf8').split('\n').findIndex((l) => l.includes("title: 'Catalog'")) + 1;
    expect(code).toBe(1);
    expect(stderr).toContain('✗ shell: 1 use no longer fits');
    expect(stderr).toMatch(new RegExp(`src/App\\.tsx:${line}:\\d+  catalog/ProductList  .*'title' does not exist in type 'ProductListProps'`));
  }, 60_000);

  it('types import() and loadRemote() by remote module id, and an unknown id is a type error; the app\'s own path aliases still resolve', async () => {
    cpSync(shell, typedHost, { recursive: true, filter: (src) => !/node_modules|dist|\.tessera/.test(src) });
    const compilerOptions = {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true, esModuleInterop: true,
      lib: ['ES2023', 'DOM', 'DOM.Iterable'], paths: { '@/*': ['./src/*'] },
    };
    writeFileSync(join(typedHost, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
    writeFileSync(join(typedHost, 'src', 'aliased.ts'), "import { title } from '@/uses';\nexport const again = title;\n");
    writeFileSync(
      join(typedHost, 'src', 'uses.ts'),
      [
        "import { loadRemote } from '@tessera/runtime';",
        "export const title = import('catalog/ProductList').then((m) => m.default({ title: 'typed' }));",
        "export const summary = loadRemote('cart/CartSummary').then((m) => m.default);",
        "export const wrongProp: Promise<unknown> = loadRemote('catalog/ProductList').then((m) => m.default({ heading: 'x' }));",
        "export const unknown = loadRemote('catalog/Nope');",
        '',
      ].join('\n'),
    );
    const { code, stderr } = await tessera(['check'], { CATALOG_URL: manifests.catalog!, CART_URL: manifests.cart! }, typedHost);
    expect(code).toBe(1);
    expect(stderr).not.toContain('src/aliased.ts');
    const lines = stderr.split('\n').filter((l) => l.includes('src/uses.ts'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/src\/uses\.ts:4:\d+  catalog\/ProductList  .*'heading' does not exist/);
    expect(lines[1]).toMatch(/src\/uses\.ts:5:\d+  catalog\/Nope  .*'"catalog\/Nope"' is not assignable/);
  }, 60_000);
});

