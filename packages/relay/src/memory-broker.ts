import { msgFrame, type Broker, type Ephemeral, type StoredMessage } from './broker.js';

export interface MemoryBrokerOptions {
  /** Messages kept per topic for `history` (and `last`). */
  historyPerTopic: number;
  /** Messages of all topics kept for resume (`after`). */
  logSize: number;
  /** Message ids remembered to drop a publisher's resend. */
  dedupWindow: number;
}

interface Topic {
  seq: number;
  history: StoredMessage[];
}

/**
 * The embedded broker: one process, everything in memory, bounded (at least `logSize` messages of all
 * topics, `historyPerTopic` per topic, `dedupWindow` ids). A position is `<epoch>-<n>`: the
 * epoch, random per start (the `log` id), tells a position of an earlier run (a gap) from one of this run.
 */
export function createMemoryBroker(options: MemoryBrokerOptions): Broker {
  const epoch = Math.random().toString(36).slice(2, 8);
  const topics = new Map<string, Topic>();
  const log: StoredMessage[] = [];
  let first = 1; // number of log[0]
  let count = 0; // number of the newest message
  const ids = new Map<string, { seq: number; pos: string }>();
  const listeners: Array<(message: StoredMessage) => void> = [];
  const ephemeralListeners: Array<(ephemeral: Ephemeral) => void> = [];

  const numberOf = (pos: string): number | undefined => {
    const dash = pos.indexOf('-');
    if (pos.slice(0, dash) !== epoch) return undefined;
    const n = Number(pos.slice(dash + 1));
    return Number.isSafeInteger(n) && n >= 0 && n <= count ? n : undefined;
  };

  return {
    kind: 'memory',
    log: epoch,
    async publish({ topic, id, raw }) {
      const known = ids.get(id);
      if (known) return known;
      let state = topics.get(topic);
      if (!state) topics.set(topic, (state = { seq: 0, history: [] }));
      const seq = ++state.seq;
      const pos = `${epoch}-${++count}`;
      const message: StoredMessage = { topic, seq, pos, id, frame: msgFrame(seq, pos, raw) };
      state.history.push(message);
      if (state.history.length > options.historyPerTopic) state.history.shift();
      log.push(message);
      // trimmed in batches (amortised O(1)): between logSize and 1.5 × logSize are kept
      if (log.length > options.logSize * 1.5) {
        log.splice(0, log.length - options.logSize);
        first = count - log.length + 1;
      }
      ids.set(id, { seq, pos });
      if (ids.size > options.dedupWindow) ids.delete(ids.keys().next().value!);
      for (const listener of listeners) listener(message);
      return { seq, pos };
    },
    onMessage: (listener) => void listeners.push(listener),
    head: async () => `${epoch}-${count}`,
    async after(pos, match) {
      const n = numberOf(pos);
      // a position of another run, or none at all: nothing here follows it
      if (n === undefined) return { messages: [], gap: true };
      const messages = log.slice(Math.max(n + 1, first) - first).filter((m) => match(m.topic));
      return { messages, gap: n + 1 < first };
    },
    async last(match) {
      const result: StoredMessage[] = [];
      for (const [topic, state] of topics) if (state.history.length && match(topic)) result.push(state.history.at(-1)!);
      return result;
    },
    async history(topic, afterSeq, limit) {
      const history = topics.get(topic)?.history ?? [];
      return history.filter((m) => m.seq > afterSeq).slice(0, limit);
    },
    send: (ephemeral) => ephemeralListeners.forEach((listener) => listener(ephemeral)),
    onEphemeral: (listener) => void ephemeralListeners.push(listener),
    lagMs: () => 0,
    healthy: () => true,
    close: async () => {},
  };
}
