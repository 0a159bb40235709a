import type { Transport } from './transport.js';

/** Anything with `postMessage` and `'message'` events: a `MessagePort`, a `Worker`, a worker's `self`. */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?(): void;
}

/**
 * Joins the bus on the other end of a port: a worker (`messagePortTransport(worker)` in the page,
 * `messagePortTransport(self)` in the worker) or a `MessageChannel` port. Starts the port;
 * removing the transport stops listening but leaves the port open (close it yourself).
 */
export function messagePortTransport(port: PortLike): Transport {
  return {
    connect(receive) {
      const listener = (event: MessageEvent) => receive(event.data);
      port.addEventListener('message', listener);
      port.start?.();
      return { send: (message) => port.postMessage(message), close: () => port.removeEventListener('message', listener) };
    },
  };
}
