import type { BusMessage } from '../message.js';

/**
 * Carries bus messages to other contexts (tabs, workers, frames). Part of protocol 1: a bus
 * created by one copy of the package accepts transports made by another, so keep this shape.
 *
 * `connect` is called once per bus the transport is added to; it starts delivering incoming data
 * (unchecked: the bus drops foreign traffic) to `receive`.
 */
export interface Transport {
  connect(receive: (data: unknown) => void): TransportLink;
}

/** One open connection. `send` may throw (a closed port): the bus reports `TESSERA_BUS_TRANSPORT_FAILED`. */
export interface TransportLink {
  send(message: BusMessage): void;
  /** Stops listening, and closes what the transport opened itself (not a port or window you passed in). */
  close(): void;
}
