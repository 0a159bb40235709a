import { actionCreators, type ActionHandlers, type ActionOf } from './actions.js';
import { newTabId } from './lamport-clock.js';
import { joinRegistry } from './registry.js';
import { createListeners } from './listeners.js';
import { readReplicaSnapshot } from './replica-snapshot.js';
import { replicaStorage } from './replica-storage.js';
import { solo, type Entry, type Replica, type ReplicaSnapshot, type Sequencer, type Sequenced } from './sequencer.js';
import { checkedReducer } from './reducer.js';
import { isStoreError, refusedPersisted, reporter, StoreError } from './store-error.js';
import { tabs } from './tab-sequencer.js';
import { holdPresence } from './tab-presence.js';
import type { ReplicatedStore, ReplicatedStoreOptions } from './types.js';

/** Client ids remembered for deduplication; the least recently active beyond this are forgotten (the same on every replica). */
const MAX_CLIENTS = 1000;

/**
 * The page's replicated store `id`: the existing one if any app (any copy of this package)
 * defined it already with the same `version`, else a new replica made from `options`.
 *
 * The model (Replicache's): a replica holds the *confirmed* state (every action up to `seq` of
 * the agreed order applied by the reducer) and its own *pending* actions; what `getState`
 * returns is the pending actions applied on the confirmed state. `dispatch` applies at once;
 * at the end of the task (a microtask: before any reload or unload) the actions dispatched in it
 * are persisted as pending and submitted to the sequencer; each sequenced action is applied to the confirmed state by every
 * replica alike. When other replicas' actions come first, the pending ones are replayed on top
 * (rebase). Each action is identified by `(client, id)`: a replica applies a client's actions
 * only in id order, once, so actions submitted again (new leader, reload) never count twice.
 *
 * Sync: `'tabs'` elects a leader tab with the Web Locks API that numbers the actions of all tabs
 * and broadcasts them (BroadcastChannel); a new or lagging tab gets the leader's snapshot; the
 * leader adopts the pending actions of tabs that closed before they were confirmed.
 *
 * @throws StoreError `TESSERA_STORE_INVALID_OPTIONS`, `TESSERA_STORE_PROTOCOL_UNKNOWN`,
 *   `TESSERA_STORE_VERSION_CONFLICT` (defined with another version, or as a local store).
 */
export function defineReplicatedStore<S extends object, H extends ActionHandlers<S>>(id: string, options: ReplicatedStoreOptions<S, H>): ReplicatedStore<S, H> {
  const { version = 1, initial, actions: handlers, schema = {}, migrate, sync, persist } = options;
  if (
    !id ||
    typeof id !== 'string' ||
    !Number.isInteger(version) ||
    version < 1 ||
    typeof initial !== 'object' ||
    !initial ||
    typeof handlers !== 'object' ||
    !handlers ||
    (sync && sync !== 'tabs' && typeof sync !== 'function') ||
    (persist && persist !== 'local')
  ) {
    throw new StoreError('TESSERA_STORE_INVALID_OPTIONS', String(id), 'id must be a non-empty string, version an integer ≥ 1, initial an object, actions an object of reducer functions');
  }
  const registry = joinRegistry(id, options.registry);
  const existing = registry.stores.get(id) as ReplicatedStore<S, H> | undefined;
  if (existing) {
    if (existing.version === version && typeof existing.dispatch === 'function') return existing;
    throw new StoreError(
      'TESSERA_STORE_VERSION_CONFLICT',
      id,
      `already defined on this page as a ${typeof existing.dispatch === 'function' ? 'replicated' : 'local'} store of schema version ${existing.version}; asked for a replicated store of version ${version}. Deploy the apps sharing it with the same definition, or give the new shape a new store id`,
    );
  }

  const report = reporter(options.onError);
  const client = newTabId();
  const connect = sync === 'tabs' ? tabs : (sync ?? solo);
  const storage = persist ? replicaStorage(id, client, report, connect.log) : undefined;
  const listeners = createListeners(() => local, (error) => report(new StoreError('TESSERA_STORE_LISTENER_FAILED', id, 'a listener threw', error)));

  const reduce = checkedReducer<S>(id, handlers, schema as { state?: typeof schema.state; action?: typeof schema.action });

  // Confirmed: the agreed order applied up to `seq`. Local: pending applied on top.
  let seq = 0;
  let confirmed = initial;
  let clients = new Map<string, number>();
  let pending: Entry[] = [];
  let local = initial;
  let lastId = 0;
  let sequencer: Sequencer | undefined;
  let pendingOnDisk = false;

  /** Persists the pending entries, unless the sequencer confirmed them at once and none are on disk. */
  const persistPending = () => {
    if (!storage || (!pendingOnDisk && sequencer?.sequencesNow())) return;
    storage.writePending(pending);
    pendingOnDisk = pending.length > 0;
  };

  const setLocal = (next: S) => {
    const previous = local;
    local = next;
    if (next !== previous) listeners.notify(previous);
  };

  /** Replays the pending actions on the confirmed state; one now refused is left out here (the agreed order will refuse it too). */
  const rebase = () => {
    let state = confirmed;
    for (const entry of pending) {
      try {
        state = reduce(state, entry.action);
      } catch {}
    }
    setLocal(state);
  };

  const dropConfirmed = () => {
    const done = clients.get(client) ?? 0;
    let n = 0;
    while (n < pending.length && pending[n]!.id <= done) n++;
    if (!n) return false;
    pending = pending.slice(n);
    persistPending();
    return true;
  };

  const take = (snapshot: ReplicaSnapshot<S>) => {
    seq = snapshot.seq;
    confirmed = snapshot.state;
    clients = new Map(snapshot.clients);
    dropConfirmed();
    rebase();
  };

  /** Applies one sequenced entry to the confirmed state; false when it is refused (reported). */
  const confirm = (entry: Sequenced): boolean => {
    seq = entry.seq;
    if (entry.id !== (clients.get(entry.client) ?? 0) + 1) return false; // already applied, or out of its client's order
    clients.delete(entry.client);
    clients.set(entry.client, entry.id);
    if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value!);
    try {
      confirmed = reduce(confirmed, entry.action);
      return true;
    } catch (error) {
      if (entry.client !== client) report(isStoreError(error) ? error : new StoreError('TESSERA_STORE_ACTION_INVALID', id, 'synced action refused', error));
      return false;
    }
  };

  const replica: Replica = {
    storeId: id,
    version,
    client,
    seq: () => seq,
    lastApplied: (other) => clients.get(other) ?? 0,
    deliver(entries) {
      let replay = false;
      for (const entry of entries) {
        if (entry.seq <= seq) continue;
        if (entry.seq !== seq + 1) {
          sequencer?.catchUp(seq);
          break;
        }
        const head = pending[0];
        const applied = confirm(entry);
        // The own oldest pending action, confirmed as is: the local state already includes it.
        if (!(applied && head && entry.client === client && entry.id === head.id)) replay ||= applied || entry.client === client;
      }
      dropConfirmed();
      storage?.forgetConfirmed(replica.lastApplied);
      if (replay) rebase();
    },
    snapshot: () => ({ version, seq, state: confirmed, clients: [...clients] }),
    adopt(input) {
      try {
        const snapshot = readReplicaSnapshot(id, input, version, migrate, schema.state);
        if (snapshot.seq > seq) take(snapshot);
      } catch (error) {
        report(isStoreError(error) ? error : new StoreError('TESSERA_STORE_STATE_INVALID', id, 'snapshot refused', error));
      }
    },
    adoptPersisted() {
      const text = storage?.snapshot.read();
      if (!text) return;
      try {
        const snapshot = readReplicaSnapshot(id, JSON.parse(text), version, migrate, schema.state);
        if (snapshot.seq > seq || (seq === 0 && snapshot.seq === 0)) take(snapshot);
      } catch (error) {
        const kept = storage!.snapshot.keepAside(text);
        report(refusedPersisted(error, id, kept));
        if (kept) storage!.snapshot.write(replica.snapshot());
      }
    },
    save: () => void storage?.snapshot.write(replica.snapshot()),
    pending: () => pending,
    orphans: () => storage?.orphans() ?? Promise.resolve([]),
    report,
  };

  /** Entries dispatched in this task, persisted and submitted together at its end (a microtask: before any reload or unload). */
  let unsent: Entry[] = [];
  const flush = () => {
    const batch = unsent;
    unsent = [];
    persistPending();
    sequencer?.submit(batch);
  };

  const dispatch = (action: ActionOf<H>) => {
    const next = reduce(local, action); // throws, changing nothing
    const entry: Entry = { client, id: ++lastId, action: action as Entry['action'] };
    pending.push(entry);
    setLocal(next);
    if (sequencer?.sequencesNow()) sequencer.submit([entry]); // alone, or the leader: confirmed at once
    else if (unsent.push(entry) === 1) queueMicrotask(flush);
  };

  const releasePresence = holdPresence(id, client);
  const store: ReplicatedStore<S, H> = {
    id,
    version,
    getState: () => local,
    subscribe: listeners.subscribe as ReplicatedStore<S, H>['subscribe'],
    dispatch,
    actions: actionCreators(handlers),
    status: () => ({ seq, pending: pending.length }),
    destroy() {
      sequencer?.close();
      releasePresence();
      listeners.clear();
      if (registry.stores.get(id) === store) registry.stores.delete(id);
    },
  };
  registry.stores.set(id, store as never);

  replica.adoptPersisted();
  sequencer = connect(replica);
  if (sequencer.sequencesNow()) {
    // Alone: what tabs that closed left pending is ours to order.
    void replica.orphans().then((entries) => sequencer!.submit(entries));
  }
  return store;
}
