import type { StoreRegistry } from './registry.js';
import type { StoreError } from './store-error.js';

export interface StoreOptions<S extends object> {
  /** Schema version of S, integer ≥ 1. Default 1. Bump it whenever the shape of S changes. */
  version?: number;
  /** The state before any write; also what a key keeps until some tab writes it. */
  initial: S;
  /** Turns state persisted or synced by an older schema into S. Without it, older state is reported (`TESSERA_STORE_MIGRATE_FAILED`) and ignored. */
  migrate?: (old: unknown, fromVersion: number) => S;
  /** 'tabs': sync across same-origin tabs over `BroadcastChannel('tessera-store:' + id)`. State must be structured-cloneable. */
  sync?: 'tabs';
  /** 'local': persist to localStorage key `tessera-store:<id>`, restored on reload. State must be JSON. Skipped where there is no localStorage. */
  persist?: 'local';
  /** Called with listener errors and rejected remote state; default: globalThis.reportError ?? console.error. */
  onError?: (error: StoreError) => void;
  /**
   * The registry to join. Default: the page's, `globalThis[Symbol.for('tessera.store.registry')]`,
   * shared by every copy of this package. Pass `createStoreRegistry()` to simulate another page or tab in tests.
   */
  registry?: StoreRegistry;
}

export type Listener<S> = (state: S, previous: S) => void;

export interface SubscribeOptions<T> {
  /** Whether two slices are the same (then the listener is not called). Default `Object.is`. */
  equalityFn?: (a: T, b: T) => boolean;
  /** Call the listener once at subscribe, with `(slice, slice)`. */
  fireImmediately?: boolean;
}

/**
 * A store: one per id per page, whichever app (and copy of this package) defined it first.
 * This object is shared across copies built months apart, so its shape is part of the
 * registry protocol: members are only ever added, never changed.
 */
export interface Store<S extends object> {
  readonly id: string;
  /** Schema version of S. */
  readonly version: number;
  /** The current state. The same object until a change, so usable as a `useSyncExternalStore` snapshot. */
  getState(): S;
  /**
   * Shallow-merges `partial` (or the partial returned by the function of the current state)
   * into a new state object; with `replace`, the partial becomes the whole state. Listeners are
   * called only when a top-level key changed (`Object.is`), added or, with `replace`, removed.
   * Each changed key is stamped, persisted and sent to other tabs.
   */
  setState(partial: Partial<S> | ((state: S) => Partial<S>), replace?: boolean): void;
  /** Calls `listener` after each change, local or from another tab. Returns the unsubscribe function. */
  subscribe(listener: Listener<S>): () => void;
  /** Calls `listener` when `selector`'s slice changed per `equalityFn` (default `Object.is`). */
  subscribe<T>(selector: (state: S) => T, listener: (slice: T, previous: T) => void, options?: SubscribeOptions<T>): () => void;
  /**
   * Closes tab sync, drops all listeners and removes the store from its registry (the next
   * `defineStore` of the id makes a new one). For tests and page teardown only: other apps on
   * the page hold this very object.
   */
  destroy(): void;
}
