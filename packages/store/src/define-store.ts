import { mergeNewer } from './last-writer-wins.js';
import { copyClocks, newTabId, type Clocks, type Stamp } from './lamport-clock.js';
import { createListeners } from './listeners.js';
import { localPersistence } from './persist.js';
import { joinRegistry } from './registry.js';
import { adoptSnapshot } from './snapshot.js';
import { isStoreError, refusedPersisted, reporter, StoreError } from './store-error.js';
import { joinTabs, type TabSync } from './tab-sync.js';
import type { Store, StoreOptions } from './types.js';
import { validate } from './validate.js';

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
    if (existing.version === version && typeof (existing as { dispatch?: unknown }).dispatch !== 'function') return existing;
    throw new StoreError(
      'TESSERA_STORE_VERSION_CONFLICT',
      id,
      `already defined on this page with schema version ${existing.version}, asked for version ${version}. Deploy the apps sharing it with the same version, or give the new shape a new store id`,
    );
  }

  const report = reporter(options.onError);
  const schema = options.schema?.state;
  const tab = newTabId();
  const listeners = createListeners(() => state, (error) => report(new StoreError('TESSERA_STORE_LISTENER_FAILED', id, 'a listener threw', error)));
  const storage = persist && localPersistence(id, report);
  let tabs: TabSync | undefined;
  let state = initial;
  let clocks: Clocks = copyClocks({});
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
    if (next !== previous) listeners.notify(previous);
  };

  /** Merges a snapshot from another tab or parsed from localStorage, in any schema version; throws a StoreError when it is refused. */
  const merge = (input: unknown) => {
    const remote = adoptSnapshot(id, input, version, migrate);
    remote.state = validate(schema, remote.state, id, 'TESSERA_STORE_STATE_INVALID', 'state');
    for (const [counter] of Object.values(remote.clocks)) time = Math.max(time, counter);
    const merged = mergeNewer(state, clocks, remote);
    if (merged) commit(merged.state, merged.clocks, false);
  };
  const receive = (input: unknown) => {
    try {
      merge(input);
    } catch (error) {
      report(isStoreError(error) ? error : new StoreError('TESSERA_STORE_STATE_INVALID', id, 'unreadable state; ignored', error));
    }
  };
  /** The persisted snapshot; one this store cannot use (corrupt, refused, newer) is kept aside, never overwritten, and reported. */
  const restore = (slot: NonNullable<typeof storage>['slot']) => {
    const text = slot.read();
    if (text === null) return;
    try {
      merge(JSON.parse(text));
    } catch (error) {
      report(refusedPersisted(error, id, slot.keepAside(text)));
    }
  };

  const tracked = !!(sync || persist); // clocks only matter to tabs and storage
  /** Any update: checked by the schema, stamped for tabs and storage, persisted and published. */
  const update: Store<S>['setState'] = (partial, replace) => {
    const patch = (typeof partial === 'function' ? partial(state) : partial) as Record<string, unknown>;
    const old = state as S & Record<string, unknown>;
    let changed: string[] | undefined;
    for (const key in patch) if (Object.hasOwn(patch, key) && (!Object.hasOwn(old, key) || !Object.is(patch[key], old[key]))) (changed ??= []).push(key);
    if (replace) for (const key in old) if (Object.hasOwn(old, key) && !Object.hasOwn(patch, key)) (changed ??= []).push(key);
    if (!changed) return;
    let next = (replace ? { ...patch } : { ...state, ...patch }) as S;
    if (schema) next = validate(schema, next, id, 'TESSERA_STORE_STATE_INVALID', 'state'); // throws, changing nothing
    let nextClocks = clocks;
    if (tracked) {
      const stamp: Stamp = [++time, tab];
      nextClocks = copyClocks(clocks);
      for (const key of changed) nextClocks[key] = stamp;
    }
    commit(next, nextClocks, true);
  };
  /**
   * A plain local store's setState (the common case, and zustand's), kept small so that engines
   * inline it: notify only when a key changed. The copy is a spread, which defines own keys
   * (`__proto__` included) and is cheaper than `Object.assign({}, …)` in V8 (bench/throughput.js).
   */
  const setPlain: Store<S>['setState'] = (partial, replace) => {
    if (replace) return update(partial, replace);
    const patch = (typeof partial === 'function' ? partial(state) : partial) as Record<string, unknown>;
    const old = state as S & Record<string, unknown>;
    for (const key in patch) {
      if (!Object.is(patch[key], old[key]) || !Object.hasOwn(old, key)) {
        state = { ...old, ...patch };
        listeners.notify(old);
        return;
      }
    }
  };
  const setState = tracked || schema ? update : setPlain;

  const store: Store<S> = {
    id,
    version,
    getState: () => state,
    setState,
    subscribe: listeners.subscribe as Store<S>['subscribe'],
    destroy() {
      tabs?.close();
      listeners.clear();
      if (registry.stores.get(id) === store) registry.stores.delete(id);
    },
  };
  registry.stores.set(id, store);

  if (storage) restore(storage.slot);
  if (sync) tabs = joinTabs(id, () => (Object.keys(clocks).length ? { version, state, clocks } : undefined), receive, report);
  return store;
}

