import type { ActionCreators, ActionHandlers, ActionOf } from './actions.js';
import type { StoreRegistry } from './registry.js';
import type { Sync } from './sequencer.js';
import type { StoreError } from './store-error.js';
import type { Schema } from './validate.js';

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
  /** Standard Schema validator (zod, valibot, arktype…) of the state: persisted or synced state it refuses is reported and ignored (persisted: kept aside), `setState` to a refused state throws `TESSERA_STORE_STATE_INVALID`. */
  schema?: { state?: Schema<S> };
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

/** What `useStore` and any reader needs: a local {@link Store} and a {@link ReplicatedStore} both are one. */
export interface ReadableStore<S> {
  getState(): S;
  subscribe(listener: Listener<S>): () => void;
}

export interface ReplicatedStoreOptions<S extends object, H extends ActionHandlers<S>> {
  /** Schema version of S, integer ≥ 1. Default 1. Replicas of different versions never mix; persisted state of an older one goes through `migrate`. */
  version?: number;
  /** The state before any action. */
  initial: S;
  /** The reducer, one pure function per action type: `(state, payload) => next state`, never mutating `state`. Actions must be JSON. */
  actions: H;
  /** Standard Schema validators: `state` for every state (persisted, synced, after each action), `action` for every action (dispatched or synced). */
  schema?: { state?: Schema<S>; action?: Schema<ActionOf<H>> };
  /** Turns persisted state of an older schema version into S. */
  migrate?: (old: unknown, fromVersion: number) => S;
  /**
   * Who agrees on the order of actions. Default: none, this replica alone. `'tabs'`: the
   * same-origin tabs of this browser, ordered by a leader tab (Web Locks API, BroadcastChannel);
   * or a {@link Sync} such as the relay's, for devices.
   */
  sync?: 'tabs' | Sync;
  /** 'local': persist the confirmed state and the pending actions to localStorage (`tessera-store:<id>…`). */
  persist?: 'local';
  /** Called with refused data, failed writes and listener errors; default: globalThis.reportError ?? console.error. */
  onError?: (error: StoreError) => void;
  /** The registry to join (default: the page's). Pass `createStoreRegistry()` to simulate another tab in tests. */
  registry?: StoreRegistry;
}

/**
 * A replicated store: its state is the result of its actions, applied by its reducer in one
 * order agreed by every replica (tab, device). `dispatch` applies an action at once on this
 * replica (optimistically) and submits it; when the agreed order puts other replicas' actions
 * before it, the pending actions are replayed on the confirmed state (rebase, as Replicache does).
 */
export interface ReplicatedStore<S extends object, H extends ActionHandlers<S> = ActionHandlers<S>> extends ReadableStore<S> {
  readonly id: string;
  readonly version: number;
  /** The confirmed state with this replica's pending actions applied on top. The same object until a change. */
  getState(): S;
  subscribe(listener: Listener<S>): () => void;
  subscribe<T>(selector: (state: S) => T, listener: (slice: T, previous: T) => void, options?: SubscribeOptions<T>): () => void;
  /**
   * Applies `action` here at once, persists it as pending and submits it for ordering.
   *
   * @throws StoreError `TESSERA_STORE_ACTION_INVALID` (unknown type, or refused by `schema.action`),
   *   `TESSERA_STORE_STATE_INVALID` (the reducer's result is refused by `schema.state`),
   *   `TESSERA_STORE_REDUCER_FAILED` (the reducer threw). Nothing changed then.
   */
  dispatch(action: ActionOf<H>): void;
  /** Typed action creators: `store.dispatch(store.actions.add(product))`. */
  readonly actions: ActionCreators<H>;
  /** `seq`: position of the confirmed state in the agreed order; `pending`: this replica's actions not yet confirmed. */
  status(): { seq: number; pending: number };
  /** Stops syncing, drops listeners, leaves the registry. For tests and page teardown. */
  destroy(): void;
}
