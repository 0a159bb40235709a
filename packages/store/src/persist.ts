import type { Snapshot } from './snapshot.js';
import { StoreError } from './store-error.js';

export interface Persistence {
  /** The stored JSON text; null when nothing is stored or storage refuses to read. */
  read(): string | null;
  /** Stores the snapshot; a failure goes to `fail` (`TESSERA_STORE_PERSIST_FAILED`). */
  write(snapshot: Snapshot<object>): void;
}

/**
 * localStorage under `tessera-store:<id>`, as JSON `{ version, state, clocks }`; undefined
 * where there is no localStorage (Node) or it is blocked (sandboxed frame).
 */
export function localPersistence(storeId: string, fail: (error: StoreError) => void): Persistence | undefined {
  let storage: Storage | undefined;
  try {
    storage = globalThis.localStorage;
  } catch {}
  if (!storage) return;
  const key = 'tessera-store:' + storeId;
  return {
    read() {
      try {
        return storage.getItem(key);
      } catch {
        return null;
      }
    },
    write(snapshot) {
      try {
        storage.setItem(key, JSON.stringify(snapshot));
      } catch (error) {
        fail(new StoreError('TESSERA_STORE_PERSIST_FAILED', storeId, 'cannot write localStorage', error));
      }
    },
  };
}
