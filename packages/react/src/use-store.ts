import { useCallback, useSyncExternalStore } from 'react';
import type { Store } from '@tessera/store';

/**
 * The state of a `@tessera/store` store, or a slice of it, re-rendering when it changes
 * (React's `useSyncExternalStore`). The selector must return a stable value for unchanged state
 * (a field, a number, a memoised object), as with zustand.
 */
export function useStore<S extends object>(store: Store<S>): S;
export function useStore<S extends object, T>(store: Store<S>, selector: (state: S) => T): T;
export function useStore<S extends object, T>(store: Store<S>, selector?: (state: S) => T): S | T {
  const subscribe = useCallback((onChange: () => void) => store.subscribe(() => onChange()), [store]);
  const read = () => (selector ? selector(store.getState()) : store.getState());
  return useSyncExternalStore(subscribe, read, read);
}
