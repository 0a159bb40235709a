import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineStore } from './define-store.js';
import { createStoreRegistry } from './registry.js';
import { isStoreError } from './store-error.js';

type StorePackage = typeof import('./index.js');

const REGISTRY = Symbol.for('tessera.store.registry');
const page = globalThis as { [REGISTRY]?: unknown };

afterEach(() => {
  delete page[REGISTRY];
});

describe('registry: one store per id per page', () => {
  it('returns the same object for the same id and version', () => {
    const a = defineStore('cart', { initial: { n: 0 } });
    const b = defineStore('cart', { initial: { n: 42 } });
    expect(b).toBe(a);
    expect(b.getState()).toEqual({ n: 0 });
    expect(defineStore('other', { initial: { n: 0 } })).not.toBe(a);
  });

  it('lives on globalThis under Symbol.for("tessera.store.registry") with protocol 1', () => {
    const store = defineStore('cart', { initial: { n: 0 } });
    expect(page[REGISTRY]).toEqual({ protocol: 1, stores: new Map([['cart', store]]) });
  });

  it('throws TESSERA_STORE_VERSION_CONFLICT for the same id with another version, naming both', () => {
    defineStore('cart', { version: 1, initial: { n: 0 } });
    let thrown: unknown;
    try {
      defineStore('cart', { version: 2, initial: { count: 0 } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'StoreError', code: 'TESSERA_STORE_VERSION_CONFLICT', storeId: 'cart' });
    expect((thrown as Error).message).toMatch(/version 1.*version 2.*same version.*new store id/);
  });

  it('throws TESSERA_STORE_PROTOCOL_UNKNOWN when the page registry speaks another protocol', () => {
    page[REGISTRY] = { protocol: 2, stores: new Map(), somethingNew: true };
    expect(() => defineStore('cart', { initial: {} })).toThrow(expect.objectContaining({ code: 'TESSERA_STORE_PROTOCOL_UNKNOWN', message: expect.stringContaining('protocol 2') }));
    page[REGISTRY] = 'not a registry';
    expect(() => defineStore('cart', { initial: {} })).toThrow(expect.objectContaining({ code: 'TESSERA_STORE_PROTOCOL_UNKNOWN' }));
  });

  it('keeps separate registries apart, and destroy() frees the id', () => {
    const registry = createStoreRegistry();
    const here = defineStore('cart', { initial: { n: 0 }, registry });
    const elsewhere = defineStore('cart', { initial: { n: 0 }, registry: createStoreRegistry() });
    expect(elsewhere).not.toBe(here);
    here.destroy();
    expect(registry.stores.size).toBe(0);
    expect(defineStore('cart', { version: 2, initial: { n: 0 }, registry })).not.toBe(here);
  });
});

describe('registry: two independent copies of the package (each app bundles its own)', () => {
  let dir: string;
  let copyA: StorePackage;
  let copyB: StorePackage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-store-'));
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const load = async (name: string): Promise<StorePackage> => {
      const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', write: false, logLevel: 'silent', banner: { js: `// copy ${name}` } });
      const file = join(dir, `${name}.mjs`);
      await writeFile(file, result.outputFiles[0]!.text);
      return import(/* @vite-ignore */ pathToFileURL(file).href);
    };
    [copyA, copyB] = await Promise.all([load('app-a'), load('app-b')]);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('are really two copies', () => {
    expect(copyA.defineStore).not.toBe(copyB.defineStore);
    expect(copyA.StoreError).not.toBe(copyB.StoreError);
  });

  it('share one store: the very same object, a set through one seen through the other', () => {
    const fromA = copyA.defineStore('cart', { initial: { items: [] as string[] } });
    const fromB = copyB.defineStore('cart', { initial: { items: [] as string[] } });
    expect(fromB).toBe(fromA);
    expect(defineStore('cart', { initial: { items: [] as string[] } })).toBe(fromA);
    const seenByA: string[][] = [];
    fromA.subscribe((state) => seenByA.push(state.items));
    fromB.setState({ items: ['apple'] });
    expect(fromA.getState()).toEqual({ items: ['apple'] });
    expect(seenByA).toEqual([['apple']]);
  });

  it('refuse a version conflict across copies, with an error any copy recognises', () => {
    copyA.defineStore('cart', { version: 1, initial: {} });
    let thrown: unknown;
    try {
      copyB.defineStore('cart', { version: 2, initial: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(copyB.StoreError);
    expect(thrown).not.toBeInstanceOf(copyA.StoreError);
    expect(copyA.isStoreError(thrown) && isStoreError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'TESSERA_STORE_VERSION_CONFLICT' });
  });
});
