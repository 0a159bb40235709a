import { describe, expect, it, vi } from 'vitest';
import { defineStore } from './define-store.js';
import { createStoreRegistry } from './registry.js';
import type { StoreError } from './store-error.js';

interface Cart {
  items: string[];
  coupon?: string;
  open: boolean;
}

const cart = (onError = vi.fn<(error: StoreError) => void>()) =>
  defineStore<Cart>('cart', { initial: { items: [], open: false }, registry: createStoreRegistry(), onError });

describe('defineStore: get, set, subscribe', () => {
  it('starts from initial and shallow-merges partials, object or function', () => {
    const store = cart();
    expect(store).toMatchObject({ id: 'cart', version: 1 });
    expect(store.getState()).toEqual({ items: [], open: false });
    store.setState({ open: true });
    expect(store.getState()).toEqual({ items: [], open: true });
    store.setState((state) => ({ items: [...state.items, 'apple'] }));
    expect(store.getState()).toEqual({ items: ['apple'], open: true });
  });

  it('replaces the whole state with replace, removing absent keys', () => {
    const store = cart();
    store.setState({ coupon: 'SPRING' });
    store.setState({ items: ['pear'], open: false }, true);
    expect(store.getState()).toEqual({ items: ['pear'], open: false });
    expect('coupon' in store.getState()).toBe(false);
  });

  it('keeps the same state object and notifies nobody when nothing changed (Object.is per key)', () => {
    const store = cart();
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.getState();
    store.setState({ open: false });
    store.setState({ items: before.items });
    store.setState({ ...before }, true);
    expect(store.getState()).toBe(before);
    expect(listener).not.toHaveBeenCalled();
    store.setState({ open: true });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ items: [], open: true }, before);
  });

  it('counts a key removed by replace, even one holding undefined, as a change', () => {
    const store = defineStore<{ a?: number; b: number }>('k', { initial: { a: undefined, b: 1 }, registry: createStoreRegistry() });
    const listener = vi.fn();
    store.subscribe(listener);
    store.setState({ b: 1 }, true);
    expect(listener).toHaveBeenCalledOnce();
    expect(Object.keys(store.getState())).toEqual(['b']);
  });

  it('lets a listener set state again; later listeners see the newest state, selectors never go back', () => {
    const store = cart();
    store.subscribe((state) => {
      if (state.items.length === 1) store.setState({ items: [...state.items, 'gift'] });
    });
    const slices: number[] = [];
    store.subscribe(
      (state) => state.items.length,
      (length) => slices.push(length),
    );
    const states: string[][] = [];
    store.subscribe((state) => states.push(state.items));
    store.setState({ items: ['apple'] });
    expect(store.getState().items).toEqual(['apple', 'gift']);
    expect(slices).toEqual([2]);
    expect(states.at(-1)).toEqual(['apple', 'gift']);
  });

  it('keeps keys named like Object.prototype members as own keys, "__proto__" included, never changing the prototype', () => {
    const store = defineStore<Record<string, number>>('keys', { initial: {}, registry: createStoreRegistry() });
    const listener = vi.fn();
    store.subscribe(listener);
    store.setState(JSON.parse('{"__proto__":1,"constructor":2}'));
    expect(Object.getPrototypeOf(store.getState())).toBe(Object.prototype);
    expect(Object.keys(store.getState())).toEqual(['__proto__', 'constructor']);
    store.setState(JSON.parse('{"__proto__":1}'));
    expect(listener).toHaveBeenCalledOnce();
  });

  it('unsubscribes', () => {
    const store = cart();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.setState({ open: true });
    unsubscribe();
    store.setState({ open: false });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('calls a selector listener only when its slice changed, with slice and previous slice', () => {
    const store = cart();
    const listener = vi.fn();
    store.subscribe((state) => state.items.length, listener);
    store.setState({ open: true });
    expect(listener).not.toHaveBeenCalled();
    store.setState({ items: ['a'] });
    store.setState({ items: ['b'] });
    expect(listener.mock.calls).toEqual([[1, 0]]);
  });

  it('uses equalityFn to compare slices', () => {
    const store = cart();
    const listener = vi.fn();
    const sameItems = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);
    store.subscribe((state) => state.items, listener, { equalityFn: sameItems });
    store.setState({ items: [] });
    store.setState({ items: ['a'] });
    store.setState({ items: ['a'] });
    expect(listener.mock.calls).toEqual([[['a'], []]]);
  });

  it('fires a selector listener once at subscribe with fireImmediately', () => {
    const store = cart();
    store.setState({ items: ['a', 'b'] });
    const listener = vi.fn();
    const unsubscribe = store.subscribe((state) => state.items.length, listener, { fireImmediately: true });
    expect(listener.mock.calls).toEqual([[2, 2]]);
    unsubscribe();
    store.setState({ items: [] });
    expect(listener).toHaveBeenCalledOnce();
  });
});

describe('defineStore: listener errors', () => {
  it('runs every other listener (and selector) and reports each error as TESSERA_STORE_LISTENER_FAILED', () => {
    const onError = vi.fn<(error: StoreError) => void>();
    const store = cart(onError);
    const boom = new Error('boom');
    const first = vi.fn();
    const last = vi.fn();
    store.subscribe(first);
    store.subscribe(() => {
      throw boom;
    });
    store.subscribe(
      (state) => {
        if (state.open) throw boom; // a selector throwing on change counts as a listener
        return 0;
      },
      () => {},
    );
    store.subscribe(last);
    store.setState({ open: true });
    expect(first).toHaveBeenCalledOnce();
    expect(last).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError.mock.calls[0]![0]).toMatchObject({ name: 'StoreError', code: 'TESSERA_STORE_LISTENER_FAILED', storeId: 'cart', cause: boom });
  });

  it('reports a throwing fireImmediately listener and keeps the subscription', () => {
    const onError = vi.fn<(error: StoreError) => void>();
    const store = cart(onError);
    let calls = 0;
    store.subscribe(
      (state) => state.open,
      () => {
        if (calls++ === 0) throw new Error('first call');
      },
      { fireImmediately: true },
    );
    store.setState({ open: true });
    expect(calls).toBe(2);
    expect(onError.mock.calls.map(([error]) => error.code)).toEqual(['TESSERA_STORE_LISTENER_FAILED']);
  });

  it('defaults onError to globalThis.reportError, then console.error', () => {
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    try {
      const store = defineStore('e', { initial: { n: 0 }, registry: createStoreRegistry() });
      store.subscribe(() => {
        throw new Error('x');
      });
      store.setState({ n: 1 });
      expect(reportError.mock.calls[0]![0]).toMatchObject({ code: 'TESSERA_STORE_LISTENER_FAILED' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('defineStore: options', () => {
  it.each([
    ['', {}],
    ['x', { version: 0 }],
    ['x', { version: 1.5 }],
    ['x', { initial: null }],
    ['x', { sync: 'everywhere' }],
    ['x', { persist: 'session' }],
  ])('rejects id %j with %j as TESSERA_STORE_INVALID_OPTIONS', (id, options) => {
    expect(() => defineStore(id, { initial: {}, registry: createStoreRegistry(), ...(options as object) })).toThrow(
      expect.objectContaining({ code: 'TESSERA_STORE_INVALID_OPTIONS' }),
    );
  });
});
