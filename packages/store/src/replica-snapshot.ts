import type { ReplicaSnapshot } from './sequencer.js';
import { StoreError } from './store-error.js';
import { validate, type Schema } from './validate.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isCount = (value: unknown, min: number): value is number => Number.isSafeInteger(value) && (value as number) >= min;

/**
 * Checks a replica snapshot read from localStorage or received from another replica and brings
 * it to this store's schema `version`: the same version as is, an older one through
 * `migrate(oldState, fromVersion)`; then the state must pass `schema`. A local store's snapshot
 * (`{ version, state, clocks }`, what `defineStore` persists) is read as seq 0.
 *
 * @throws StoreError `TESSERA_STORE_STATE_INVALID` (not a snapshot, or refused by the schema),
 *   `TESSERA_STORE_VERSION_NEWER`, `TESSERA_STORE_MIGRATE_FAILED`, `TESSERA_STORE_SCHEMA_ASYNC`.
 */
export function readReplicaSnapshot<S>(
  storeId: string,
  input: unknown,
  version: number,
  migrate: ((old: unknown, fromVersion: number) => S) | undefined,
  schema: Schema<S> | undefined,
): ReplicaSnapshot<S> {
  const snapshot = isObject(input) ? input : {};
  const legacy = !('seq' in snapshot) && isObject(snapshot.clocks);
  const { version: from, state } = snapshot;
  const seq = legacy ? 0 : snapshot.seq;
  const clients = legacy ? [] : snapshot.clients;
  if (
    !isCount(from, 1) ||
    !isObject(state) ||
    !isCount(seq, 0) ||
    !Array.isArray(clients) ||
    !clients.every((pair) => Array.isArray(pair) && typeof pair[0] === 'string' && isCount(pair[1], 1))
  ) {
    throw new StoreError('TESSERA_STORE_STATE_INVALID', storeId, 'expected { version, seq, state, clients }');
  }
  if (from > version) throw new StoreError('TESSERA_STORE_VERSION_NEWER', storeId, `state of schema version ${from} is newer than this store's ${version}`);
  let migrated: unknown = state;
  if (from < version) {
    try {
      if (!migrate) throw Error('no options.migrate');
      migrated = migrate(state, from);
    } catch (error) {
      throw new StoreError('TESSERA_STORE_MIGRATE_FAILED', storeId, `cannot migrate state of version ${from} to ${version}`, error);
    }
  }
  return { version, seq, state: validate(schema, migrated, storeId, 'TESSERA_STORE_STATE_INVALID', 'state'), clients: clients as [string, number][] };
}
