/*
 * The wire protocol between bus clients and `@tessera/relay` (version 1). The one module the bus
 * and the relay share: frames are JSON text, one object per WebSocket message, told apart by `t`.
 *
 * Client → relay
 * | frame | answer | meaning |
 * | --- | --- | --- |
 * | `{ t:'sub', re, pattern, after?, replay? }` | `msg`… then `{ t:'ok', re, head }` | deliver messages of topics matching `pattern` (bus wildcards); `after`: also every stored one after that position (resume); `replay`: first the last message of each matching topic |
 * | `{ t:'unsub', re, pattern }` | `{ t:'ok', re }` | stop delivering `pattern` |
 * | `{ t:'pub', id, topic, data, bus? }` | `{ t:'ack', id, seq, pos }` or `{ t:'error', id, code }` | store and deliver; the ack means the broker holds it. Resending an `id` the relay has seen gets the first ack again (no second copy) |
 * | `{ t:'history', re, topic, afterSeq?, limit? }` | `{ t:'history', re, messages }` | the topic's stored messages with `seq > afterSeq`, oldest first |
 * | `{ t:'req', id, topic, data, bus? }` | (none) | a bus request, delivered once to every other connection subscribed to `topic` |
 * | `{ t:'rep', id, re, to, ok, topic, data, bus? }` | (none) | a bus reply to request `re`, routed to the connection `to` (the request's `from`) |
 *
 * Relay → client: `welcome` first (with `log`: the id of the broker's log; positions and seqs
 * of another log mean nothing here), then `msg` (`{ t:'msg', seq, pos, m }`: per-topic `seq` from 1,
 * opaque global `pos` to resume from, and `m` the publisher's `pub` frame exactly as it was sent,
 * so the relay never re-encodes `data`; `parseRelayFrame` flattens it into a `RelayMessage`), `ack`, `ok`, `history`, `req` (with `from`), `rep`, and `error` (with the
 * `re` or `id` of the frame it refuses, when that could be read). A refused frame never closes
 * the connection, except as the close codes below say.
 */

/** Subscribe patterns follow the bus's topic wildcards exactly (NATS rules, see topic-pattern.ts). */
export { compilePattern } from './topic-pattern.js';

/** Protocol version, sent in `welcome`; a client refuses a relay speaking another. */
export const RELAY_PROTOCOL = 1;

/** WebSocket close codes the relay uses (4000-4999 are the application's). */
export const RelayClose = {
  /** The relay is shutting down (standard "going away"): reconnect, to another instance. */
  goingAway: 1001,
  /** A frame beyond the hard size limit (standard "message too big", closed by `ws`). */
  tooBig: 1009,
  /** The connection fell more than `maxQueueBytes` behind: reconnect and resume. */
  slowConsumer: 4008,
  /** The client kept sending far over its rate limit. */
  rateLimited: 4029,
} as const;

/** Error codes in `error` frames (also the relay's `RelayError` codes). */
export type RelayErrorCode =
  | 'TESSERA_RELAY_MALFORMED_FRAME'
  | 'TESSERA_RELAY_TOO_LARGE'
  | 'TESSERA_RELAY_FORBIDDEN'
  | 'TESSERA_RELAY_RATE_LIMITED'
  | 'TESSERA_RELAY_INVALID_PATTERN'
  | 'TESSERA_RELAY_UNAVAILABLE';

/** A stored message as the relay delivers it. */
export interface RelayMessage {
  topic: string;
  /** 1, 2, 3… per topic, in the order the relay accepted them: every subscriber sees this order. */
  seq: number;
  /** Position in the relay's log of all topics; opaque: pass it back as `after` to resume. */
  pos: string;
  /** The publisher's message id (unique; the application dedups by it). */
  id: string;
  data: unknown;
  /** Name of the bus that published it (absent for raw relay clients). */
  bus?: string;
}

export type ClientFrame =
  | { t: 'sub'; re: number; pattern: string; after?: string; replay?: boolean }
  | { t: 'unsub'; re: number; pattern: string }
  | { t: 'pub'; id: string; topic: string; data: unknown; bus?: string }
  | { t: 'history'; re: number; topic: string; afterSeq?: number; limit?: number }
  | { t: 'req'; id: string; topic: string; data: unknown; bus?: string }
  | { t: 'rep'; id: string; re: string; to: string; ok: boolean; topic: string; data: unknown; bus?: string };

export type RelayFrame =
  | { t: 'welcome'; protocol: number; instance: string; log: string; maxMessageBytes: number }
  | ({ t: 'msg' } & RelayMessage)
  | { t: 'ack'; id: string; seq: number; pos: string }
  | { t: 'ok'; re: number; head?: string; gap?: boolean }
  | { t: 'history'; re: number; messages: RelayMessage[] }
  | { t: 'req'; id: string; topic: string; data: unknown; bus?: string; from: string }
  | { t: 'rep'; id: string; re: string; ok: boolean; topic: string; data: unknown; bus?: string }
  | { t: 'error'; code: RelayErrorCode; message: string; re?: number; id?: string };

/** Longest topic or pattern, in characters. */
export const MAX_TOPIC_LENGTH = 256;
/** Longest message id, in characters. */
export const MAX_ID_LENGTH = 128;

const isString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);
const isBus = (value: unknown) => optional(value, (v) => isString(v, MAX_TOPIC_LENGTH));

/**
 * Reads one client frame, or says what is wrong with it (`problem`, and the `re`/`id` to answer
 * to when it could be read). Never throws, whatever `text` holds.
 */
export function parseClientFrame(
  text: string,
): { frame: ClientFrame } | { problem: string; re?: number; id?: string } {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'not an object' };
  const re = isCount(value.re) ? value.re : undefined;
  const id = isString(value.id, MAX_ID_LENGTH) ? value.id : undefined;
  const bad = (problem: string) => ({ problem, re, id });
  const topicOk = isString(value.topic, MAX_TOPIC_LENGTH) && !value.topic.includes('*');
  switch (value.t) {
    case 'sub':
      if (re === undefined || !isString(value.pattern, MAX_TOPIC_LENGTH)) return bad('sub needs re and pattern');
      if (!optional(value.after, (v) => isString(v, 64)) || !optional(value.replay, (v) => typeof v === 'boolean')) {
        return bad('sub: after is a position string, replay a boolean');
      }
      return { frame: value as ClientFrame };
    case 'unsub':
      if (re === undefined || !isString(value.pattern, MAX_TOPIC_LENGTH)) return bad('unsub needs re and pattern');
      return { frame: value as ClientFrame };
    case 'pub':
    case 'req':
      // `data` may be absent: JSON has no `undefined` (a request without payload)
      if (!id || !topicOk || !isBus(value.bus)) return bad(`${value.t} needs id and topic (no wildcard)`);
      return { frame: value as ClientFrame };
    case 'rep':
      if (!id || !topicOk || !isString(value.re, MAX_ID_LENGTH) || !isString(value.to, MAX_ID_LENGTH) || typeof value.ok !== 'boolean' || !isBus(value.bus)) {
        return bad('rep needs id, re, to, ok and topic');
      }
      return { frame: value as ClientFrame };
    case 'history':
      if (re === undefined || !topicOk) return bad('history needs re and topic');
      if (!optional(value.afterSeq, isCount) || !optional(value.limit, isCount)) return bad('history: afterSeq and limit are counts');
      return { frame: value as ClientFrame };
    default:
      return bad(`unknown frame type ${JSON.stringify(value.t)?.slice(0, 40)}`);
  }
}

/** The wire form of a `msg` frame and of each of `history`'s messages. */
interface WireMessage {
  seq: number;
  pos: string;
  m: { topic: string; id: string; data?: unknown; bus?: string };
}

const flatten = ({ seq, pos, m }: WireMessage): RelayMessage =>
  m.bus === undefined ? { topic: m.topic, seq, pos, id: m.id, data: m.data } : { topic: m.topic, seq, pos, id: m.id, data: m.data, bus: m.bus };

/**
 * Reads one relay frame (`msg` and `history` messages flattened into `RelayMessage`s);
 * `undefined` for anything that is not one (the client ignores it).
 */
export function parseRelayFrame(text: string): RelayFrame | undefined {
  try {
    const value = JSON.parse(text);
    if (typeof value !== 'object' || value === null || typeof value.t !== 'string') return undefined;
    if (value.t === 'msg') return { t: 'msg', ...flatten(value) };
    if (value.t === 'history') return { t: 'history', re: value.re, messages: value.messages.map(flatten) };
    return value as RelayFrame;
  } catch {
    return undefined;
  }
}
