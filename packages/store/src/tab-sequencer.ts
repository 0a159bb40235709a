import { PROTOCOL } from './registry.js';
import { sequenceHere, solo, type Entry, type Sequenced, type Sync } from './sequencer.js';
import { StoreError } from './store-error.js';

/** Messages between the tabs of one store and schema version, on `BroadcastChannel('tessera-store:<id>:v<version>')`. */
type TabMessage =
  | { type: 'submit'; entries: Entry[] } // follower → leader
  | { type: 'sequenced'; entries: Sequenced[] } // leader → all
  | { type: 'leader' } // a new leader: submit your pending entries again
  | { type: 'catch-up'; seq: number } // a follower behind (gap, or just opened) → leader
  | { type: 'snapshot'; snapshot: unknown }; // leader → all, answering catch-up

/** How long a follower waits for its pending entries to be confirmed before submitting them again, ms. */
const RESUBMIT_MS = 1000;

/**
 * Orders the actions of the tabs of one browser profile: one tab is the leader (it holds the
 * Web Lock `tessera-store:<id>:v<version>:leader`; when it closes the browser hands the lock to
 * another tab) and sequences every tab's entries as they reach it, broadcasting them
 * numbered. Nothing is lost when tabs come and go: pending entries are persisted by their tab
 * and submitted again to each new leader, a new leader first takes the persisted snapshot of
 * the last one when it is ahead, and adopts the entries of tabs that closed before they were
 * confirmed; a tab that opens, or sees a gap, asks the leader for its snapshot.
 *
 * A new leader numbers after everything the last one confirmed because, by the time the browser
 * grants it the lock, it has received the last leader's final `sequenced` message and
 * localStorage write: Chromium delivers them before the grant, the old leader closed or
 * reloaded, the new one busy or not (test/store/leader-handover.test.ts checks this, and hands
 * over while four tabs dispatch), though no specification orders a lock grant after another
 * page's messages.
 *
 * Without BroadcastChannel or Web Locks the replica is alone ({@link solo}): in Node, and on a
 * page that is not a secure context (plain http other than localhost), where it reports
 * `TESSERA_STORE_SYNC_FAILED`.
 */
export const tabs: Sync = (replica) => {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (typeof BroadcastChannel !== 'function' || !locks) {
    if ((globalThis as { isSecureContext?: boolean }).isSecureContext === false) {
      replica.report(new StoreError('TESSERA_STORE_SYNC_FAILED', replica.storeId, 'tabs are not synced: the Web Locks API needs a secure context (https, or http://localhost); serve the page over https'));
    }
    return solo(replica);
  }
  const name = `tessera-store:${replica.storeId}:v${replica.version}`;
  const channel = new BroadcastChannel(name);
  const abort = new AbortController();
  let leader = false;
  let release: (() => void) | undefined;
  let closed = false;

  const post = (message: TabMessage) => {
    try {
      channel.postMessage({ protocol: PROTOCOL, ...message });
    } catch (error) {
      replica.report(new StoreError('TESSERA_STORE_SYNC_FAILED', replica.storeId, 'cannot post to other tabs (actions must be structured-cloneable)', error));
    }
  };

  // Entries to post, gathered over the current task and posted at its end, one message each way.
  let toSubmit: Entry[] = [];
  let sequencedOut: Sequenced[] = [];
  const send = () => {
    if (closed) return;
    if (sequencedOut.length) post({ type: 'sequenced', entries: sequencedOut });
    if (toSubmit.length) post({ type: 'submit', entries: toSubmit });
    sequencedOut = [];
    toSubmit = [];
  };
  const later = (entries: readonly Entry[], into: Entry[]) => {
    if (!toSubmit.length && !sequencedOut.length && entries.length) queueMicrotask(send);
    into.push(...entries);
  };

  const sequence = (entries: readonly Entry[]) => later(sequenceHere(replica, entries), sequencedOut);

  const adoptOrphans = () =>
    void replica.orphans().then((entries) => {
      if (leader && !closed) sequence(entries);
    });

  channel.onmessage = ({ data }: MessageEvent) => {
    if (closed) return;
    if (data?.protocol !== PROTOCOL) {
      replica.report(new StoreError('TESSERA_STORE_PROTOCOL_UNKNOWN', replica.storeId, `tab message of protocol ${data?.protocol} ignored`));
      return;
    }
    const message = data as TabMessage;
    if (message.type === 'sequenced') replica.deliver(message.entries); // from the last leader, perhaps still in flight
    else if (leader) {
      if (message.type === 'submit') sequence(message.entries);
      else if (message.type === 'catch-up') {
        post({ type: 'snapshot', snapshot: replica.snapshot() });
        adoptOrphans(); // a tab just opened: perhaps a reload that left entries behind
      }
    } else if (message.type === 'snapshot') replica.adopt(message.snapshot);
    else if (message.type === 'leader') {
      const own = replica.pending();
      if (own.length) post({ type: 'submit', entries: own });
    }
  };

  locks
    .request(`${name}:leader`, { signal: abort.signal }, () => {
      if (closed) return;
      leader = true;
      replica.adoptPersisted(); // the last leader's snapshot, when ahead of ours
      sequence(replica.pending());
      replica.save();
      post({ type: 'leader' });
      post({ type: 'snapshot', snapshot: replica.snapshot() });
      adoptOrphans();
      return new Promise<void>((resolve) => (release = resolve));
    })
    .catch(() => {}); // aborted by close()

  // A follower's entries can miss a leader that is closing: submit them again until confirmed.
  let lastSeen = 0;
  const timer = setInterval(() => {
    const own = replica.pending();
    if (!leader && own.length && own[0]!.id === lastSeen) post({ type: 'submit', entries: own });
    lastSeen = own[0]?.id ?? 0;
  }, RESUBMIT_MS);

  post({ type: 'catch-up', seq: replica.seq() });
  return {
    submit(entries) {
      if (leader) sequence(entries);
      else later(entries, toSubmit);
    },
    catchUp: (seq) => post({ type: 'catch-up', seq }),
    sequencesNow: () => leader,
    close() {
      closed = true;
      clearInterval(timer);
      abort.abort();
      release?.();
      channel.close();
    },
  };
};
