import type { RelayErrorCode } from '@tessera/bus/relay-protocol';

/** What the relay counts, as plain numbers on the hot path; metrics.ts reads them when scraped. */
export interface RelayCounters {
  /** Messages accepted from publishers. */
  messagesIn: number;
  /** Messages written to subscribers (one per subscriber). */
  messagesOut: number;
  /** Frames refused, by error code. */
  refused: Partial<Record<RelayErrorCode, number>>;
  /** Frames dropped by rate limit, and connections dropped as slow consumers. */
  dropped: { slowConsumer: number; rateLimited: number };
}

export const createCounters = (): RelayCounters => ({ messagesIn: 0, messagesOut: 0, refused: {}, dropped: { slowConsumer: 0, rateLimited: 0 } });
