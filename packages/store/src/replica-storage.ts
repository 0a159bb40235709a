import type { Entry } from './sequencer.js';
import { pageStorage, storageSlot, type StorageSlot } from './storage-slot.js';
import { StoreError } from './store-error.js';
import type { Sync } from './sequencer.js';
import { livingClients } from './tab-presence.js';

/**
 * Where a replicated store persists, in localStorage (synchronous: the actions dispatched in a
 * task are on disk at its end, before a reload can take the page), `<log>` inserted after the id
 * for an order of another numbering (the relay's):
 * - `tessera-store:<id>`: the confirmed {@link ReplicaSnapshot} as JSON;
 * - `tessera-store:<id>:pending:<client>`: the replica's entries not yet confirmed, a JSON array
 *   of {@link Entry} (absent when none);
 * - `tessera-store:<id>:kept:<n>`: unusable data kept aside (see {@link StorageSlot.keepAside}).
 */
export interface ReplicaStorage {
  readonly snapshot: StorageSlot;
  /** Persists this replica's pending entries (removes the key when there are none). */
  writePending(entries: readonly Entry[]): void;
  /** Entries of replicas that are gone (no presence lock) and were never confirmed; their keys are remembered. */
  orphans(): Promise<Entry[]>;
  /** Removes the remembered orphan keys whose entries are all confirmed. */
  forgetConfirmed(lastApplied: (client: string) => number): void;
}

const isEntry = (value: unknown, client: string): value is Entry =>
  typeof value === 'object' &&
  value !== null &&
  (value as Entry).client === client &&
  Number.isSafeInteger((value as Entry).id) &&
  typeof (value as Entry).action?.type === 'string';

/** `log`: the order's name when not the tabs' own ({@link Sync.log}); its keys then start `tessera-store:<id>:<log>`. */
export function replicaStorage(storeId: string, client: string, report: (error: StoreError) => void, log?: string): ReplicaStorage | undefined {
  const storage = pageStorage();
  if (!storage) return;
  const key = 'tessera-store:' + storeId + (log ? ':' + log : '');
  const pendingPrefix = key + ':pending:';
  const own = storageSlot(storage, pendingPrefix + client, storeId, report);
  const adopted = new Map<string, { slot: StorageSlot; last: number }>();
  return {
    snapshot: storageSlot(storage, key, storeId, report),
    writePending: (entries) => (entries.length ? own.write(entries) : own.remove()),
    async orphans() {
      const living = await livingClients(storeId);
      if (!living) return [];
      const found: Entry[] = [];
      for (let i = 0; i < storage.length; i++) {
        const name = storage.key(i);
        const other = name?.startsWith(pendingPrefix) ? name.slice(pendingPrefix.length) : undefined;
        if (!other || other === client || living.has(other)) continue;
        const slot = storageSlot(storage, name!, storeId, report);
        let entries: unknown;
        try {
          entries = JSON.parse(slot.read() ?? '[]');
        } catch {}
        if (!Array.isArray(entries) || !entries.every((entry) => isEntry(entry, other))) {
          const kept = slot.keepAside(slot.read() ?? '');
          if (kept) slot.remove();
          report(new StoreError('TESSERA_STORE_STATE_INVALID', storeId, `pending actions in "${name}" are unreadable; kept aside in "${kept}"`));
          continue;
        }
        adopted.set(other, { slot, last: entries.at(-1)?.id ?? 0 });
        found.push(...entries);
      }
      return found;
    },
    forgetConfirmed(lastApplied) {
      for (const [other, { slot, last }] of adopted) {
        if (lastApplied(other) < last) continue;
        slot.remove();
        adopted.delete(other);
      }
    },
  };
}
