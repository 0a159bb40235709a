import type { RelayMessage } from '@tessera/bus/relay-protocol';

/** A message the broker holds: what routing needs, and its `msg` frame serialised once for every subscriber. */
export interface StoredMessage extends Pick<RelayMessage, 'topic' | 'seq' | 'pos' | 'id'> {
  /** The `msg` frame (relay-protocol.ts), as sent on the wire. */
  frame: string;
}

/** What a client publishes; the broker adds `seq` and `pos`. */
export interface Publication {
  topic: string;
  id: string;
  /** The client's `pub` frame as it arrived (checked by `parseClientFrame`): delivered as is. */
  raw: string;
}

/** A request or reply between connections, possibly on other relay instances; never stored. */
export type Ephemeral =
  | { kind: 'req'; topic: string; from: string; frame: string }
  | { kind: 'rep'; to: string; frame: string };

/**
 * Where the relay keeps topics, order and history, and how messages reach every relay instance.
 * The embedded broker (memory-broker.ts) serves one process; the Redis one (redis-broker.ts)
 * any number. Every stored message reaches every instance's `onMessage` once, in `pos` order,
 * which orders each topic by `seq`.
 */
export interface Broker {
  readonly kind: 'memory' | 'redis';
  /** Id of the log: changes only when the stored messages are gone (embedded broker restarted, Redis emptied). */
  readonly log: string;
  /**
   * Stores the message and resolves once it is held (for Redis: written). A message id seen in
   * the last `dedupWindow` publications resolves to the first copy's `seq`/`pos` and is not
   * stored or delivered again. Rejects when the store fails (nothing was acknowledged).
   */
  publish(publication: Publication): Promise<{ seq: number; pos: string }>;
  /** Called for each stored message, from any instance, in `pos` order. */
  onMessage(listener: (message: StoredMessage) => void): void;
  /** Position of the newest stored message (or the empty log's start). */
  head(): Promise<string>;
  /**
   * Stored messages after `pos` whose topic `match`es, oldest first. `gap` is true when `pos` is
   * older than the retained log (or from another log): messages may have been missed.
   */
  after(pos: string, match: (topic: string) => boolean): Promise<{ messages: StoredMessage[]; gap: boolean }>;
  /** The newest message of each topic that `match`es. */
  last(match: (topic: string) => boolean): Promise<StoredMessage[]>;
  /** The topic's retained messages with `seq > afterSeq`, oldest first, at most `limit`. */
  history(topic: string, afterSeq: number, limit: number): Promise<StoredMessage[]>;
  /** Carries a request to every instance, or a reply to the instance of connection `to`. */
  send(ephemeral: Ephemeral): void;
  onEphemeral(listener: (ephemeral: Ephemeral) => void): void;
  /** Age of the last message when it reached this instance, in ms (0 for the embedded broker). */
  lagMs(): number;
  /** True while it can store messages (Redis connected). */
  healthy(): boolean;
  close(): Promise<void>;
}

/** The `msg` frame of a message (relay-protocol.ts): the publisher's frame wrapped, never re-encoded. */
export const msgFrame = (seq: number, pos: string, raw: string): string => `{"t":"msg","seq":${seq},"pos":${JSON.stringify(pos)},"m":${raw}}`;
