import { join } from 'node:path';
import { FederationError } from '@tessera/runtime';
import { expect, it } from 'vitest';
import { configKeys, resolveConfig, type FederationConfig } from './config.js';

const catalog = join(import.meta.dirname, '..', '..', '..', 'examples', 'shop', 'catalog');

/** mulberry32: a small seeded generator, so a failure reproduces from its seed. */
function generator(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const junk: unknown[] = [
  undefined, null, 0, -1, 18, NaN, true, false, '', ' ', 'false', 'banana', 'not a range!!', '^19.0.0', '19.1.0', 'catalog',
  'bad name', 'not a url', 'http://localhost:4001/mf-manifest.json', 'x@http://h/remoteEntry.js', '@/x', '../x.js', './src/ProductList.tsx',
  './src/missing.tsx', 'module', 'var', 'commonjs', [], ['react'], [1, 2], {}, { entry: 1 }, { import: './src/products.ts' },
  { external: 'x@http://h/e.js' }, () => 1, Symbol('s'), 10n, Object.create(null), { toString: null }, new Date(0), /x/,
];
const sharedOptionKeys = ['singleton', 'requiredVersion', 'strictVersion', 'eager', 'import', 'version', 'shareScope', 'packageName', 'shareKey', 'singelton'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function record(random: () => number, keys: readonly string[], value: () => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 4); i > 0; i--) out[pick(random, keys)] = value();
  return out;
}

/** A config from the generator: mostly plausible keys with good or wrong values, sometimes no object at all. */
function generateConfig(random: () => number): unknown {
  if (random() < 0.03) return pick(random, junk);
  const value = (): unknown => {
    const r = random();
    if (r < 0.5) return pick(random, junk);
    if (r < 0.7) return record(random, sharedOptionKeys, () => pick(random, junk));
    if (r < 0.85) return record(random, ['./A', 'B', './ProductList', 'react', 'catalog', 'bad name', ''], () => pick(random, junk));
    return [pick(random, junk), pick(random, junk)];
  };
  const config: Record<string, unknown> = random() < 0.8 ? { name: 'catalog', exposes: { './P': './src/products.ts' } } : {};
  for (let i = Math.floor(random() * 6); i > 0; i--) {
    const key = random() < 0.9 ? pick(random, [...configKeys, 'getPublicPath', 'experiments', 'expose']) : `k${Math.floor(random() * 9)}`;
    config[key] = key === 'shared' && random() < 0.5 ? record(random, ['react', 'react-dom', 'left-pad', 'react/jsx-runtime'], value) : value();
  }
  return config;
}

it('1,200 generated configs: each is resolved or rejected with a coded FederationError, never an untyped error', () => {
  let accepted = 0;
  let rejected = 0;
  for (let seed = 1; seed <= 1200; seed++) {
    const config = generateConfig(generator(seed));
    try {
      resolveConfig(config as FederationConfig, catalog);
      accepted++;
    } catch (error) {
      if (!(error instanceof FederationError) || error.code !== 'TESSERA_CONFIG_INVALID') {
        throw new Error(`seed ${seed}: ${String(error)}`, { cause: error });
      }
      expect(error.message).toMatch(/federation\.config\.ts is invalid:\n {2}- /);
      rejected++;
    }
  }
  expect(accepted + rejected).toBe(1200);
  // The generator must exercise both outcomes, or it tests nothing.
  expect(accepted).toBeGreaterThan(30);
  expect(rejected).toBeGreaterThan(600);
});
