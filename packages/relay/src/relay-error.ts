import type { RelayErrorCode } from '@tessera/bus/relay-protocol';

export type { RelayErrorCode };

/**
 * The relay's one error type. Codes are stable (match on `code`) and tabled in docs/errors.md:
 *
 * | code | where | cause |
 * | --- | --- | --- |
 * | `TESSERA_RELAY_INVALID_OPTIONS` | `startRelay` (throws) | an option out of range (names it) |
 * | `TESSERA_RELAY_MALFORMED_FRAME` | error frame | a frame that is not JSON or not a protocol frame; the connection stays |
 * | `TESSERA_RELAY_TOO_LARGE` | error frame | a frame over `maxMessageBytes` (over 4× that, close 1009) |
 * | `TESSERA_RELAY_FORBIDDEN` | error frame | publish or subscribe outside the connection's `allow` rules |
 * | `TESSERA_RELAY_RATE_LIMITED` | error frame, close 4029 | over `rateLimit` messages per second |
 * | `TESSERA_RELAY_INVALID_PATTERN` | error frame | a subscribe pattern with a misplaced `*` or `**` |
 * | `TESSERA_RELAY_UNAVAILABLE` | error frame | the broker (Redis) failed to store a message: not acknowledged, the client resends |
 */
export class RelayError extends Error {
  declare readonly code: RelayErrorCode | 'TESSERA_RELAY_INVALID_OPTIONS';

  constructor(code: RelayErrorCode | 'TESSERA_RELAY_INVALID_OPTIONS', message: string, options?: { cause?: unknown }) {
    super(`[${code}] ${message}`, options);
    Object.assign(this, { name: 'RelayError', code });
  }
}
