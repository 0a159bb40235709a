import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { compilePattern, parseClientFrame, RelayClose, type ClientFrame, type RelayErrorCode } from '@tessera/bus/relay-protocol';
import { isAllowed, type AllowRules } from './allow-rules.js';
import type { Broker, StoredMessage } from './broker.js';
import type { RelayCounters } from './counters.js';
import type { ResolvedRelayOptions } from './options.js';
import { createTokenBucket } from './rate-limit.js';

/** What a connection needs from its relay. */
export interface ConnectionContext {
  broker: Broker;
  options: ResolvedRelayOptions;
  counters: RelayCounters;
  /** Subscriptions changed: routes must be recomputed. */
  rerouted(): void;
}

/** One client of the relay: its subscriptions, its limits, and the frames it sends. */
export interface Connection {
  readonly id: string;
  /** Whether one of its subscriptions matches `topic`. */
  matches(topic: string): boolean;
  /** Sends a stored message (held while a resume or replay is being sent); `bytes`: its frame encoded once for every subscriber. */
  deliver(message: StoredMessage, bytes: Buffer): void;
  /** Sends a frame as is (requests, replies). */
  sendFrame(frame: string): void;
}

/** Reads the `id` of a frame too large to parse, so the publisher learns which message was refused. */
const idOf = (text: string) => /"id"\s*:\s*"([^"\\]{1,128})"/.exec(text.slice(0, 512))?.[1];

/**
 * Serves one WebSocket: checks each frame (size, rate, shape, allow rules), then publishes,
 * subscribes (with resume from a position, and last-value replay), answers history, and passes
 * requests and replies on. Nothing a client sends throws out of here: a bad frame gets an
 * `error` frame and the connection stays, except over the hard limits (close codes in
 * relay-protocol.ts). A client more than `maxQueueBytes` behind is closed with 4008. `socket` is
 * the connection's TCP socket (corked per event-loop turn to batch writes).
 */
export function createConnection(ws: WebSocket, socket: Duplex, id: string, rules: AllowRules, context: ConnectionContext): Connection {
  const { broker, options, counters } = context;
  const patterns = new Map<string, (topic: string) => boolean>();
  const bucket = createTokenBucket(options.rateLimit.perSecond, options.rateLimit.burst);
  let strikes = 0;
  let closed = false;
  let corked = false;

  /** Frames written in one turn of the event loop leave in one `writev`, not one syscall each. */
  const write = (data: string | Buffer) => {
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(() => {
        corked = false;
        socket.uncork();
      });
    }
    ws.send(data, { binary: false });
  };
  /** Live messages held while stored ones are sent first (resume, replay); undefined when none. */
  let held: StoredMessage[] | undefined;
  let holders = 0;

  const close = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    ws.close(code, reason);
    // a slow client may never read the close frame: cut it off
    setTimeout(() => ws.terminate(), 1000).unref();
  };

  const sendFrame = (frame: string | Buffer) => {
    if (closed) return;
    if (ws.bufferedAmount > options.maxQueueBytes) {
      counters.dropped.slowConsumer++;
      return close(RelayClose.slowConsumer, 'slow consumer');
    }
    write(frame);
  };

  const send = (message: StoredMessage, bytes?: Buffer) => {
    counters.messagesOut++;
    if (closed) return;
    if (ws.bufferedAmount > options.maxQueueBytes) {
      counters.dropped.slowConsumer++;
      return close(RelayClose.slowConsumer, 'slow consumer');
    }
    write(bytes ?? message.frame);
  };

  const error = (code: RelayErrorCode, message: string, to: { re?: number; id?: string } = {}) => {
    counters.refused[code] = (counters.refused[code] ?? 0) + 1;
    sendFrame(JSON.stringify({ t: 'error', code, message, re: to.re, id: to.id }));
  };

  /** Sends stored messages first, then the live ones that came meanwhile (each once). */
  const sendStoredFirst = async (stored: () => Promise<StoredMessage[]>) => {
    holders++;
    held ??= [];
    try {
      const sent = new Set<string>();
      for (const message of await stored()) {
        if (sent.has(message.pos)) continue;
        sent.add(message.pos);
        send(message);
      }
      if (--holders > 0) return;
      const live = held;
      held = undefined;
      for (const message of live!) if (!sent.has(message.pos)) send(message);
    } catch (cause) {
      if (--holders === 0) {
        const live = held;
        held = undefined;
        for (const message of live!) send(message);
      }
      throw cause;
    }
  };

  const subscribe = async (frame: Extract<ClientFrame, { t: 'sub' }>) => {
    let match: (topic: string) => boolean;
    try {
      match = compilePattern(frame.pattern);
    } catch (cause) {
      return error('TESSERA_RELAY_INVALID_PATTERN', (cause as Error).message, frame);
    }
    if (!isAllowed(rules.subscribe, frame.pattern)) {
      return error('TESSERA_RELAY_FORBIDDEN', `may not subscribe to "${frame.pattern}"`, frame);
    }
    const head = await broker.head();
    patterns.set(frame.pattern, match);
    context.rerouted();
    let gap = false;
    if (frame.replay || frame.after !== undefined) {
      await sendStoredFirst(async () => {
        const replayed = frame.replay ? await broker.last(match) : [];
        if (frame.after === undefined) return replayed;
        const since = await broker.after(frame.after, match);
        gap = since.gap;
        return [...replayed, ...since.messages];
      });
    }
    sendFrame(JSON.stringify({ t: 'ok', re: frame.re, head, gap: gap || undefined }));
  };

  const handle = async (frame: ClientFrame, raw: string) => {
    switch (frame.t) {
      case 'pub': {
        if (!isAllowed(rules.publish, frame.topic)) return error('TESSERA_RELAY_FORBIDDEN', `may not publish to "${frame.topic}"`, frame);
        counters.messagesIn++;
        try {
          const { seq, pos } = await broker.publish({ topic: frame.topic, id: frame.id, raw });
          sendFrame(`{"t":"ack","id":${JSON.stringify(frame.id)},"seq":${seq},"pos":"${pos}"}`);
        } catch (cause) {
          error('TESSERA_RELAY_UNAVAILABLE', `not stored, resend: ${(cause as Error).message}`, frame);
        }
        return;
      }
      case 'sub':
        return subscribe(frame);
      case 'unsub':
        patterns.delete(frame.pattern);
        context.rerouted();
        return sendFrame(JSON.stringify({ t: 'ok', re: frame.re }));
      case 'history': {
        if (!isAllowed(rules.subscribe, frame.topic)) return error('TESSERA_RELAY_FORBIDDEN', `may not read "${frame.topic}"`, frame);
        const limit = Math.min(frame.limit ?? options.historyPerTopic, options.historyPerTopic);
        const messages = await broker.history(frame.topic, frame.afterSeq ?? 0, limit);
        return sendFrame(`{"t":"history","re":${frame.re},"messages":[${messages.map((m) => m.frame).join(',')}]}`);
      }
      case 'req': {
        if (!isAllowed(rules.publish, frame.topic)) return error('TESSERA_RELAY_FORBIDDEN', `may not request "${frame.topic}"`, frame);
        const { t, id: requestId, topic, data, bus } = frame;
        return broker.send({ kind: 'req', topic, from: id, frame: JSON.stringify({ t, id: requestId, topic, data, bus, from: id }) });
      }
      case 'rep': {
        if (!isAllowed(rules.subscribe, frame.topic)) return error('TESSERA_RELAY_FORBIDDEN', `may not answer "${frame.topic}"`, { id: frame.id });
        const { t, id: replyId, re, ok, topic, data, bus, to } = frame;
        return broker.send({ kind: 'rep', to, frame: JSON.stringify({ t, id: replyId, re, ok, topic, data, bus }) });
      }
    }
  };

  ws.on('message', (data, isBinary) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    if (!bucket.take()) {
      counters.dropped.rateLimited++;
      if (++strikes > options.rateLimit.burst) return close(RelayClose.rateLimited, 'rate limited');
      return error('TESSERA_RELAY_RATE_LIMITED', `over ${options.rateLimit.perSecond} frames/s: refused, send it later`, { id: idOf(bytes.toString('latin1', 0, 512)) });
    }
    strikes = 0;
    if (bytes.length > options.maxMessageBytes) {
      return error('TESSERA_RELAY_TOO_LARGE', `frame of ${bytes.length} bytes, the limit is ${options.maxMessageBytes}`, { id: idOf(bytes.toString('latin1', 0, 512)) });
    }
    if (isBinary) return error('TESSERA_RELAY_MALFORMED_FRAME', 'binary frames are not part of the protocol');
    const text = bytes.toString('utf8');
    const parsed = parseClientFrame(text);
    if ('problem' in parsed) return error('TESSERA_RELAY_MALFORMED_FRAME', parsed.problem, parsed);
    const frame = parsed.frame;
    const to = { re: 're' in frame && typeof frame.re === 'number' ? frame.re : undefined, id: 'id' in frame ? frame.id : undefined };
    handle(frame, text).catch((cause) => error('TESSERA_RELAY_UNAVAILABLE', (cause as Error)?.message ?? String(cause), to));
  });

  return {
    id,
    matches(topic) {
      for (const match of patterns.values()) if (match(topic)) return true;
      return false;
    },
    deliver(message, bytes) {
      if (closed) return;
      if (!held) return send(message, bytes);
      if (held.length >= options.historyPerTopic * 10) {
        counters.dropped.slowConsumer++;
        return close(RelayClose.slowConsumer, 'slow consumer');
      }
      held.push(message);
    },
    sendFrame,
  };
}
