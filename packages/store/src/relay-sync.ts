import type { Sequenced, Sync } from './sequencer.js';
import { StoreError } from './store-error.js';

/**
 * What the relay sync needs of a relay connection: `connectRelay(url)` of `@tessera/bus` gives
 * one (this package does not depend on the bus: pass the client in).
 */
export interface RelayLike {
  readonly status: 'offline' | 'resyncing' | 'online';
  onStatus(listener: (status: 'offline' | 'resyncing' | 'online') => void): () => void;
  subscribe(topic: string, handler: (message: { seq: number; data: unknown }) => void): () => void;
  publish(topic: string, data: unknown, options?: { id?: string }): Promise<unknown>;
  history(topic: string, options?: { afterSeq?: number; limit?: number }): Promise<{ seq: number; data: unknown }[]>;
}

export interface RelaySyncOptions {
  /** The relay topic of the store's actions. Default `tessera.store.<id>.v<version>`. */
  topic?: string;
}

/** Messages asked of the relay's history at once. */
const PAGE = 1000;

/**
 * Orders a replicated store's actions across devices with `@tessera/relay`: the relay is the
 * sequencer and the log. Each entry is published on the store's topic with the message id
 * `<client>.<id>`, so a resend is stored once; the relay's per-topic `seq` is the agreed order.
 * A replica that opens (from its persisted `seq`), reconnects or sees a gap reads the relay's
 * history after its `seq`. Offline, dispatched actions stay pending (persisted with
 * `persist: 'local'`, applied here at once) and are published again when the connection is back;
 * the entries of tabs that closed before their actions reached the relay are published by the
 * next replica that opens. Every tab is a replica of its own on the relay.
 *
 * `relay`: a connection, or a function that opens one (called only by the copy of the package
 * that creates the store: the others on the page get the existing store). The replica persists
 * under `tessera-store:<id>:relay` (`:relay:<topic>` with a topic of your own).
 *
 * Limits: the relay retains `historyPerTopic` messages (default 1000): a replica further behind
 * reports `TESSERA_STORE_SYNC_FAILED` and stays at its state; an embedded relay that restarts
 * starts its log again from seq 1, which replicas that saw the old log do not follow.
 */
export function relaySync(relay: RelayLike | (() => RelayLike), options: RelaySyncOptions = {}): Sync {
  const sync = (replica: Parameters<Sync>[0]) => {
    const client = typeof relay === 'function' ? relay() : relay;
    const topic = options.topic ?? `tessera.store.${replica.storeId}.v${replica.version}`;
    let closed = false;
    let reading = false;
    let readAgain = false;

    /** A relay message as an entry; one that is not an entry still takes its seq, as a no-op. */
    const sequenced = ({ seq, data }: { seq: number; data: unknown }): Sequenced => {
      const entry = data as Partial<Sequenced> | null;
      if (typeof entry?.client === 'string' && Number.isSafeInteger(entry.id) && typeof entry.action?.type === 'string') {
        return { seq, client: entry.client, id: entry.id!, action: entry.action };
      }
      replica.report(new StoreError('TESSERA_STORE_ACTION_INVALID', replica.storeId, `relay message seq ${seq} on "${topic}" is not an action entry; skipped`));
      return { seq, client: '', id: 0, action: { type: '' } };
    };
    const deliver = (messages: { seq: number; data: unknown }[]) => {
      if (closed || !messages.length) return;
      replica.deliver(messages.map(sequenced));
      replica.save();
    };

    const catchUp = async () => {
      if (reading) return void (readAgain = true);
      reading = true;
      try {
        do {
          readAgain = false;
          const after = replica.seq();
          const messages = await client.history(topic, { afterSeq: after, limit: PAGE });
          if (closed) return;
          if (messages.length && messages[0]!.seq > after + 1) {
            replica.report(new StoreError('TESSERA_STORE_SYNC_FAILED', replica.storeId, `the relay no longer holds the actions after seq ${after} on "${topic}"; this replica stays at its state`));
            return;
          }
          deliver(messages);
          if (messages.length === PAGE) readAgain = true;
        } while (readAgain && !closed);
      } catch (error) {
        if (!closed) replica.report(new StoreError('TESSERA_STORE_SYNC_FAILED', replica.storeId, `cannot read the relay's history of "${topic}"`, error));
      } finally {
        reading = false;
      }
    };

    const submit = (entries: readonly { client: string; id: number; action: unknown }[]) => {
      for (const { client: from, id, action } of entries) {
        try {
          client.publish(topic, { client: from, id, action }, { id: `${from}.${id}` }).catch((error) => {
            if (!closed) replica.report(new StoreError('TESSERA_STORE_SYNC_FAILED', replica.storeId, `the relay refused action ${from}.${id}`, error));
          });
        } catch {
          return; // offline queue full: the entries stay pending and are published again when online
        }
      }
    };

    const unsubscribe = client.subscribe(topic, (message) => deliver([message]));
    const offStatus = client.onStatus((status) => {
      if (status !== 'online' || closed) return;
      submit(replica.pending());
      void catchUp();
    });
    void catchUp();
    void replica.orphans().then((entries) => closed || submit(entries));

    return {
      submit,
      catchUp: () => void catchUp(),
      sequencesNow: () => false,
      close() {
        closed = true;
        unsubscribe();
        offStatus();
      },
    };
  };
  return Object.assign(sync, { log: options.topic ? `relay:${options.topic}` : 'relay' });
}
