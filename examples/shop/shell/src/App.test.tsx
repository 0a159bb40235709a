import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { prerenderToNodeStream } from 'react-dom/static';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildIsolated } from '../../../../test/support/isolated-build.js';
import { getFederationInfo } from '@tessera/runtime';
import { createTestHost, mockRemote, provideShared, resetFederation } from '@tessera/testing';

const shop = join(import.meta.dirname, '..', '..');
const dist: Record<string, string> = {};

beforeAll(async () => {
  for (const app of ['catalog', 'cart']) {
    dist[app] = (await buildIsolated(join(shop, app))).outDir;
  }
});

// Each test starts from a fresh module registry and imports App after making its host: App and
// createTestHost then share one copy of @tessera/runtime, and the test's host is the one App loads from.
beforeEach(() => {
  vi.resetModules();
});
afterEach(() => resetFederation());

/** The shell's React, provided to the remotes as the singleton they share. */
async function shared() {
  return provideShared(
    { react: await import('react'), 'react/jsx-runtime': await import('react/jsx-runtime'), 'react-dom': await import('react-dom') },
    { singleton: true, from: import.meta.url },
  );
}

/** The shell's App rendered to HTML once every Suspense boundary (every remote) has resolved. */
async function renderApp(): Promise<string> {
  const { App } = await import('./App.js');
  const { prelude } = await prerenderToNodeStream(<App />);
  return text(prelude);
}

describe('shell App', () => {
  it('renders the catalog and the cart from their built dist/', async () => {
    await createTestHost({ name: 'shell', remotes: { catalog: dist.catalog!, cart: dist.cart! }, shared: await shared() });
    const html = await renderApp();
    expect(html).toContain('data-testid="product-list"');
    expect(html).toContain('Green tea');
    expect(html).toContain('data-testid="cart-summary"');
    expect(html).not.toContain('Loading catalog');
    // One React on the page: both remotes took the shell's copy (the test's node_modules).
    const react = getFederationInfo().shared.find((s) => s.key === 'react')!;
    expect(react.consumers.map((c) => `${c.consumer} <- ${c.from}`).sort()).toEqual(['cart <- shell', 'catalog <- shell']);
  });

  it('renders mock remotes', async () => {
    const host = await createTestHost({ name: 'shell', shared: await shared() });
    const catalog = mockRemote('catalog', {
      './ProductList': { default: () => <p data-testid="mock-product-list">Mock products</p> },
    });
    mockRemote('cart', { './CartSummary': { default: () => <aside data-testid="mock-cart-summary" /> } });
    const html = await renderApp();
    expect(html).toContain('data-testid="mock-product-list"');
    expect(html).not.toContain('data-testid="product-list"');
    expect(html).toContain('data-testid="mock-cart-summary"');
    expect(catalog.container.requests).toEqual(['./ProductList']);
    expect(catalog.container.shareScope).toBe(host.shareScopes.default);
  });
});
