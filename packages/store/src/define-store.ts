import { mergeNewer } from './last-writer-wins.js';
import { newTabId, type Clocks, type Stamp } from './lamport-clock.js';
import { localPersistence } from './persist.js';
import { joinRegistry } from './registry.js';
import { adoptSnapshot } from './snapshot.js';
import { isStoreError, StoreError } from './store-error.js';
import { joinTabs, type TabSync } from './tab-sync.js';
import type { Listener, Store, StoreOptions, SubscribeOptions } from './types.js';

/**
 * The page's store `id`: the existing one if any app (any copy of this package) defined it
 * already, else a new one made from `options`, which then holds for every later caller (their
 * `initial`, `migrate`, `sync`, `persist`, `onError` are ignored; only `version` is checked).
 *
 * A new store restores `localStorage["tessera-store:<id>"]` synchronously (`persist: 'local'`),
 * then joins the other tabs (`sync: 'tabs'`), whose current state arrives asynchronously and
 * notifies listeners like any change. Top-level keys are last-writer-wins across tabs, ordered
 * by Lamport stamps `[counter, tabId]`.
 *
 * @throws StoreError `TESSERA_STORE_INVALID_OPTIONS`, `TESSERA_STORE_PROTOCOL_UNKNOWN` (the
 *   page's registry is from an incompatible copy), `TESSERA_STORE_VERSION_CONFLICT` (the id
 *   exists with another `version`).
 */
export function defineStore<S extends object>(id: string, options: StoreOptions<S>): Store<S> {
  const { version = 1, initial, migrate, sync, persist } = options;
  if (!id || typeof id !== 'string' || !Number.isInteger(version) || version < 1 || typeof initial !== 'object' || !initial || (sync && sync !== 'tabs') || (persist && persist !== 'local')) {
    throw new StoreError('TESSERA_STORE_INVALID_OPTIONS', String(id), 'id must be a non-empty string, version an integer ≥ 1, initial an object');
  }
  const registry = joinRegistry(id, options.registry);
  const existing = registry.stores.get(id) as Store<S> | undefined;
  if (existing) {
    if (existing.version === version) return existing;
    throw new StoreError(
      'TESSERA_STORE_VERSION_CONFLICT',
      id,
      `already defined on this page with schema version ${existing.version}, asked for version ${version}. Deploy the apps sharing it with the same version, or give the new shape a new store id`,
    );
  }

  const onError = options.onError ?? ((error) => ((globalThis as { reportError?: (e: unknown) => void }).reportError ?? console.error)(error));
  const report = (error: StoreError) => {
    try {
      onError(error);
    } catch (thrown) {
      setTimeout(() => {
        throw thrown;
      });
    }
  };
  const listenerFailed = (error: unknown) => report(new StoreError('TESSERA_STORE_LISTENER_FAILED', id, 'a listener threw', error));
  const tab = newTabId();
  const listeners = new Set<Listener<S>>();
  const storage = persist && localPersistence(id, report);
  let tabs: TabSync | undefined;
  let state = initial;
  let clocks: Clocks = {};
  let time = 0; // Lamport counter: above every stamp seen

  const commit = (next: S, nextClocks: Clocks, local: boolean) => {
    const previous = state;
    state = next;
    clocks = nextClocks;
    if (storage || (local && tabs)) {
      const snapshot = { version, state, clocks };
      storage?.write(snapshot);
      if (local) tabs?.publish(snapshot);
    }
    if (next !== previous) {
      for (const listener of listeners) {
        try {
          listener(state, previous); // the live state: a listener may have set it again (as zustand)
        } catch (error) {
          listenerFailed(error);
        }
      }
    }
  };

  /** Merges a snapshot from another tab or its JSON text from localStorage (null: none), in any schema version. */
  const receive = (input: unknown) => {
    if (input === null) return;
    try {
      const remote = adoptSnapshot(id, typeof input === 'string' ? JSON.parse(input) : input, version, migrate);
      for (const [counter] of Object.values(remote.clocks)) time = Math.max(time, counter);
      const merged = mergeNewer(state, clocks, remote);
      if (merged) commit(merged.state, merged.clocks, false);
    } catch (error) {
      report(isStoreError(error) ? error : new StoreError('TESSERA_STORE_STATE_INVALID', id, 'unreadable state; ignored', error));
    }
  };

  const tracked = !!(sync || persist); // clocks only matter to tabs and storage
  const setState: Store<S>['setState'] = (partial, replace) => {
    const patch = (typeof partial === 'function' ? partial(state) : partial) as Record<string, unknown>;
    const old = state as S & Record<string, unknown>;
    let changed: string[] | undefined;
    for (const key of Object.keys(patch)) if (!Object.hasOwn(old, key) || !Object.is(patch[key], old[key])) (changed ??= []).push(key);
    if (replace) for (const key of Object.keys(old)) if (!Object.hasOwn(patch, key)) (changed ??= []).push(key);
    if (!changed) return;
    let nextClocks = clocks;
    if (tracked) {
      const stamp: Stamp = [++time, tab];
      nextClocks = { ...clocks };
      for (const key of changed) nextClocks[key] = stamp;
    }
    commit((replace ? { ...patch } : { ...state, ...patch }) as S, nextClocks, true);
  };

  const subscribe = <T>(selector: Listener<S> | ((state: S) => T), listener?: (slice: T, previous: T) => void, options: SubscribeOptions<T> = {}) => {
    let wrapped = selector as Listener<S>;
    if (listener) {
      const equal = options.equalityFn ?? Object.is;
      let slice = (selector as (state: S) => T)(state);
      wrapped = (next) => {
        const previous = slice;
        slice = (selector as (state: S) => T)(next);
        if (!equal(previous, slice)) listener(slice, previous);
      };
      if (options.fireImmediately) {
        try {
          listener(slice, slice);
        } catch (error) {
          listenerFailed(error);
        }
      }
    }
    listeners.add(wrapped);
    return () => void listeners.delete(wrapped);
  };

  const store: Store<S> = {
    id,
    version,
    getState: () => state,
    setState,
    subscribe: subscribe as Store<S>['subscribe'],
    destroy() {
      tabs?.close();
      listeners.clear();
      if (registry.stores.get(id) === store) registry.stores.delete(id);
    },
  };
  registry.stores.set(id, store);

  if (storage) receive(storage.read());
  if (sync) tabs = joinTabs(id, () => (Object.keys(clocks).length ? { version, state, clocks } : undefined), receive, report);
  return store;
}
