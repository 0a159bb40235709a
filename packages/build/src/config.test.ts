import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type FederationConfig } from './config.js';

const catalog = join(import.meta.dirname, '..', '..', '..', 'examples', 'shop', 'catalog');
const problems = (config: unknown) => {
  try {
    resolveConfig(config as FederationConfig, catalog);
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected the config to be rejected');
};

describe('resolveConfig', () => {
  it('fills in webpack defaults: version installed, requiredVersion from package.json, strictVersion', () => {
    const config = resolveConfig(
      { name: 'catalog', exposes: { './ProductList': './src/ProductList.tsx' }, shared: { react: { singleton: true }, 'react-dom': {} } },
      catalog,
    );
    expect(config.filename).toBe('remoteEntry.js');
    expect(config.shareScope).toBe('default');
    expect(config.shareStrategy).toBe('version-first');
    expect(config.outDir).toBe(join(catalog, 'dist'));
    expect(config.exposes['./ProductList']).toBe(join(catalog, 'src', 'ProductList.tsx'));
    expect(config.shared.react).toMatchObject({ rule: { requiredVersion: '^19.1.0', singleton: true, strictVersion: false }, import: true });
    expect(config.shared.react!.version).toMatch(/^19\./);
    expect(config.shared['react-dom']).toMatchObject({ rule: { singleton: false, strictVersion: true } });
  });

  it('accepts shared as a list of names or with a requiredVersion string', () => {
    const config = resolveConfig({ name: 'c', exposes: { './P': './src/products.ts' }, shared: ['react'] }, catalog);
    expect(Object.keys(config.shared)).toEqual(['react']);
    const ranged = resolveConfig({ name: 'c', exposes: { './P': './src/products.ts' }, shared: { react: '>=18' } }, catalog);
    expect(ranged.shared.react!.rule.requiredVersion).toBe('>=18');
  });

  it('lists every mistake at once, each with what to write instead', () => {
    const error = problems({
      name: 'my-app',
      expose: {},
      exposes: { ProductList: './src/Missing.tsx' },
      shared: { react: { singelton: true }, 'left-pad-is-not-installed': {} },
      remotes: { cart: {} },
      shareStrategy: 'fastest',
    });
    expect(error.code).toBe('TESSERA_CONFIG_INVALID');
    expect(error.message).toContain('unknown key "expose" (did you mean "exposes"?)');
    expect(error.message).toContain('"name" must be a JavaScript identifier such as "catalog" (got "my-app")');
    expect(error.message).toContain('exposes: "ProductList" must start with "./" (e.g. "./ProductList")');
    expect(error.message).toContain('exposes["ProductList"]: ./src/Missing.tsx does not exist');
    expect(error.message).toContain('shared["react"]: unknown option "singelton" (did you mean "singleton"?)');
    expect(error.message).toContain('package "left-pad-is-not-installed" is not installed');
    expect(error.message).toContain('remotes["cart"] needs an entry URL');
    expect(error.message).toContain('"shareStrategy" must be "version-first" or "loaded-first"');
  });

  it('a consume-only shared package need not be installed', () => {
    const config = resolveConfig({ name: 'c', exposes: { './P': './src/products.ts' }, shared: { 'not-installed': { import: false } } }, catalog);
    expect(config.shared['not-installed']).toMatchObject({ import: false, rule: { strictVersion: false } });
  });

  it('takes a list of entries for a remote, the primary then mirrors, and checks each', () => {
    const config = resolveConfig(
      { name: 'c', exposes: { './P': './src/products.ts' }, remotes: { cart: ['http://a.example/mf-manifest.json', 'http://b.example/mf-manifest.json'], inv: { entry: ['http://c.example/remoteEntry.js'] } } },
      catalog,
    );
    expect(config.remotes.find((r) => r.name === 'cart')!.entries.map((e) => e.url)).toEqual(['http://a.example/mf-manifest.json', 'http://b.example/mf-manifest.json']);
    expect(config.remotes.find((r) => r.name === 'inv')!.entry).toBe('http://c.example/remoteEntry.js');
    expect(problems({ name: 'c', exposes: { './P': './src/products.ts' }, remotes: { cart: ['http://a.example/mf-manifest.json', 'not a url'] } }).message).toContain('"not a url" is not a URL');
    expect(problems({ name: 'c', exposes: { './P': './src/products.ts' }, remotes: { cart: [] } }).message).toContain('remotes["cart"] needs an entry URL');
  });

  it('rejects a config that builds nothing', () => {
    expect(problems({ name: 'empty' }).message).toContain('nothing to build');
  });
});
