import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInstance, getFederationInfo, loadRemote } from '@tessera/runtime';
import { createMockContainer } from './mock-container.js';
import { mockRemote } from './mock-remote.js';
import { resetFederation } from './reset-federation.js';
import { createTestHost } from './test-host.js';

afterEach(() => resetFederation());

const ProductList = () => 'products';

describe('mockRemote', () => {
  it('lets loadRemote load in-memory modules, as webpack-style exports', async () => {
    const host = await createTestHost({ name: 'shell' });
    const catalog = mockRemote('catalog', { './ProductList': { default: ProductList, pageSize: 20 } });
    const module = await loadRemote<{ default: unknown; pageSize: number; __esModule: boolean }>('catalog/ProductList');
    expect(module).toMatchObject({ default: ProductList, pageSize: 20, __esModule: true });
    expect(await loadRemote('catalog/ProductList')).toBe(module); // the same exports on every get
    expect(catalog.container.requests).toEqual(['./ProductList']); // the host keeps the module it loaded
    expect(catalog.container.shareScope).toBe(host.shareScopes.default);
    expect(catalog.entry).toMatch(/^data:text\/javascript,/);
    expect(getFederationInfo().remotes).toMatchObject([{ host: 'shell', name: 'catalog', status: 'loaded' }]);
  });

  it('takes namespaces and names without "./", and rejects an unknown module with TESSERA_EXPOSE_NOT_FOUND', async () => {
    await createTestHost();
    const namespace = await import('./mock-container.js');
    mockRemote('tools', { mockContainer: namespace, '.': { default: 'root' } });
    expect((await loadRemote<typeof namespace>('tools/mockContainer')).createMockContainer).toBe(namespace.createMockContainer);
    expect(await loadRemote('tools')).toMatchObject({ default: 'root' });
    const error = await loadRemote('tools/Missing').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TESSERA_EXPOSE_NOT_FOUND', remote: 'tools' });
    expect((error as Error).message).toContain('./mockContainer, .');
  });

  it('replaces a remote of the same name, loaded or not; aliases work', async () => {
    await createTestHost({ remotes: { catalog: 'http://127.0.0.1:9/mf-manifest.json' }, shareStrategy: 'loaded-first' });
    mockRemote('catalog', { './ProductList': { default: 'first' } }, { alias: 'products' });
    expect(await loadRemote('products/ProductList')).toMatchObject({ default: 'first' });
    mockRemote('catalog', { './ProductList': { default: 'second' } });
    expect(await loadRemote('catalog/ProductList')).toMatchObject({ default: 'second' });
  });

  it('registers with the host given, and a host mocks no longer work once reset', async () => {
    const own = createInstance({ name: 'own-host' });
    mockRemote('catalog', { './ProductList': { default: ProductList } }, { host: own });
    expect(await own.loadRemote('catalog/ProductList')).toMatchObject({ default: ProductList });

    const later = createInstance({ name: 'later-host' });
    const mock = mockRemote('cart', { './CartSummary': { default: 1 } }, { host: later });
    await resetFederation();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(later.loadRemote('cart/CartSummary')).rejects.toMatchObject({ code: 'TESSERA_REMOTE_LOAD_FAILED', remote: 'cart' });
    expect(mock.container.requests).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('was dropped by resetFederation()'));
    warn.mockRestore();
  });
});

describe('createMockContainer', () => {
  it('keeps its first share scope, as built containers do', async () => {
    const container = createMockContainer('ui', { './Button': { default: 1 } });
    const scope = {};
    await container.init(scope);
    await container.init(scope);
    expect(() => container.init({})).toThrow(expect.objectContaining({ code: 'TESSERA_SHARE_SCOPE_CONFLICT', remote: 'ui' }));
    expect(() => createMockContainer('ui', undefined as never)).toThrow(expect.objectContaining({ code: 'TESSERA_INVALID_OPTIONS' }));
  });
});
