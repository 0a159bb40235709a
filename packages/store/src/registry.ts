import { StoreError } from './store-error.js';
import type { ReplicatedStore, Store } from './types.js';

/**
 * The version of the shape every copy of `@tessera/store` relies on: the registry object,
 * the {@link Store} objects in it, and tab-sync messages. Changes only when one of them
 * changes incompatibly; adding members does not change it.
 */
export const PROTOCOL = 1;

/**
 * Where the stores of a page live. Protocol 1: `{ protocol: 1, stores: Map<id, Store> }`,
 * the Store being the object created by whichever copy of the package defined the id first,
 * with at least `id`, `version`, `getState`, `setState`, `subscribe`, `destroy`.
 */
export interface StoreRegistry {
  readonly protocol: number;
  readonly stores: Map<string, Store<any> | ReplicatedStore<any, any>>;
}

const KEY: unique symbol = Symbol.for('tessera.store.registry') as never;

/** A new, empty registry: another page, as far as stores are concerned. For tests. */
export function createStoreRegistry(): StoreRegistry {
  return { protocol: PROTOCOL, stores: new Map() };
}

/**
 * `given`, or the page's registry on `globalThis[Symbol.for('tessera.store.registry')]`,
 * created on first use. Looked up at each call, never cached.
 *
 * @throws StoreError `TESSERA_STORE_PROTOCOL_UNKNOWN` when its `protocol` is not {@link PROTOCOL}.
 */
export function joinRegistry(storeId: string, given?: StoreRegistry): StoreRegistry {
  const page = globalThis as { [KEY]?: StoreRegistry };
  const registry = given ?? (page[KEY] ??= createStoreRegistry());
  if (registry?.protocol !== PROTOCOL) {
    throw new StoreError(
      'TESSERA_STORE_PROTOCOL_UNKNOWN',
      storeId,
      `page registry has protocol ${registry?.protocol}, this copy ${PROTOCOL}; update @tessera/store in the older app`,
    );
  }
  return registry;
}
