import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, isolatedDeclarations, loadConfig, typescriptDeclarations } from '@tessera/build';

const repo = join(import.meta.dirname, '..', '..');
const work = join(repo, 'tmp', `declarations-test-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A declaration file as a type checker reads it: parsed and printed again (formatting, quotes and comments aside). */
function structure(text: string): string {
  const file = ts.createSourceFile('x.d.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return ts.createPrinter({ removeComments: true }).printFile(file);
}

const apps = [
  'examples/shop/catalog', 'examples/shop/cart',
  // (beta's source is alpha's)
  'test/fixtures/alpha', 'test/fixtures/gamma', 'test/fixtures/interop-remote',
];

describe('declarations of the exposed modules', () => {
  it.each(apps)('%s: the isolated emitter writes what the TypeScript compiler writes', async (app) => {
    const config = await loadConfig(join(repo, app));
    const fast = await isolatedDeclarations(config.root, config.exposes);
    expect(fast.problems).toEqual([]);
    const full = typescriptDeclarations({ root: config.root, exposes: config.exposes })!;
    expect(fast.exposeOutputs).toEqual(full.exposeOutputs);
    const compiler = new Map(full.outputs);
    expect(fast.outputs.length).toBeGreaterThan(0);
    for (const [path, text] of fast.outputs) {
      expect(compiler.has(path), `${path} is also written by the compiler`).toBe(true);
      expect(structure(text)).toBe(structure(compiler.get(path)!));
    }
  }, 60_000);

  it('a file without explicit types gets a warning with file:line:column and the fix, and correct declarations from the compiler', async () => {
    const root = join(work, 'untyped');
    cpSync(join(repo, 'examples', 'shop', 'catalog'), root, { recursive: true, filter: (src) => !/node_modules|dist/.test(src) });
    const source = join(root, 'src', 'ProductList.tsx');
    const typed = readFileSync(source, 'utf8');
    writeFileSync(source, typed.replace('ProductListProps): JSX.Element {', 'ProductListProps) {'));
    const line = typed.split('\n').findIndex((l) => l.startsWith('export default function ProductList')) + 1;

    const report = await buildApp(await loadConfig(root));
    expect(report.declarationsEmitter).toBe('typescript');
    expect(report.warnings).toEqual([
      `catalog: src/ProductList.tsx:${line}:25  TS9007: Function must have an explicit return type annotation; add a return type to the exported function (declarations fell back to the TypeScript compiler, slower)`,
    ]);
    const declaration = readFileSync(join(root, 'dist', '@types', 'catalog', 'ProductList.d.ts'), 'utf8');
    expect(declaration).toContain('title?: string;');
    expect(declaration).toMatch(/export default function ProductList\(\{ title }: ProductListProps\): (import\("react"\)\.)?JSX\.Element;/);
    const manifest = JSON.parse(readFileSync(join(root, 'dist', 'mf-manifest.json'), 'utf8'));
    expect(manifest.metaData.types.files).toEqual(['catalog/ProductList.d.ts', 'catalog/products.d.ts', 'index.d.ts']);
  }, 60_000);
});
