import { copyClocks, latest, isStamp, type Clocks } from './lamport-clock.js';
import { StoreError } from './store-error.js';

/**
 * What a store persists and sends to other tabs: its schema `version`, its whole `state`
 * and the {@link Clocks} of its top-level keys. In localStorage it is this object as JSON.
 */
export interface Snapshot<S extends object> {
  version: number;
  state: S;
  clocks: Clocks;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Brings a snapshot written by any schema version (read from localStorage or received from a
 * tab) into this store's `version`: the same version as is; an older one through
 * `migrate(oldState, fromVersion)`, every key of the migrated state then stamped with the
 * snapshot's latest stamp (old keys do not map to new ones, so the migrated state counts as
 * one write made when the old tab last wrote).
 *
 * @throws StoreError `TESSERA_STORE_STATE_INVALID` (not `{ version, state, clocks }`, or a stamp's counter beyond 2^52),
 *   `TESSERA_STORE_VERSION_NEWER` (never applied), `TESSERA_STORE_MIGRATE_FAILED`.
 */
export function adoptSnapshot<S extends object>(
  storeId: string,
  input: unknown,
  version: number,
  migrate: ((old: unknown, fromVersion: number) => S) | undefined,
): Snapshot<S> {
  const { version: from, state, clocks } = (isObject(input) ? input : {}) as Partial<Snapshot<S>>;
  if (!Number.isInteger(from) || !isObject(state) || !isObject(clocks) || !Object.values(clocks).every(isStamp)) {
    throw new StoreError('TESSERA_STORE_STATE_INVALID', storeId, 'expected { version, state, clocks }; ignored');
  }
  if (from! > version) {
    throw new StoreError('TESSERA_STORE_VERSION_NEWER', storeId, `state of version ${from} is newer than this store's ${version}; ignored`);
  }
  if (from === version) return { version, state, clocks: copyClocks(clocks) };
  let migrated: S;
  try {
    if (!migrate) throw Error('no options.migrate');
    migrated = migrate(state, from!);
  } catch (error) {
    throw new StoreError('TESSERA_STORE_MIGRATE_FAILED', storeId, `cannot migrate state of version ${from} to ${version}; ignored`, error);
  }
  const top = latest(clocks);
  return { version, state: migrated, clocks: copyClocks(top ? Object.fromEntries(Object.keys(migrated).map((key) => [key, top])) : {}) };
}
