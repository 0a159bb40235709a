import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { planUpdate } from './plan-update.js';

const root = '/app';
const outDir = '/app/.tessera/dev';
type Outputs = Metafile['outputs'];
const output = (inputs: string[], extra: Partial<Outputs[string]> = {}): Outputs[string] => ({
  bytes: 1, imports: [], exports: [], inputs: Object.fromEntries(inputs.map((i) => [i, { bytesInOutput: 1 }])), ...extra,
});
const metafile = (outputs: Outputs): Metafile => {
  const inputs: Metafile['inputs'] = {};
  for (const o of Object.values(outputs)) for (const i of Object.keys(o.inputs)) inputs[i] = { bytes: 1, imports: [] };
  return { inputs, outputs };
};

/** The catalog's dev build: ProductList its own entry with its own code chunk and CSS, products likewise, a dependency chunk. */
const build = (hash: string, cssHash = 'C1') => metafile({
  [`.tessera/dev/ProductList-${hash}.js`]: output([], { entryPoint: 'src/ProductList.tsx', cssBundle: `.tessera/dev/ProductList-${cssHash}.css` }),
  [`.tessera/dev/chunk-${hash}.js`]: output(['src/ProductList.tsx', 'src/ProductList.css', 'tessera-consume:react']),
  [`.tessera/dev/ProductList-${cssHash}.css`]: output(['src/ProductList.css']),
  '.tessera/dev/products-P1.js': output(['src/products.ts'], { entryPoint: 'src/products.ts' }),
  '.tessera/dev/chunk-DEPS.js': output(['../../node_modules/lodash/index.js', 'src/helpers.ts']),
});

describe('planUpdate', () => {
  it("imports a changed module's new file (its code chunk holds only it, generated consumers and its CSS)", () => {
    const plan = planUpdate({ root, outDir, previous: build('A'), next: build('B'), changed: ['/app/src/ProductList.tsx'] });
    expect(plan).toEqual({ kind: 'update', modules: [{ id: 'src/ProductList.tsx', url: 'ProductList-B.js' }], css: [] });
  });

  it('swaps a stylesheet whose file changed', () => {
    const plan = planUpdate({ root, outDir, previous: build('A', 'C1'), next: build('A', 'C2'), changed: ['/app/src/ProductList.css'] });
    expect(plan).toEqual({ kind: 'update', modules: [], css: [{ from: 'ProductList-C1.css', to: 'ProductList-C2.css' }] });
  });

  it('reloads when the changed module shares its file with a dependency, and ignores files the build does not read', () => {
    expect(planUpdate({ root, outDir, previous: build('A'), next: build('A'), changed: ['/app/src/helpers.ts'] })).toMatchObject({ kind: 'reload' });
    expect(planUpdate({ root, outDir, previous: build('A'), next: build('A'), changed: ['/app/README.md'] })).toEqual({ kind: 'update', modules: [], css: [] });
  });
});
