import type { Snapshot } from './snapshot.js';
import { pageStorage, storageSlot, type StorageSlot } from './storage-slot.js';
import type { StoreError } from './store-error.js';

export interface Persistence {
  readonly slot: StorageSlot;
  /** Stores the snapshot; a failure goes to `fail` (`TESSERA_STORE_PERSIST_FAILED`). */
  write(snapshot: Snapshot<object>): void;
}

/**
 * localStorage under `tessera-store:<id>`, as JSON `{ version, state, clocks }`; undefined
 * where there is no localStorage (Node) or it is blocked (sandboxed frame).
 */
export function localPersistence(storeId: string, fail: (error: StoreError) => void): Persistence | undefined {
  const storage = pageStorage();
  if (!storage) return;
  const slot = storageSlot(storage, 'tessera-store:' + storeId, storeId, fail);
  return {
    slot,
    write: (snapshot) => void slot.write(snapshot),
  };
}
