/**
 * Every error code of `@tessera/store`. Codes are stable: match on `error.code`, never on
 * the message. "Thrown" errors come out of `defineStore` / `defineReplicatedStore`, `setState`
 * and `dispatch`; "reported" ones go to `options.onError` (default `globalThis.reportError ??
 * console.error`) and the store carries on.
 *
 * | code | when | what happens / what to do |
 * | --- | --- | --- |
 * | `TESSERA_STORE_INVALID_OPTIONS` | `id` is not a non-empty string, `version` not an integer ≥ 1, `initial` not an object, `sync`/`persist` unknown | thrown; fix the call |
 * | `TESSERA_STORE_VERSION_CONFLICT` | the id is already defined on this page (by any app, any copy of the package) with another schema `version`, or as the other kind (local / replicated) | thrown; give every app on the page the same definition, or a new id for the new shape |
 * | `TESSERA_STORE_PROTOCOL_UNKNOWN` | the page's registry (`globalThis[Symbol.for('tessera.store.registry')]`) or a tab-sync message has a `protocol` this copy does not know | thrown (registry) or reported and ignored (message); update `@tessera/store` in the older app |
 * | `TESSERA_STORE_VERSION_NEWER` | persisted or synced state has a newer schema version than this store | reported; never applied; persisted data is kept aside in `tessera-store:<id>:kept:<n>` (never overwritten), the message names the key |
 * | `TESSERA_STORE_MIGRATE_FAILED` | persisted or synced state is older and `migrate` is missing or threw (`cause`) | reported; the state is ignored |
 * | `TESSERA_STORE_STATE_INVALID` | persisted or synced state is not JSON, not a snapshot, or refused by `schema.state`; thrown by `setState`/`dispatch` when the new state is refused | reported and ignored (persisted: kept aside in `tessera-store:<id>:kept:<n>`, the store starts from `initial`); thrown: nothing changed |
 * | `TESSERA_STORE_ACTION_INVALID` | an action of unknown type, or refused by `schema.action` | thrown by `dispatch` (nothing changed); a synced one is reported and skipped by every replica |
 * | `TESSERA_STORE_REDUCER_FAILED` | the reducer threw (`cause`) | thrown by `dispatch` (nothing changed); a synced one is reported and skipped by every replica |
 * | `TESSERA_STORE_SCHEMA_ASYNC` | a Standard Schema validator returned a Promise | thrown/reported like the check it was for; give a synchronous schema |
 * | `TESSERA_STORE_LISTENER_FAILED` | a listener (or selector) threw (`cause`) | reported; every other listener still ran |
 * | `TESSERA_STORE_PERSIST_FAILED` | `localStorage.setItem` threw (quota, state not JSON-serialisable) (`cause`), or a key holds data that could not be kept aside | reported, naming the key; state is changed in memory, not saved; other keys and stores are unaffected, the next change is saved when it fits |
 * | `TESSERA_STORE_SYNC_FAILED` | `BroadcastChannel.postMessage` threw (state not structured-cloneable) (`cause`); `sync: 'tabs'` of a replicated store on a page that is not a secure context (no Web Locks); the relay refused an action, or no longer holds the actions a replica missed | reported; the change stays here (pending actions are submitted again); serve the page over https; a replica the relay cannot catch up stays at its state |
 */
export type StoreErrorCode =
  | 'TESSERA_STORE_INVALID_OPTIONS'
  | 'TESSERA_STORE_VERSION_CONFLICT'
  | 'TESSERA_STORE_PROTOCOL_UNKNOWN'
  | 'TESSERA_STORE_VERSION_NEWER'
  | 'TESSERA_STORE_MIGRATE_FAILED'
  | 'TESSERA_STORE_STATE_INVALID'
  | 'TESSERA_STORE_LISTENER_FAILED'
  | 'TESSERA_STORE_PERSIST_FAILED'
  | 'TESSERA_STORE_SYNC_FAILED'
  | 'TESSERA_STORE_ACTION_INVALID'
  | 'TESSERA_STORE_REDUCER_FAILED'
  | 'TESSERA_STORE_SCHEMA_ASYNC';

/**
 * The one error type of the store: `code` (see the table on {@link StoreErrorCode}),
 * `storeId` (the id given to `defineStore`), `cause` (the original error, when there is one).
 * Message: `[code] store "id": what happened`.
 *
 * Each app bundles its own copy of this class, and a store shared on the page reports through
 * the copy that created it: test with {@link isStoreError}, not `instanceof`.
 */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly storeId: string;
  /** What happened, without the `[code] store "id": ` prefix of `message`. */
  readonly detail: string;

  constructor(code: StoreErrorCode, storeId: string, detail: string, cause?: unknown) {
    super(`[${code}] store "${storeId}": ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'StoreError';
    this.code = code;
    this.storeId = storeId;
    this.detail = detail;
  }
}

/** True for a StoreError from any copy of `@tessera/store` (checks `name` and `code`, not the class). */
export function isStoreError(error: unknown): error is StoreError {
  return error instanceof Error && error.name === 'StoreError' && typeof (error as StoreError).code === 'string';
}

/**
 * The error to report for persisted data a store refused and `keepAside` moved: the same code,
 * naming where the data now is (or that it could not be moved, and is left where it was).
 */
export function refusedPersisted(error: unknown, storeId: string, kept: string | undefined): StoreError {
  const coded = isStoreError(error) ? error : new StoreError('TESSERA_STORE_STATE_INVALID', storeId, 'persisted state is not JSON', error);
  const where = kept ? `kept aside in localStorage "${kept}"` : 'could not be kept aside (quota), left in place and never overwritten';
  return new StoreError(coded.code, storeId, `persisted state refused, ${where}; the store starts from its initial state: ${coded.detail ?? coded.message}`, coded.cause);
}

/** Sends errors to `onError` (default `globalThis.reportError ?? console.error`); one that `onError` throws is rethrown in a later task. */
export function reporter(onError?: (error: StoreError) => void): (error: StoreError) => void {
  const report = onError ?? ((error: StoreError) => ((globalThis as { reportError?: (e: unknown) => void }).reportError ?? console.error)(error));
  return (error) => {
    try {
      report(error);
    } catch (thrown) {
      setTimeout(() => {
        throw thrown;
      });
    }
  };
}
