/**
 * `@tessera/testing`: federation in Vitest/Node without a network or a browser.
 *
 * - `createTestHost({ name, remotes, shared })`: the page's host; `remotes` may be built folders
 *   on disk. Code that calls `loadRemote` (a `RemoteComponent`) then loads through it.
 * - `mockRemote(name, exposes)`: an in-memory remote registered with that host.
 * - `provideShared(modules, options)`: `shared` entries from the test's own node_modules.
 * - `loadContainer(distDir, { host, shared })`: one built remote's container, initialised with a
 *   real share scope, to test its exposed modules directly.
 * - `resetFederation()`: a blank page between tests.
 *
 * A host component that renders remote ones, from the remotes' built `dist/` and from mocks
 * (`RemoteComponent` keeps a loaded component per id for the life of the module, so each test
 * resets the module registry and imports the component under test afterwards):
 *
 * ```tsx
 * import { join } from 'node:path';
 * import { text } from 'node:stream/consumers';
 * import { prerenderToNodeStream } from 'react-dom/static';
 * import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
 * import { buildApp, loadConfig } from '@tessera/build';
 * import { createTestHost, mockRemote, provideShared, resetFederation } from '@tessera/testing';
 *
 * const dist: Record<string, string> = {};
 * beforeAll(async () => {
 *   for (const app of ['catalog', 'cart']) {
 *     const config = await loadConfig(join(import.meta.dirname, '..', '..', app));
 *     await buildApp(config);
 *     dist[app] = config.outDir;
 *   }
 * });
 * beforeEach(() => vi.resetModules());
 * afterEach(() => resetFederation());
 *
 * const shared = async () => provideShared(
 *   { react: await import('react'), 'react/jsx-runtime': await import('react/jsx-runtime'), 'react-dom': await import('react-dom') },
 *   { singleton: true, from: import.meta.url },
 * );
 * async function renderApp(): Promise<string> {
 *   const { App } = await import('./App.js'); // after createTestHost: the runtime it initialised
 *   const { prelude } = await prerenderToNodeStream(<App />); // waits for Suspense
 *   return text(prelude);
 * }
 *
 * it('renders the catalog from its build', async () => {
 *   await createTestHost({ name: 'shell', remotes: { catalog: dist.catalog!, cart: dist.cart! }, shared: await shared() });
 *   expect(await renderApp()).toContain('data-testid="product-list"');
 * });
 *
 * it('renders a mock catalog', async () => {
 *   await createTestHost({ name: 'shell', shared: await shared() });
 *   mockRemote('catalog', { './ProductList': { default: () => <p data-testid="mock-products" /> } });
 *   expect(await renderApp()).toContain('data-testid="mock-products"');
 * });
 * ```
 *
 * Errors are `FederationError`s of `@tessera/runtime` (codes in docs/errors.md).
 */
export { createTestHost, type TestHostOptions, type TestRemote } from './test-host.js';
export { mockRemote, type MockRemote, type MockRemoteOptions } from './mock-remote.js';
export { createMockContainer, type MockContainer } from './mock-container.js';
export { provideShared, type ProvideSharedOptions } from './provide-shared.js';
export { loadContainer, type LoadContainerOptions, type LoadedContainer } from './load-container.js';
export { resetFederation } from './reset-federation.js';
export { distEntry, type DistEntry } from './dist-entry.js';
