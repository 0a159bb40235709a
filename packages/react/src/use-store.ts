import { useCallback, useSyncExternalStore } from 'react';
import type { ReadableStore } from '@tessera/store';

/**
 * The state of a `@tessera/store` store, local (`defineStore`) or replicated
 * (`defineReplicatedStore`), or a slice of it, re-rendering when it changes (React's
 * `useSyncExternalStore`). The selector must return a stable value for unchanged state
 * (a field, a number, a memoised object), as with zustand.
 */
export function useStore<S extends object>(store: ReadableStore<S>): S;
export function useStore<S extends object, T>(store: ReadableStore<S>, selector: (state: S) => T): T;
export function useStore<S extends object, T>(store: ReadableStore<S>, selector?: (state: S) => T): S | T {
  const subscribe = useCallback((onChange: () => void) => store.subscribe(() => onChange()), [store]);
  const read = () => (selector ? selector(store.getState()) : store.getState());
  return useSyncExternalStore(subscribe, read, read);
}
