import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineStore } from './define-store.js';
import { createStoreRegistry } from './registry.js';
import type { StoreError } from './store-error.js';
import type { Store, StoreOptions } from './types.js';

// Each "tab" is a store in its own registry (its own page); the real BroadcastChannel of Node
// delivers between channel instances of one process, asynchronously, like between tabs.

const opened: Store<object>[] = [];
const channels: BroadcastChannel[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.destroy();
  for (const channel of channels.splice(0)) channel.close();
});

let ids = 0;
const newId = () => `cart-${++ids}`;

function openTab<S extends object>(id: string, options: StoreOptions<S>): Store<S> {
  const store = defineStore<S>(id, { sync: 'tabs', registry: createStoreRegistry(), ...options });
  opened.push(store);
  return store;
}

/** Waits (macrotask by macrotask, at most 1 s) until `check` holds, then a few more macrotasks so late messages land. */
async function until(check: () => boolean) {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  for (const end = Date.now() + 1000; !check(); await tick()) if (Date.now() > end) throw new Error('timed out waiting for tabs');
  for (let i = 0; i < 5; i++) await tick();
}

const sameEverywhere = (...stores: Store<object>[]) => () => stores.every((store) => JSON.stringify(store.getState()) === JSON.stringify(stores[0]!.getState()));

interface Cart {
  items: string[];
  coupon: string;
}
const initial: Cart = { items: [], coupon: '' };

describe("sync: 'tabs'", () => {
  it('shows an update of one tab in the other and notifies its listeners', async () => {
    const id = newId();
    const a = openTab(id, { initial });
    const b = openTab(id, { initial });
    const seenByB = vi.fn();
    b.subscribe((state) => state.items, seenByB);
    a.setState({ items: ['apple'] });
    expect(b.getState().items).toEqual([]); // messages are asynchronous
    await until(() => b.getState().items.length === 1);
    expect(b.getState()).toEqual({ items: ['apple'], coupon: '' });
    expect(seenByB).toHaveBeenCalledExactlyOnceWith(['apple'], []);
  });

  it('gives a tab opened later the current state of the others', async () => {
    const id = newId();
    const a = openTab(id, { initial });
    const b = openTab(id, { initial });
    a.setState({ items: ['apple'] });
    b.setState({ coupon: 'SPRING' });
    await until(sameEverywhere(a, b));
    const late = openTab(id, { initial });
    expect(late.getState()).toEqual(initial);
    await until(() => late.getState().coupon !== '' && late.getState().items.length > 0);
    expect(late.getState()).toEqual({ items: ['apple'], coupon: 'SPRING' });
    expect(a.getState()).toEqual(late.getState());
  });

  it('converges concurrent writes of different keys: both kept, in every tab', async () => {
    const id = newId();
    const a = openTab(id, { initial });
    const b = openTab(id, { initial });
    a.setState({ items: ['apple'] });
    b.setState({ coupon: 'SPRING' });
    await until(sameEverywhere(a, b));
    expect(a.getState()).toEqual({ items: ['apple'], coupon: 'SPRING' });
    expect(b.getState()).toEqual(a.getState());
  });

  it('converges concurrent writes of the same key to one winner in every tab', async () => {
    const id = newId();
    const a = openTab(id, { initial });
    const b = openTab(id, { initial });
    a.setState({ coupon: 'FROM-A' });
    b.setState({ coupon: 'FROM-B' });
    await until(sameEverywhere(a, b));
    expect(['FROM-A', 'FROM-B']).toContain(a.getState().coupon);
    expect(b.getState()).toEqual(a.getState());
  });

  it('converges a burst of concurrent writes and replaces from three tabs', async () => {
    const id = newId();
    const tabs = [openTab(id, { initial }), openTab(id, { initial }), openTab(id, { initial })];
    for (let round = 0; round < 20; round++) {
      const tab = tabs[round % 3]!;
      if (round % 7 === 6) tab.setState({ items: [`r${round}`] } as Cart, true);
      else tab.setState(round % 2 ? { coupon: `c${round}` } : { items: [...tab.getState().items, `i${round}`] });
    }
    await until(sameEverywhere(...tabs));
    const [a, b, c] = tabs.map((tab) => tab.getState());
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('propagates a key deleted by replace', async () => {
    const id = newId();
    const a = openTab<Partial<Cart>>(id, { initial });
    const b = openTab<Partial<Cart>>(id, { initial });
    a.setState({ items: ['apple'] }, true);
    await until(() => !('coupon' in b.getState()));
    expect(b.getState()).toEqual({ items: ['apple'] });
  });

  it('migrates state from a tab with an older schema version', async () => {
    const id = newId();
    const old = openTab<{ items: string[] }>(id, { version: 1, initial: { items: [] } });
    old.setState({ items: ['apple'] });
    const current = openTab<{ skus: string[]; note: string }>(id, { version: 2, initial: { skus: [], note: '' }, migrate: (o) => ({ skus: (o as { items: string[] }).items, note: '' }) });
    await until(() => current.getState().skus.length === 1); // the old tab answered the hello
    old.setState({ items: ['apple', 'pear'] });
    await until(() => current.getState().skus.length === 2);
    expect(current.getState()).toEqual({ skus: ['apple', 'pear'], note: '' });
  });

  it('rejects state from a tab with a newer schema version (TESSERA_STORE_VERSION_NEWER), never applying it', async () => {
    const id = newId();
    const onError = vi.fn<(error: StoreError) => void>();
    const migrate = vi.fn();
    const old = openTab<{ items: string[] }>(id, { version: 1, initial: { items: [] }, migrate, onError });
    const listener = vi.fn();
    old.subscribe(listener);
    const newer = openTab<{ skus: string[] }>(id, { version: 2, initial: { skus: [] }, migrate: () => ({ skus: [] }) });
    newer.setState({ skus: ['apple'] });
    await until(() => onError.mock.calls.length > 0);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'TESSERA_STORE_VERSION_NEWER', storeId: id });
    expect(old.getState()).toEqual({ items: [] });
    expect(listener).not.toHaveBeenCalled();
    expect(migrate).not.toHaveBeenCalled();
  });

  it('reports and ignores messages of an unknown protocol or shape', async () => {
    const id = newId();
    const onError = vi.fn<(error: StoreError) => void>();
    const tab = openTab(id, { initial, onError });
    const stranger = new BroadcastChannel(`tessera-store:${id}`);
    channels.push(stranger);
    stranger.postMessage({ protocol: 2, version: 1, state: { coupon: 'X' }, clocks: { coupon: [99, 'z'] } });
    stranger.postMessage({ protocol: 1, version: 1, state: { coupon: 'X' }, clocks: { coupon: 'now' } });
    await until(() => onError.mock.calls.length === 2);
    expect(onError.mock.calls.map(([error]) => error.code)).toEqual(['TESSERA_STORE_PROTOCOL_UNKNOWN', 'TESSERA_STORE_STATE_INVALID']);
    expect(tab.getState()).toEqual(initial);
  });

  it('syncs keys named like Object.prototype members (constructor, toString, valueOf, hasOwnProperty)', async () => {
    const id = newId();
    const a = openTab<Record<string, number>>(id, { initial: {} });
    const b = openTab<Record<string, number>>(id, { initial: {} });
    a.setState({ constructor: 1, toString: 2, valueOf: 3, hasOwnProperty: 4 });
    await until(() => Object.keys(b.getState()).length === 4);
    expect(b.getState()).toEqual({ constructor: 1, toString: 2, valueOf: 3, hasOwnProperty: 4 });
  });
});
