import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineReplicatedStore } from './define-replicated-store.js';
import { createStoreRegistry } from './registry.js';
import type { Entry, Replica, Sequenced, Sync } from './sequencer.js';
import type { StoreError } from './store-error.js';
import type { ReplicatedStoreOptions } from './types.js';

/** Just enough of the Storage interface: an in-memory localStorage; `full` keys refuse writes (quota). */
class MemoryStorage {
  readonly items = new Map<string, string>();
  readonly full = new Set<string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.full.has(key)) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

const Line = v.object({ name: v.string(), quantity: v.pipe(v.number(), v.integer(), v.minValue(1)) });
const Cart = v.record(v.string(), Line);
type Cart = v.InferOutput<typeof Cart>;
const handlers = {
  add: (cart: Cart, item: { id: string; name: string }): Cart => ({
    ...cart,
    [item.id]: { name: item.name, quantity: (Object.hasOwn(cart, item.id) ? cart[item.id]!.quantity : 0) + 1 },
  }),
  clear: (): Cart => ({}),
};
const Action = v.variant('type', [
  v.object({ type: v.literal('add'), payload: v.object({ id: v.string(), name: v.string() }) }),
  v.object({ type: v.literal('clear'), payload: v.undefined() }),
]);
const count = (cart: Cart) => Object.values(cart).reduce((sum, line) => sum + line.quantity, 0);

let ids = 0;
function open(options: Partial<ReplicatedStoreOptions<Cart, typeof handlers>> & { id?: string } = {}) {
  const onError = vi.fn<(error: StoreError) => void>();
  const store = defineReplicatedStore(options.id ?? `cart-${++ids}`, {
    initial: {},
    actions: handlers,
    schema: { state: Cart, action: Action },
    registry: createStoreRegistry(),
    onError,
    ...options,
  });
  return { store, onError };
}

/** An in-process sequencer for several replicas, as the relay is for devices: entries wait in `queue` until `flush()`. */
function hub() {
  const replicas: Replica[] = [];
  const log: Sequenced[] = [];
  const last = new Map<string, number>();
  let queue: Entry[] = [];
  const sync: Sync = (replica) => {
    replicas.push(replica);
    return {
      submit: (entries) => void queue.push(...entries),
      catchUp: (seq) => replica.deliver(log.slice(seq)),
      sequencesNow: () => false,
      close: () => void replicas.splice(replicas.indexOf(replica), 1),
    };
  };
  /** Orders what was submitted: replicas submit at the end of the task that dispatched. */
  const flush = async () => {
    await Promise.resolve();
    const batch = queue;
    queue = [];
    const sequenced: Sequenced[] = [];
    for (const entry of batch) {
      if (entry.id !== (last.get(entry.client) ?? 0) + 1) continue;
      last.set(entry.client, entry.id);
      sequenced.push({ ...entry, seq: log.length + 1 });
      log.push(sequenced.at(-1)!);
    }
    for (const replica of [...replicas]) replica.deliver(sequenced);
  };
  /** Orders `entries` again, as a sequencer without deduplication would. */
  const again = (entries: Entry[]) => {
    const sequenced = entries.map((entry) => ({ client: entry.client, id: entry.id, action: entry.action, seq: log.length + 1 }));
    for (const entry of sequenced) entry.seq = log.push(entry);
    for (const replica of [...replicas]) replica.deliver(sequenced);
  };
  return { sync, flush, log, again };
}

describe('defineReplicatedStore: dispatch, actions, subscribe', () => {
  it('applies typed actions through the reducer and notifies subscribers, selectors included', () => {
    const { store } = open();
    const seen = vi.fn();
    const counts = vi.fn();
    store.subscribe(seen);
    store.subscribe(count, counts);
    store.dispatch(store.actions.add({ id: 'tea', name: 'Green tea' }));
    store.dispatch(store.actions.add({ id: 'tea', name: 'Green tea' }));
    expect(store.getState()).toEqual({ tea: { name: 'Green tea', quantity: 2 } });
    expect(seen).toHaveBeenCalledTimes(2);
    expect(counts.mock.calls).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(store.status()).toEqual({ seq: 2, pending: 0 });
    store.dispatch(store.actions.clear());
    expect(store.getState()).toEqual({});
  });

  it('refuses an invalid action, an unknown type and a reducer result the schema refuses, with codes, telling no subscriber', () => {
    const { store } = open();
    const seen = vi.fn();
    store.subscribe(seen);
    expect(() => store.dispatch({ type: 'add', payload: { id: 7 } } as never)).toThrow(expect.objectContaining({ code: 'TESSERA_STORE_ACTION_INVALID' }));
    expect(() => store.dispatch({ type: 'explode' } as never)).toThrow(expect.objectContaining({ code: 'TESSERA_STORE_ACTION_INVALID' }));
    const bad = open({ actions: { ...handlers, add: (cart: Cart) => ({ ...cart, x: { name: 'x', quantity: '071' } }) as never }, schema: { state: Cart } }).store;
    expect(() => bad.dispatch(bad.actions.add({ id: 'x', name: 'x' }))).toThrow(expect.objectContaining({ code: 'TESSERA_STORE_STATE_INVALID' }));
    expect(bad.getState()).toEqual({});
    expect(seen).not.toHaveBeenCalled();
    expect(store.getState()).toEqual({});
  });

  it('keeps keys named like Object.prototype members as plain keys', () => {
    const { store } = open();
    for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) store.dispatch(store.actions.add({ id, name: id }));
    store.dispatch(store.actions.add({ id: 'constructor', name: 'constructor' }));
    expect(Object.keys(store.getState()).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    expect(store.getState().constructor).toEqual({ name: 'constructor', quantity: 2 });
  });
});

describe('replicas in one agreed order', () => {
  it('counts concurrent adds of the same product from every replica, optimistic at once and equal once confirmed', async () => {
    const { sync, flush } = hub();
    const id = `cart-${++ids}`;
    const replicas = [0, 1, 2, 3].map(() => open({ id, sync }).store);
    for (let i = 0; i < 50; i++) for (const replica of replicas) replica.dispatch(replica.actions.add({ id: 'tea', name: 'Green tea' }));
    expect(replicas.map((r) => count(r.getState()))).toEqual([50, 50, 50, 50]); // each sees its own at once
    await flush();
    expect(replicas.map((r) => count(r.getState()))).toEqual([200, 200, 200, 200]);
    expect(replicas.map((r) => r.status())).toEqual(replicas.map(() => ({ seq: 200, pending: 0 })));
  });

  it('rebases pending actions on actions of others that were ordered first, and applies a resubmitted action once', async () => {
    const { sync, flush, again, log } = hub();
    const id = `cart-${++ids}`;
    const a = open({ id, sync }).store;
    const b = open({ id, sync }).store;
    a.dispatch(a.actions.add({ id: 'tea', name: 'Green tea' }));
    await flush();
    a.dispatch(a.actions.clear());
    b.dispatch(b.actions.add({ id: 'mug', name: 'Mug' })); // pending in b, on top of tea
    a.dispatch(a.actions.add({ id: 'kettle', name: 'Kettle' }));
    expect(Object.keys(b.getState()).sort()).toEqual(['mug', 'tea']);
    const seenByB = vi.fn();
    b.subscribe(seenByB);
    await flush(); // agreed order: clear, mug, kettle
    expect(Object.keys(b.getState()).sort()).toEqual(['kettle', 'mug']);
    expect(a.getState()).toEqual(b.getState());
    const before = b.getState();
    again(log.slice(0, 3)); // at-least-once delivery: the same actions ordered again
    expect(b.status()).toEqual({ seq: 7, pending: 0 });
    expect(b.getState()).toBe(before);
    expect(a.getState()).toEqual(b.getState());
    expect(seenByB).toHaveBeenCalled();
  });
});

describe("persist: 'local'", () => {
  it('restores the confirmed state on reload and keeps counting', () => {
    const id = `cart-${++ids}`;
    const first = open({ id, persist: 'local' }).store;
    first.dispatch(first.actions.add({ id: 'constructor', name: 'Constructor' }));
    const again = open({ id, persist: 'local' }).store;
    expect(again.getState()).toEqual({ constructor: { name: 'Constructor', quantity: 1 } });
    again.dispatch(again.actions.add({ id: 'constructor', name: 'Constructor' }));
    expect(JSON.parse(storage.getItem(`tessera-store:${id}`)!)).toMatchObject({ version: 1, seq: 2, state: { constructor: { quantity: 2 } } });
  });

  it('starts from initial when the persisted state is refused by the schema, keeps the bad data aside and reports it', () => {
    const id = `cart-${++ids}`;
    const bad = JSON.stringify({ version: 1, seq: 3, state: { tea: null }, clients: [] });
    storage.setItem(`tessera-store:${id}`, bad);
    const { store, onError } = open({ id, persist: 'local' });
    expect(store.getState()).toEqual({});
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ code: 'TESSERA_STORE_STATE_INVALID', message: expect.stringContaining(`tessera-store:${id}:kept:1`) }));
    expect(storage.getItem(`tessera-store:${id}:kept:1`)).toBe(bad);
    store.dispatch(store.actions.add({ id: 'tea', name: 'Green tea' }));
    expect(storage.getItem(`tessera-store:${id}:kept:1`)).toBe(bad);
  });

  it('never overwrites state saved by a newer schema version: kept aside and reported; older state is migrated', () => {
    const id = `cart-${++ids}`;
    const newer = JSON.stringify({ version: 3, seq: 9, state: { lines: [] }, clients: [] });
    storage.setItem(`tessera-store:${id}`, newer);
    const { store, onError } = open({ id, persist: 'local', version: 2 });
    store.dispatch(store.actions.add({ id: 'tea', name: 'Green tea' }));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'TESSERA_STORE_VERSION_NEWER' }));
    expect(storage.getItem(`tessera-store:${id}:kept:1`)).toBe(newer);

    const older = `cart-${++ids}`;
    storage.setItem(`tessera-store:${older}`, JSON.stringify({ version: 1, state: { tea: 2 }, clocks: { tea: [1, 'x'] } })); // a local store's snapshot
    const migrated = open({ id: older, persist: 'local', version: 2, migrate: (old) => Object.fromEntries(Object.entries(old as Record<string, number>).map(([k, n]) => [k, { name: k, quantity: n }])) }).store;
    expect(migrated.getState()).toEqual({ tea: { name: 'tea', quantity: 2 } });
  });

  it('keeps a quota failure within its store and key: reported with the key, other stores still saved, saved again once it fits', () => {
    const full = `cart-${++ids}`;
    const other = `cart-${++ids}`;
    storage.full.add(`tessera-store:${full}`);
    const a = open({ id: full, persist: 'local' });
    const b = open({ id: other, persist: 'local' });
    a.store.dispatch(a.store.actions.add({ id: 'tea', name: 'Green tea' }));
    b.store.dispatch(b.store.actions.add({ id: 'mug', name: 'Mug' }));
    expect(a.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'TESSERA_STORE_PERSIST_FAILED', message: expect.stringContaining(`"tessera-store:${full}"`) }));
    expect(b.onError).not.toHaveBeenCalled();
    expect(JSON.parse(storage.getItem(`tessera-store:${other}`)!).state).toEqual({ mug: { name: 'Mug', quantity: 1 } });
    storage.full.clear();
    a.store.dispatch(a.store.actions.add({ id: 'tea', name: 'Green tea' }));
    expect(JSON.parse(storage.getItem(`tessera-store:${full}`)!).state).toEqual({ tea: { name: 'Green tea', quantity: 2 } });
  });

  it('persists pending actions by the end of the task that dispatched them, so a reload before they are ordered loses nothing', async () => {
    const { sync } = hub();
    const id = `cart-${++ids}`;
    const a = open({ id, sync, persist: 'local' }).store;
    a.dispatch(a.actions.add({ id: 'tea', name: 'Green tea' }));
    await Promise.resolve();
    const pending = [...storage.items.keys()].filter((key) => key.startsWith(`tessera-store:${id}:pending:`));
    expect(pending).toHaveLength(1);
    expect(JSON.parse(storage.getItem(pending[0]!)!)).toEqual([expect.objectContaining({ id: 1, action: { type: 'add', payload: { id: 'tea', name: 'Green tea' } } })]);
  });
});
