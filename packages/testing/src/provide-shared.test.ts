import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { provideShared } from './provide-shared.js';

const alphaRoot = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'alpha');

describe('provideShared', () => {
  it('provides each module eagerly with the version installed where the test runs', async () => {
    const ms = await import('ms');
    const shared = provideShared({ ms }, { requiredVersion: '^2.0.0' });
    expect(shared.ms).toMatchObject({ version: '2.1.3', requiredVersion: '^2.0.0' });
    // A CommonJS package is provided as its module.exports, as webpack gives it to consumers.
    expect(shared.ms!.lib!()).toBe(ms.default);
  });

  it('reads the version from node_modules at or above `from`; a subpath key takes its package version', async () => {
    const react = await import('react');
    const jsx = await import('react/jsx-runtime');
    const { version } = (await import('react/package.json', { with: { type: 'json' } })).default;
    const shared = provideShared({ react, 'react/jsx-runtime': jsx }, { singleton: true, from: import.meta.url });
    expect(shared.react).toMatchObject({ version, singleton: true });
    expect(shared['react/jsx-runtime']).toMatchObject({ version, singleton: true });
    expect((shared.react!.lib!() as typeof react.default).useState).toBe(react.useState);

    const fromAlpha = provideShared({ ms: await import('ms') }, { from: pathToFileURL(join(alphaRoot, 'federation.config.ts')) });
    expect(fromAlpha.ms!.version).toBe('2.0.0');
  });

  it('gives an ES module namespace its exports with __esModule, and other values as they are', async () => {
    const esm = await import('./mock-container.js');
    const shared = provideShared({ ms: esm, react: { createElement: 1 } });
    const exports = shared.ms!.lib!() as Record<string, unknown>;
    expect(exports.__esModule).toBe(true);
    expect(exports.createMockContainer).toBe(esm.createMockContainer);
    expect(shared.react!.lib!()).toEqual({ createElement: 1 });
  });

  it('throws TESSERA_INVALID_OPTIONS for a package that is not installed', () => {
    expect(() => provideShared({ 'not-installed-anywhere': {} })).toThrow(expect.objectContaining({ code: 'TESSERA_INVALID_OPTIONS' }));
  });
});
