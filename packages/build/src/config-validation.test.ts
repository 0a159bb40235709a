import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederationError } from '@tessera/runtime';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type FederationConfig } from './config.js';

const catalog = join(import.meta.dirname, '..', '..', '..', 'examples', 'shop', 'catalog');
const base = { name: 'catalog', exposes: { './ProductList': './src/ProductList.tsx' } };

/** The message of the FederationError a config is rejected with. */
function rejection(config: unknown, configFile?: string): string {
  try {
    resolveConfig(config as FederationConfig, catalog, configFile ? { configFile } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(FederationError);
    expect((error as FederationError).code).toBe('TESSERA_CONFIG_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('federation.config.ts validation (issue 9 item 8): each wrong value named with its key and a fix', () => {
  it('two exposes with one public name', () => {
    expect(rejection({ ...base, exposes: { './ProductList': './src/ProductList.tsx', './ProductList/': './src/products.ts' } })).toContain(
      'exposes: "./ProductList/" and "./ProductList" are the same public name for two files; give each expose its own name',
    );
  });

  it("requiredVersion 'not a range!!'", () => {
    expect(rejection({ ...base, shared: { react: { requiredVersion: 'not a range!!' } } })).toContain(
      'shared["react"].requiredVersion must be an npm range such as "^18.2.0" or ">=18", or false for any version (got "not a range!!")',
    );
  });

  it('requiredVersion as a number, in the object and in the string shorthand position', () => {
    expect(rejection({ ...base, shared: { react: { requiredVersion: 18 } } })).toContain('shared["react"].requiredVersion must be an npm range such as "^18.2.0"');
    expect(rejection({ ...base, shared: { react: 'banana' } })).toContain('shared["react"].requiredVersion must be an npm range');
  });

  it("eager: 'false' (a string, which would build as true)", () => {
    expect(rejection({ ...base, shared: { react: { eager: 'false' } } })).toContain(
      'shared["react"].eager must be true or false (got "false": a string is always true; write eager: false)',
    );
    expect(rejection({ ...base, shared: { react: { singleton: 'true' } } })).toContain('write singleton: true');
  });

  it("version: 'banana'", () => {
    expect(rejection({ ...base, shared: { react: { version: 'banana' } } })).toContain(
      'shared["react"].version must be a semver version such as "18.2.0" (got "banana"); leave it out to use the installed package\'s version',
    );
  });

  it("a remote named 'bad name' with entry 'not a url'", () => {
    const message = rejection({ ...base, remotes: { 'bad name': 'http://localhost:4001/mf-manifest.json', cart: 'not a url' } });
    expect(message).toContain('remotes["bad name"]: "bad name" is not a usable remote name (it begins the imports, as in "badname/Button"); use letters, digits, "_", "-" and "."');
    expect(message).toContain('remotes["cart"]: "not a url" is not a URL; write a full http(s) URL (file: for Node hosts) or an absolute path');
  });

  it('entries that are not http(s), and a bad global name before @', () => {
    expect(rejection({ ...base, remotes: { cart: 'ftp://example.com/remoteEntry.js' } })).toContain('remotes["cart"]: "ftp://example.com/remoteEntry.js" is not a URL');
    expect(rejection({ ...base, remotes: { cart: 'javascript:alert(1)' } })).toContain('remotes["cart"]: "javascript:alert(1)" is not a URL');
    expect(rejection({ ...base, remotes: { cart: 'my-cart@http://localhost:4002/remoteEntry.js' } })).toContain(
      'remotes["cart"]: the global name "my-cart" (before "@", or the remote\'s name) must be a JavaScript identifier',
    );
  });

  it("an app whose package.json is not JSON: a coded error, not a SyntaxError", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-bad-package-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{ "name": ');
      writeFileSync(join(dir, 'a.ts'), 'export {};');
      expect(() => resolveConfig({ name: 'a', exposes: { './a': './a.ts' } }, dir)).toThrow(/package\.json could not be read/);
      expect(() => resolveConfig({ name: 'a', exposes: { './a': './a.ts' } }, dir)).toThrow(FederationError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the config file the errors are in', () => {
    expect(rejection({ ...base, shared: { react: { eager: 'no' } } }, '/app/federation.x.config.ts')).toMatch(/^\[TESSERA_CONFIG_INVALID\] federation\.x\.config\.ts is invalid:/);
  });

  it('accepts good values of the same keys', () => {
    const config = resolveConfig(
      {
        ...base,
        remotes: { cart: 'http://localhost:4002/mf-manifest.json', 'legacy-app': 'legacy@http://localhost:4003/remoteEntry.var.js', local: '/cart/remoteEntry.js', node: 'file:///srv/cart/remoteEntry.js' },
        shared: { react: { requiredVersion: '>=18 <20', eager: false, version: '19.1.0', singleton: true } },
      },
      catalog,
    );
    expect(config.remotes.map((r) => [r.name, r.entry, r.type, r.entryGlobalName])).toEqual([
      ['cart', 'http://localhost:4002/mf-manifest.json', 'module', 'cart'],
      ['legacy-app', 'http://localhost:4003/remoteEntry.var.js', 'var', 'legacy'],
      ['local', '/cart/remoteEntry.js', 'module', 'local'],
      ['node', 'file:///srv/cart/remoteEntry.js', 'module', 'node'],
    ]);
    expect(config.shared.react).toMatchObject({ version: '19.1.0', eager: false, rule: { requiredVersion: '>=18 <20', singleton: true } });
  });
});
