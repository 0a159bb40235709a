import { registerRemotes, type FederationInstance, type RemoteInput } from '@tessera/runtime';
import { createMockContainer, type MockContainer } from './mock-container.js';
import { mockEntrySource, testingRegistry } from './registry.js';

export interface MockRemoteOptions {
  /**
   * Runtime instance to register the remote with. Default: the one the last `createTestHost` made,
   * else the runtime's page-wide instance (the last `init()`).
   */
  host?: FederationInstance;
  /** Another name to load its modules by, as `RemoteInput.alias`. */
  alias?: string;
  /** Share scope the host initialises it with. Default: the host's. */
  shareScope?: string;
}

/** A registered in-memory remote. */
export interface MockRemote {
  readonly name: string;
  /** Its remote entry as registered: a `data:` URL module forwarding to `container`. */
  readonly entry: string;
  /** The container; `container.requests` and `container.shareScope` show what the host did with it. */
  readonly container: MockContainer;
}

/**
 * Registers an in-memory remote, so code that calls `loadRemote('catalog/ProductList')` gets
 * `exposes['./ProductList']`: `mockRemote('catalog', { './ProductList': { default: ProductList } })`.
 * Modules are objects of exports or `import()` namespaces; see `createMockContainer`.
 * The host loads it as any module remote: its entry (a `data:` URL) is imported, initialised with
 * the host's share scope, then asked `get('./ProductList')`, so runtime plugins and federation
 * info see it. Registered with `force`, it replaces a remote of the same name, loaded or not.
 * Call it after `createTestHost` (or your own `init()`); `resetFederation()` drops it.
 * Throws TESSERA_INVALID_OPTIONS when there is no runtime instance yet or `exposes` is not an object.
 */
export function mockRemote(name: string, exposes: Record<string, unknown>, options: MockRemoteOptions = {}): MockRemote {
  const registry = testingRegistry();
  const container = createMockContainer(name, exposes);
  const key = `${name}#${++registry.nextMock}`;
  const entry = `data:text/javascript,${encodeURIComponent(mockEntrySource(key))}`;
  const remote: RemoteInput = {
    name, entry, type: 'module',
    ...(options.alias ? { alias: options.alias } : {}),
    ...(options.shareScope ? { shareScope: options.shareScope } : {}),
  };
  const host = options.host ?? registry.host;
  if (host) host.registerRemotes([remote], { force: true });
  else registerRemotes([remote], { force: true });
  registry.mocks.set(key, container);
  return { name, entry, container };
}
