import type { Listener, SubscribeOptions } from './types.js';

/** The subscribers of one store, as zustand keeps them, with nanostores' isolated listener errors. */
export interface Listeners<S> {
  /** `subscribe(listener)` or `subscribe(selector, listener, options)`; returns the unsubscribe function. */
  subscribe<T>(selector: Listener<S> | ((state: S) => T), listener?: (slice: T, previous: T) => void, options?: SubscribeOptions<T>): () => void;
  /** Calls every listener with `(state(), previous)`; one that throws goes to `failed`, the others still run. */
  notify(previous: S): void;
  clear(): void;
}

/** `state` reads the live state: a listener may change it again (as zustand), later listeners see the newest. */
export function createListeners<S>(state: () => S, failed: (error: unknown) => void): Listeners<S> {
  const listeners = new Set<Listener<S>>();
  return {
    subscribe<T>(selector: Listener<S> | ((state: S) => T), listener?: (slice: T, previous: T) => void, options: SubscribeOptions<T> = {}) {
      let wrapped = selector as Listener<S>;
      if (listener) {
        const select = selector as (state: S) => T;
        const equal = options.equalityFn ?? Object.is;
        let slice = select(state());
        wrapped = (next) => {
          const previous = slice;
          slice = select(next);
          if (!equal(previous, slice)) listener(slice, previous);
        };
        if (options.fireImmediately) {
          try {
            listener(slice, slice);
          } catch (error) {
            failed(error);
          }
        }
      }
      listeners.add(wrapped);
      return () => void listeners.delete(wrapped);
    },
    notify(previous) {
      for (const listener of listeners) {
        try {
          listener(state(), previous);
        } catch (error) {
          failed(error);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
