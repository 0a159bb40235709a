import { StoreError } from './store-error.js';

/** The page's localStorage; undefined where there is none (Node) or it is blocked (sandboxed frame, disabled storage). */
export function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * One localStorage key of one store. A failure (quota, a value that is not JSON) is reported
 * for this store and key only and never stops later writes, of this key or any other.
 */
export interface StorageSlot {
  readonly key: string;
  /** The stored text; null when there is none or storage refuses to read. */
  read(): string | null;
  /** Stores `value` as JSON; reports `TESSERA_STORE_PERSIST_FAILED` (with the key) and returns false when it is not JSON or storage refuses. */
  write(value: unknown): boolean;
  remove(): void;
  /**
   * Copies `text` (data this store cannot use: corrupt, or from a newer schema version) to the
   * first free key `<key>:kept:<n>` (n = 1, 2, …), never overwriting anything, and returns that
   * key. When it cannot be kept (quota), returns undefined and the slot refuses every later
   * write, so that the data is not overwritten either.
   */
  keepAside(text: string): string | undefined;
}

export function storageSlot(storage: Storage, key: string, storeId: string, report: (error: StoreError) => void): StorageSlot {
  let blocked = false;
  const failed = (message: string, cause?: unknown) => {
    report(new StoreError('TESSERA_STORE_PERSIST_FAILED', storeId, `localStorage "${key}": ${message}`, cause));
    return false;
  };
  return {
    key,
    read() {
      try {
        return storage.getItem(key);
      } catch {
        return null;
      }
    },
    write(value) {
      if (blocked) return failed('holds data that could not be kept aside; not overwritten, change kept in memory only');
      try {
        storage.setItem(key, JSON.stringify(value));
        return true;
      } catch (error) {
        return failed('cannot write (quota, or not JSON); change kept in memory, saved with the next change that fits', error);
      }
    },
    remove() {
      try {
        storage.removeItem(key);
      } catch {}
    },
    keepAside(text) {
      try {
        let n = 1;
        while (storage.getItem(`${key}:kept:${n}`) !== null) n++;
        storage.setItem(`${key}:kept:${n}`, text);
        return `${key}:kept:${n}`;
      } catch (error) {
        blocked = true;
        failed('cannot keep its unusable data aside (quota?)', error);
        return undefined;
      }
    },
  };
}
