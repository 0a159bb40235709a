import { BusError } from '../bus-error.js';
import { nextId } from '../message.js';
import { compilePattern, parseRelayFrame, RELAY_PROTOCOL, type ClientFrame, type RelayFrame, type RelayMessage } from '../relay-protocol.js';

/** `offline`: no connection (retrying); `resyncing`: connected, catching up and flushing the offline queue; `online`: caught up. */
export type RelayStatus = 'offline' | 'resyncing' | 'online';

/** The part of the WebSocket API the client uses: the browser's, or `ws`'s in Node 20. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface RelayClientOptions {
  /** The WebSocket class (default `globalThis.WebSocket`; in Node 20 pass `ws`'s). */
  WebSocket?: WebSocketConstructor;
  /** Reconnect delays: full jitter over `minMs · 2^attempt`, capped at `maxMs` (defaults 250 and 10000 ms). */
  backoff?: { minMs?: number; maxMs?: number };
  /** Messages that may wait for their ack (offline, or in flight) before `publish` throws `TESSERA_BUS_OFFLINE_QUEUE_FULL` (default 1000). */
  maxQueuedMessages?: number;
  /** Where failures without a caller go (a refused subscription, a throwing handler). Default `globalThis.reportError ?? console.error`. */
  onError?: (error: BusError) => void;
}

/** A request or reply passing through the relay (see relay-protocol.ts). */
export type RelayEphemeral = Extract<RelayFrame, { t: 'req' } | { t: 'rep' }>;

/**
 * A connection to `@tessera/relay` that survives disconnects. The low-level client under
 * `websocketTransport`; the replicated store uses it directly for `seq` and history.
 */
export interface RelayClient {
  readonly status: RelayStatus;
  onStatus(listener: (status: RelayStatus) => void): () => void;
  /**
   * Calls `handler` for each message of a topic matching `pattern` (bus wildcards), once, in
   * `seq` order per topic, from now on; `replay`: first the last message of each matching topic.
   * After a reconnect (to any relay instance on the same log) it resumes after the last message
   * it delivered, so nothing published meanwhile is missed while the relay retains it. A refused
   * pattern is reported to `onError` (`TESSERA_BUS_RELAY_REFUSED`). Returns the unsubscribe function.
   */
  subscribe(pattern: string, handler: (message: RelayMessage) => void, options?: { replay?: boolean }): () => void;
  /**
   * Publishes; resolves with the message's `seq` and `pos` once the relay holds it (its ack).
   * Queued while offline and resent on reconnect with the same `id` (the relay stores it once).
   * Rejects with `TESSERA_BUS_RELAY_REFUSED` (too large, forbidden) or `TESSERA_BUS_RELAY_CLOSED`
   * (`close()` before the ack). Throws `TESSERA_BUS_OFFLINE_QUEUE_FULL` when `maxQueuedMessages` wait.
   */
  publish(topic: string, data: unknown, options?: { id?: string; bus?: string }): Promise<{ seq: number; pos: string }>;
  /** The topic's messages the relay retains with `seq > afterSeq` (default 0), oldest first. Waits for a connection. */
  history(topic: string, options?: { afterSeq?: number; limit?: number }): Promise<RelayMessage[]>;
  /** Sends a bus request or reply now (dropped while offline: the request times out). */
  sendEphemeral(frame: Extract<ClientFrame, { t: 'req' } | { t: 'rep' }>): void;
  onEphemeral(listener: (frame: RelayEphemeral) => void): () => void;
  /** Messages waiting for their ack. */
  queued(): number;
  /** Closes for good: pending publishes and history calls reject with `TESSERA_BUS_RELAY_CLOSED`. */
  close(): void;
}

interface Subscription {
  pattern: string;
  match: (topic: string) => boolean;
  handlers: Set<(message: RelayMessage) => void>;
  /** Ask for the last values with the next `sub` frame (until the relay confirmed one). */
  replay: boolean;
  /** Position after which to resume: the last delivered message of this pattern, or the head when it subscribed. */
  cursor?: string;
}

interface Outgoing {
  frame: string;
  resolve(value: { seq: number; pos: string }): void;
  reject(error: BusError): void;
}

interface Call {
  frame: (re: number) => string;
  resolve(messages: RelayMessage[]): void;
  reject(error: BusError): void;
}

const OPEN = 1;
const MAX_TOPICS_TRACKED = 10_000;

/**
 * Connects to a relay (`ws://host:port`, or several URLs tried in turn: instances behind no
 * load balancer) and keeps connecting: reconnects with exponential backoff and full jitter
 * (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015), resubscribes with each
 * subscription's last position, resends unacknowledged publishes. Drops a message whose
 * `seq` it already delivered for that topic (redelivery after a resume). Throws
 * `TESSERA_BUS_INVALID_PATTERN` from `subscribe`.
 */
export function connectRelay(url: string | string[], options: RelayClientOptions = {}): RelayClient {
  const urls = [url].flat();
  const Socket = options.WebSocket ?? (globalThis as unknown as { WebSocket: WebSocketConstructor }).WebSocket;
  const minMs = options.backoff?.minMs ?? 250;
  const maxMs = options.backoff?.maxMs ?? 10_000;
  const maxQueued = options.maxQueuedMessages ?? 1000;
  const onError = options.onError ?? ((error: BusError) => (globalThis.reportError ?? console.error)(error));

  const subscriptions = new Map<string, Subscription>();
  const outbox = new Map<string, Outgoing>();
  const calls = new Map<number, Call>();
  const subscribing = new Map<number, Subscription>();
  const lastSeq = new Map<string, number>();
  const statusListeners = new Set<(status: RelayStatus) => void>();
  const ephemeralListeners = new Set<(frame: RelayEphemeral) => void>();
  let status: RelayStatus = 'offline';
  let socket: WebSocketLike | undefined;
  let log: string | undefined;
  let attempt = 0;
  let urlIndex = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let re = 0;
  /** Sub oks and acks to wait for before `online`. */
  let resync = new Set<string | number>();

  const setStatus = (next: RelayStatus) => {
    if (status === next) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  };
  const isOpen = () => socket?.readyState === OPEN && status !== 'offline';
  const send = (frame: string) => {
    if (isOpen()) socket!.send(frame);
  };
  const settle = (key: string | number) => {
    if (resync.delete(key) && !resync.size && status === 'resyncing') setStatus('online');
  };

  const sendSubscription = (subscription: Subscription) => {
    const id = ++re;
    subscribing.set(id, subscription);
    resync.add(id);
    send(JSON.stringify({ t: 'sub', re: id, pattern: subscription.pattern, after: subscription.cursor, replay: subscription.replay || undefined }));
  };

  const deliver = (message: RelayMessage) => {
    const seen = lastSeq.get(message.topic) ?? 0;
    if (message.seq <= seen) return;
    if (!lastSeq.has(message.topic) && lastSeq.size >= MAX_TOPICS_TRACKED) lastSeq.delete(lastSeq.keys().next().value!);
    lastSeq.set(message.topic, message.seq);
    const { topic, pos } = message;
    const { t, ...delivered } = message as RelayMessage & { t?: string };
    for (const subscription of subscriptions.values()) {
      if (!subscription.match(topic)) continue;
      subscription.cursor = pos;
      for (const handler of subscription.handlers) {
        try {
          handler(delivered);
        } catch (cause) {
          onError(new BusError('TESSERA_BUS_HANDLER_FAILED', 'A relay subscriber threw', { topic, cause }));
        }
      }
    }
  };

  const receive = (frame: RelayFrame) => {
    switch (frame.t) {
      case 'welcome': {
        if (frame.protocol !== RELAY_PROTOCOL) {
          onError(new BusError('TESSERA_BUS_PROTOCOL_MISMATCH', `The relay speaks protocol ${frame.protocol}, this client ${RELAY_PROTOCOL}`));
          return socket?.close(1000);
        }
        if (log !== undefined && frame.log !== log) {
          // another log (the relay restarted without Redis): old seqs and positions mean nothing there
          lastSeq.clear();
          for (const subscription of subscriptions.values()) subscription.cursor = undefined;
        }
        log = frame.log;
        attempt = 0;
        resync = new Set(outbox.keys());
        setStatus('resyncing');
        for (const subscription of subscriptions.values()) sendSubscription(subscription);
        for (const outgoing of outbox.values()) send(outgoing.frame);
        for (const [id, call] of calls) send(call.frame(id));
        if (!resync.size) setStatus('online');
        return;
      }
      case 'msg':
        return deliver(frame);
      case 'ack': {
        const outgoing = outbox.get(frame.id);
        outbox.delete(frame.id);
        outgoing?.resolve({ seq: frame.seq, pos: frame.pos });
        return settle(frame.id);
      }
      case 'ok': {
        const subscription = subscribing.get(frame.re);
        subscribing.delete(frame.re);
        if (subscription) subscription.replay = false;
        if (subscription && subscription.cursor === undefined) subscription.cursor = frame.head;
        if (subscription && frame.gap) {
          onError(new BusError('TESSERA_BUS_RELAY_REFUSED', `Resuming "${subscription.pattern}": the relay no longer holds every message since the last one seen; some were missed`));
        }
        return settle(frame.re);
      }
      case 'history': {
        const call = calls.get(frame.re);
        calls.delete(frame.re);
        return call?.resolve(frame.messages);
      }
      case 'req':
      case 'rep':
        for (const listener of ephemeralListeners) listener(frame);
        return;
      case 'error': {
        const error = new BusError('TESSERA_BUS_RELAY_REFUSED', `The relay refused: [${frame.code}] ${frame.message}`);
        const retry = frame.code === 'TESSERA_RELAY_RATE_LIMITED' || frame.code === 'TESSERA_RELAY_UNAVAILABLE';
        if (frame.id !== undefined && outbox.has(frame.id)) {
          const outgoing = outbox.get(frame.id)!;
          if (retry) return void setTimeout(() => outbox.has(frame.id!) && send(outgoing.frame), minMs * (1 + Math.random()));
          outbox.delete(frame.id);
          outgoing.reject(error);
          return settle(frame.id);
        }
        if (frame.re !== undefined && calls.has(frame.re)) {
          const call = calls.get(frame.re)!;
          calls.delete(frame.re);
          return call.reject(error);
        }
        if (frame.re !== undefined && subscribing.has(frame.re)) {
          const subscription = subscribing.get(frame.re)!;
          subscribing.delete(frame.re);
          settle(frame.re);
          if (retry) return void setTimeout(() => subscriptions.get(subscription.pattern) === subscription && sendSubscription(subscription), minMs);
          subscriptions.delete(subscription.pattern);
          return onError(new BusError('TESSERA_BUS_RELAY_REFUSED', `Subscribing to "${subscription.pattern}": [${frame.code}] ${frame.message}`));
        }
        return onError(error);
      }
    }
  };

  const connect = () => {
    timer = undefined;
    if (closed) return;
    const ws = new Socket(urls[urlIndex % urls.length]);
    socket = ws;
    ws.onmessage = (event) => {
      if (socket !== ws || typeof event.data !== 'string') return;
      const frame = parseRelayFrame(event.data);
      if (frame) receive(frame);
    };
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      subscribing.clear();
      setStatus('offline');
      if (closed) return;
      urlIndex++;
      const delay = Math.random() * Math.min(maxMs, minMs * 2 ** attempt++);
      timer = setTimeout(connect, delay);
    };
  };

  const closedError = () => new BusError('TESSERA_BUS_RELAY_CLOSED', 'The relay client was closed');

  connect();

  return {
    get status() {
      return status;
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    subscribe(pattern, handler, subscribeOptions) {
      const match = compilePattern(pattern);
      let subscription = subscriptions.get(pattern);
      if (!subscription) {
        subscription = { pattern, match, handlers: new Set(), replay: subscribeOptions?.replay ?? false };
        subscriptions.set(pattern, subscription);
        if (isOpen()) sendSubscription(subscription);
      }
      const own = subscription;
      const wrapped = (message: RelayMessage) => handler(message);
      own.handlers.add(wrapped);
      return () => {
        own.handlers.delete(wrapped);
        if (own.handlers.size || subscriptions.get(pattern) !== own) return;
        subscriptions.delete(pattern);
        send(JSON.stringify({ t: 'unsub', re: ++re, pattern }));
      };
    },
    publish(topic, data, publishOptions) {
      if (closed) return Promise.reject(closedError());
      if (outbox.size >= maxQueued) {
        throw new BusError('TESSERA_BUS_OFFLINE_QUEUE_FULL', `${outbox.size} messages wait for the relay already (maxQueuedMessages)`, { topic });
      }
      const id = publishOptions?.id ?? nextId();
      const frame = JSON.stringify({ t: 'pub', id, topic, data, bus: publishOptions?.bus });
      return new Promise((resolve, reject) => {
        outbox.set(id, { frame, resolve, reject });
        send(frame);
      });
    },
    history(topic, historyOptions = {}) {
      if (closed) return Promise.reject(closedError());
      return new Promise((resolve, reject) => {
        const id = ++re;
        const frame = (callId: number) => JSON.stringify({ t: 'history', re: callId, topic, afterSeq: historyOptions.afterSeq, limit: historyOptions.limit });
        calls.set(id, { frame, resolve, reject });
        send(frame(id));
      });
    },
    sendEphemeral: (frame) => send(JSON.stringify(frame)),
    onEphemeral(listener) {
      ephemeralListeners.add(listener);
      return () => ephemeralListeners.delete(listener);
    },
    queued: () => outbox.size,
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      socket?.close(1000);
      socket = undefined;
      setStatus('offline');
      for (const outgoing of outbox.values()) outgoing.reject(closedError());
      for (const call of calls.values()) call.reject(closedError());
      outbox.clear();
      calls.clear();
    },
  };
}
