import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineStore } from './define-store.js';
import { createStoreRegistry } from './registry.js';
import type { StoreError } from './store-error.js';

/** Just enough of the Storage interface: an in-memory localStorage. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
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
afterEach(() => {
  vi.unstubAllGlobals();
});

const saved = (id: string) => JSON.parse(storage.getItem(`tessera-store:${id}`) ?? 'null');
/** A fresh page: new registry, same localStorage. */
const reload = <S extends object>(id: string, options: Parameters<typeof defineStore<S>>[1]) =>
  defineStore<S>(id, { persist: 'local', registry: createStoreRegistry(), ...options });

interface CartV1 {
  items: string[];
}
interface CartV2 {
  lines: { sku: string; quantity: number }[];
}
const v2 = { version: 2, initial: { lines: [] } as CartV2, migrate: (old: unknown) => ({ lines: (old as CartV1).items.map((sku) => ({ sku, quantity: 1 })) }) };

describe("persist: 'local'", () => {
  it('writes { version, state, clocks } under tessera-store:<id> on every change', () => {
    const store = reload('cart', { initial: { items: [] as string[], open: false } });
    expect(saved('cart')).toBeNull();
    store.setState({ items: ['apple'] });
    expect(saved('cart')).toEqual({ version: 1, state: { items: ['apple'], open: false }, clocks: { items: [1, expect.any(String)] } });
    store.setState({ open: true });
    expect(saved('cart')).toMatchObject({ state: { items: ['apple'], open: true }, clocks: { items: [1, expect.any(String)], open: [2, expect.any(String)] } });
  });

  it('restores at define time, keeping initial values for keys never written', () => {
    reload('cart', { initial: { items: [] as string[], open: false } }).setState({ items: ['apple'] });
    const restored = reload('cart', { initial: { items: [] as string[], open: false, note: 'new key' } });
    expect(restored.getState()).toEqual({ items: ['apple'], open: false, note: 'new key' });
    restored.setState({ items: ['apple', 'pear'] });
    expect(saved('cart').clocks.items[0]).toBe(2); // the Lamport counter continues from the restored stamps
  });

  it('restores keys deleted by replace as deleted', () => {
    reload<{ a?: number; b: number }>('k', { initial: { a: 1, b: 1 } }).setState({ b: 2 }, true);
    expect(reload<{ a?: number; b: number }>('k', { initial: { a: 1, b: 1 } }).getState()).toEqual({ b: 2 });
  });

  it('migrates state persisted by a v1 store into a v2 store with migrate, and saves it as v2', () => {
    reload<CartV1>('cart', { version: 1, initial: { items: [] } }).setState({ items: ['apple', 'pear'] });
    const migrate = vi.fn(v2.migrate);
    const store = reload<CartV2>('cart', { ...v2, migrate });
    expect(migrate).toHaveBeenCalledExactlyOnceWith({ items: ['apple', 'pear'] }, 1);
    expect(store.getState()).toEqual({ lines: [{ sku: 'apple', quantity: 1 }, { sku: 'pear', quantity: 1 }] });
    expect(saved('cart')).toMatchObject({ version: 2, state: store.getState() });
  });

  it('reports older state without migrate (TESSERA_STORE_MIGRATE_FAILED) and starts from initial', () => {
    reload<CartV1>('cart', { initial: { items: [] } }).setState({ items: ['apple'] });
    const onError = vi.fn<(error: StoreError) => void>();
    const store = reload<CartV2>('cart', { version: 2, initial: { lines: [] }, onError });
    expect(store.getState()).toEqual({ lines: [] });
    expect(onError.mock.calls.map(([error]) => error.code)).toEqual(['TESSERA_STORE_MIGRATE_FAILED']);
  });

  it('rejects a newer persisted version (TESSERA_STORE_VERSION_NEWER): never applied, not migrated', () => {
    reload<CartV2>('cart', v2).setState({ lines: [{ sku: 'apple', quantity: 3 }] });
    const onError = vi.fn<(error: StoreError) => void>();
    const migrate = vi.fn();
    const store = reload<CartV1>('cart', { version: 1, initial: { items: [] }, migrate, onError });
    expect(store.getState()).toEqual({ items: [] });
    expect(migrate).not.toHaveBeenCalled();
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'TESSERA_STORE_VERSION_NEWER', storeId: 'cart', message: expect.stringMatching(/version 2 is newer than this store's 1/) });
  });

  it.each([
    ['not JSON', '{"version":'],
    ['not a snapshot', '{"items":["apple"]}'],
    ['bad clocks', '{"version":1,"state":{"items":["apple"]},"clocks":{"items":"yesterday"}}'],
  ])('reports %s as TESSERA_STORE_STATE_INVALID and starts from initial', (_, raw) => {
    storage.setItem('tessera-store:cart', raw);
    const onError = vi.fn<(error: StoreError) => void>();
    expect(reload<CartV1>('cart', { initial: { items: [] }, onError }).getState()).toEqual({ items: [] });
    expect(onError.mock.calls.map(([error]) => error.code)).toEqual(['TESSERA_STORE_STATE_INVALID']);
  });

  it('reports a failing write as TESSERA_STORE_PERSIST_FAILED and keeps the state in memory', () => {
    const onError = vi.fn<(error: StoreError) => void>();
    const store = reload('cart', { initial: { n: 0 }, onError });
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    store.setState({ n: 1 });
    expect(store.getState()).toEqual({ n: 1 });
    expect(onError.mock.calls.map(([error]) => error.code)).toEqual(['TESSERA_STORE_PERSIST_FAILED']);
  });

  it('keeps state of a newer version aside and never overwrites it', () => {
    reload<CartV2>('cart', v2).setState({ lines: [{ sku: 'apple', quantity: 3 }] });
    const newer = storage.getItem('tessera-store:cart');
    const onError = vi.fn<(error: StoreError) => void>();
    reload<CartV1>('cart', { version: 1, initial: { items: [] }, onError }).setState({ items: ['pear'] });
    expect(onError.mock.calls[0]![0].message).toContain('kept aside in localStorage "tessera-store:cart:kept:1"');
    expect(storage.getItem('tessera-store:cart:kept:1')).toBe(newer);
    expect(saved('cart')).toMatchObject({ version: 1, state: { items: ['pear'] } });
  });

  it('saves and restores keys named like Object.prototype members (constructor, toString, __proto__)', () => {
    const initial = {} as Record<string, number>;
    const store = reload('keys', { initial });
    store.setState(JSON.parse('{"constructor":1,"toString":2,"valueOf":3,"hasOwnProperty":4,"__proto__":5}'));
    expect(saved('keys').state).toEqual(JSON.parse('{"constructor":1,"toString":2,"valueOf":3,"hasOwnProperty":4,"__proto__":5}'));
    const restored = reload('keys', { initial }).getState();
    expect(Object.keys(restored).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']);
    expect(Object.getPrototypeOf(restored)).toBe(Object.prototype);
    expect(restored.constructor).toBe(1);
  });

  it('refuses a stamp beyond 2^52 (the clock would stop counting) and keeps counting from the highest it accepts', () => {
    storage.setItem('tessera-store:clock', JSON.stringify({ version: 1, state: { n: 1 }, clocks: { n: [2 ** 53, 'z'] } }));
    const onError = vi.fn<(error: StoreError) => void>();
    expect(reload('clock', { initial: { n: 0 }, onError }).getState()).toEqual({ n: 0 });
    expect(onError.mock.calls.map(([error]) => error.code)).toEqual(['TESSERA_STORE_STATE_INVALID']);
    storage.setItem('tessera-store:clock', JSON.stringify({ version: 1, state: { n: 1 }, clocks: { n: [2 ** 52, 'z'] } }));
    const store = reload('clock', { initial: { n: 0 } });
    store.setState({ n: 2 });
    store.setState({ n: 3 });
    expect(saved('clock').clocks.n[0]).toBe(2 ** 52 + 2);
  });

  it('refuses persisted state and setState results that its schema refuses', () => {
    const schema = { state: { '~standard': { version: 1, vendor: 'test', validate: (value: unknown) => ((value as { n: unknown }).n === 'bad' ? { issues: [{ message: 'n must be a number', path: ['n'] }] } : { value }) } } } as const;
    storage.setItem('tessera-store:typed', JSON.stringify({ version: 1, state: { n: 'bad' }, clocks: { n: [1, 'a'] } }));
    const onError = vi.fn<(error: StoreError) => void>();
    const store = reload<{ n: unknown }>('typed', { initial: { n: 0 }, schema: schema as never, onError });
    expect(store.getState()).toEqual({ n: 0 });
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'TESSERA_STORE_STATE_INVALID', message: expect.stringContaining('n: n must be a number') });
    expect(() => store.setState({ n: 'bad' })).toThrow(expect.objectContaining({ code: 'TESSERA_STORE_STATE_INVALID' }));
    expect(store.getState()).toEqual({ n: 0 });
  });

  it('is skipped where there is no localStorage (Node)', () => {
    vi.unstubAllGlobals();
    expect('localStorage' in globalThis).toBe(false);
    const onError = vi.fn();
    const store = reload('cart', { initial: { n: 0 }, onError });
    store.setState({ n: 1 });
    expect(store.getState()).toEqual({ n: 1 });
    expect(onError).not.toHaveBeenCalled();
  });
});
