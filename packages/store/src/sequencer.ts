import type { StoreError } from './store-error.js';

/**
 * One action of one replica, before it has a place in the agreed order: `client` is the random
 * id of the replica that dispatched it (one per page load), `id` its per-client counter (1, 2, …).
 * `(client, id)` identifies the action everywhere, so submitting it twice is harmless.
 */
export interface Entry {
  client: string;
  id: number;
  action: { type: string; payload?: unknown };
}

/** An entry with its place in the agreed order: `seq` 1, 2, 3… with no gaps, the same on every replica. */
export interface Sequenced extends Entry {
  seq: number;
}

/**
 * The confirmed state of a replica at `seq`, as persisted and as sent to a replica that must
 * catch up: `clients` lists `[client, last applied id]`, most recent last (at most 1000).
 */
export interface ReplicaSnapshot<S = unknown> {
  version: number;
  seq: number;
  state: S;
  clients: [client: string, id: number][];
}

/** What a replicated store offers the sequencer it is connected to. */
export interface Replica {
  readonly storeId: string;
  /** Schema version: replicas of other versions are not mixed. */
  readonly version: number;
  /** This replica's client id. */
  readonly client: string;
  /** The seq of the confirmed state (0: nothing confirmed yet). */
  seq(): number;
  /** The last id of `client` applied in the confirmed state (0: none). */
  lastApplied(client: string): number;
  /** Applies sequenced entries in order; on a gap, stops and asks the sequencer to `catchUp`. */
  deliver(entries: readonly Sequenced[]): void;
  /** The confirmed snapshot, to send to a replica that is behind. */
  snapshot(): ReplicaSnapshot;
  /** Takes a confirmed snapshot from elsewhere (checked, migrated) when it is ahead of this one. */
  adopt(snapshot: unknown): void;
  /** Takes the persisted snapshot when it is ahead (a leader that just closed saved it). */
  adoptPersisted(): void;
  /** Persists the confirmed snapshot (no-op without `persist`). */
  save(): void;
  /** This replica's own entries not yet confirmed, in id order. */
  pending(): Entry[];
  /** Entries persisted by replicas that are gone (closed or reloaded tabs) and never confirmed. */
  orphans(): Promise<Entry[]>;
  report(error: StoreError): void;
}

/**
 * Puts the entries of every replica of a store into one agreed order. A sequencer is made per
 * replica by a {@link Sync} and delivers sequenced entries to it with `replica.deliver`.
 * Implementations: solo (this replica alone), tabs (a leader tab, Web Locks), relay (devices).
 */
export interface Sequencer {
  /** Offers entries for ordering. May be called again with entries already offered. */
  submit(entries: readonly Entry[]): void;
  /** The replica missed entries after `seq`: send them, or a newer snapshot. */
  catchUp(seq: number): void;
  /** True when `submit` sequences synchronously (then pending entries need not be persisted). */
  sequencesNow(): boolean;
  close(): void;
}

/**
 * Connects a replica to the others: returns its sequencer. `log` names the order it gives when
 * that is not the tabs' own (the relay's seqs are another numbering): the replica then persists
 * under `tessera-store:<id>:<log>`, so that states of two orders are never mixed up.
 */
export type Sync = ((replica: Replica) => Sequencer) & { readonly log?: string };

/**
 * Sequencing at the replica itself (solo, or the leader tab): gives each entry that is its
 * client's next (`id` = last applied + 1) the next seq and delivers it at once; entries already
 * applied or out of their client's order are dropped (the client submits them again).
 * Returns the sequenced entries, for the other replicas.
 */
export function sequenceHere(replica: Replica, entries: readonly Entry[]): Sequenced[] {
  const sequenced: Sequenced[] = [];
  const last = new Map<string, number>();
  let seq = replica.seq();
  for (const { client, id, action } of entries) {
    if (id !== (last.get(client) ?? replica.lastApplied(client)) + 1) continue;
    last.set(client, id);
    sequenced.push({ client, id, action, seq: ++seq });
  }
  if (!sequenced.length) return sequenced;
  replica.deliver(sequenced); // one batch: one rebase, one write of the pending entries
  replica.save();
  return sequenced;
}

/** The replica is alone: each entry is sequenced at once, in dispatch order. */
export const solo: Sync = (replica) => ({
  submit: (entries) => void sequenceHere(replica, entries),
  catchUp() {},
  sequencesNow: () => true,
  close() {},
});
