/**
 * Version of everything copies of `@tessera/bus` share: the page registry, the bus object in it,
 * and the messages on transports. It changes only when one of those shapes does, so apps built
 * months apart still meet.
 */
export const PROTOCOL = 1;

/**
 * A message on a transport (protocol 1). Anything else arriving on a transport (another
 * protocol, another bus name, other libraries' messages) is foreign traffic and ignored.
 */
export interface BusMessage {
  tessera: 'bus';
  protocol: typeof PROTOCOL;
  /** Name of the bus: buses only hear messages of their own name. */
  bus: string;
  /** Unique per message; a bus drops ids it has seen (its own, and loops between transports). A request's id is its correlation id. */
  id: string;
  type: 'publish' | 'request' | 'reply';
  topic: string;
  /** The published message, the request, the response, or (`ok: false`) the replier's error. */
  payload: unknown;
  /** Reply only: id of the request it answers. */
  re?: string;
  /** Reply only: false when the replier threw or rejected. */
  ok?: boolean;
}

const prefix = Math.random().toString(36).slice(2, 10);
let count = 0;

/** A page-unique, context-unique-enough message id: a random prefix per copy of the package and a counter. */
export const nextId = (): string => prefix + (count++).toString(36);
