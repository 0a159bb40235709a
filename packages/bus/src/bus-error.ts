/**
 * Every error code of `@tessera/bus`. Codes are stable: match on `error.code`, never on the message.
 *
 * | code | thrown / reported by | cause |
 * | --- | --- | --- |
 * | `TESSERA_BUS_PROTOCOL_MISMATCH` | `getBus` | the page registry was created by a copy of the bus speaking another protocol |
 * | `TESSERA_BUS_INVALID_PATTERN` | `subscribe` | `*` inside a segment (`cart*`), or `**` not as the last segment |
 * | `TESSERA_BUS_HANDLER_FAILED` | `onError` (reported) | a subscriber threw; the other subscribers still ran |
 * | `TESSERA_BUS_REPLIER_EXISTS` | `reply` | the topic already has a replier on this bus |
 * | `TESSERA_BUS_REQUEST_TIMEOUT` | `request` (rejects) | no reply within `timeoutMs` |
 * | `TESSERA_BUS_REPLY_FAILED` | `request` (rejects) | the replier threw or rejected (`cause`), here or in another context |
 * | `TESSERA_BUS_UNCLONEABLE` | `publish`, `request` | a transport is attached and the payload cannot be structured-cloned |
 * | `TESSERA_BUS_TRANSPORT_FAILED` | `onError` (reported) | a transport threw while sending (closed channel or port) |
 * | `TESSERA_BUS_INSECURE_ORIGIN` | `windowTransport` | `targetOrigin: '*'` without `allowAnyOrigin: true`, or not an origin (`'shop.example'`, `'null'`) |
 * | `TESSERA_BUS_OFFLINE_QUEUE_FULL` | relay client `publish`, `websocketTransport` (reported) | `maxQueuedMessages` messages already wait for the relay's ack (offline too long, or publishing faster than the relay acks) |
 * | `TESSERA_BUS_RELAY_REFUSED` | relay client `publish`, `history` (rejects), `onError` (reported) | the relay refused a frame (too large, forbidden topic, invalid pattern) or could not resume without a gap; the relay's code is in the message |
 * | `TESSERA_BUS_RELAY_CLOSED` | relay client `publish`, `history` (rejects) | the client was closed before the relay answered |
 */
export type BusErrorCode =
  | 'TESSERA_BUS_PROTOCOL_MISMATCH'
  | 'TESSERA_BUS_INVALID_PATTERN'
  | 'TESSERA_BUS_HANDLER_FAILED'
  | 'TESSERA_BUS_REPLIER_EXISTS'
  | 'TESSERA_BUS_REQUEST_TIMEOUT'
  | 'TESSERA_BUS_REPLY_FAILED'
  | 'TESSERA_BUS_UNCLONEABLE'
  | 'TESSERA_BUS_TRANSPORT_FAILED'
  | 'TESSERA_BUS_INSECURE_ORIGIN'
  | 'TESSERA_BUS_OFFLINE_QUEUE_FULL'
  | 'TESSERA_BUS_RELAY_REFUSED'
  | 'TESSERA_BUS_RELAY_CLOSED';

/**
 * The one error type of the bus: `code` is stable, `topic` names the topic involved, `cause`
 * keeps the original error (a subscriber's or replier's throw, a `DataCloneError`).
 * The message reads `[code] message (topic "cart.added")`.
 */
export class BusError extends Error {
  declare readonly code: BusErrorCode;
  declare readonly topic?: string;

  constructor(code: BusErrorCode, message: string, details: { topic?: string; cause?: unknown } = {}) {
    // `details` doubles as the Error options: it sets `cause` only when it has one
    super(`[${code}] ${message}${details.topic ? ` (topic "${details.topic}")` : ''}`, details);
    Object.assign(this, { name: 'BusError', code, topic: details.topic });
  }
}

/**
 * True for a `BusError` from any copy of `@tessera/bus` on the page. Use it rather than
 * `instanceof`: the shared bus may have been created by another app's copy, whose class differs.
 */
export function isBusError(error: unknown): error is BusError {
  return error instanceof Error && error.name === 'BusError' && typeof (error as BusError).code === 'string';
}
