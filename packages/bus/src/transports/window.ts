import { BusError } from '../bus-error.js';
import type { Transport } from './transport.js';

/** The window to post to: `iframe.contentWindow`, `window.parent`, `window.opener`. */
export interface WindowLike {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** Where the other window's messages arrive as `'message'` events (`origin`, `source`, `data`). */
export interface MessageEventTargetLike {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface WindowTransportOptions {
  /** Origin of the target window (`'https://cart.shop.example'`): messages are posted only to it and accepted only from it. */
  targetOrigin: string;
  /** Allows `targetOrigin: '*'` (any page in the target window can read the messages, any origin can send). Default false. */
  allowAnyOrigin?: boolean;
  /** The window that receives the target's messages (default `globalThis`). */
  self?: MessageEventTargetLike;
}

/**
 * Joins the bus of another window (iframe, parent, popup) with `postMessage`. Posts with the
 * explicit `targetOrigin`, and accepts only messages whose `event.source` is `target` and whose
 * `event.origin` is `targetOrigin`. Throws `TESSERA_BUS_INSECURE_ORIGIN` for `'*'` without
 * `allowAnyOrigin: true`, or for a `targetOrigin` that is not an origin (`'https://host:port'`).
 */
export function windowTransport(target: WindowLike, options: WindowTransportOptions): Transport {
  const { targetOrigin, allowAnyOrigin, self = globalThis as unknown as MessageEventTargetLike } = options;
  let origin = targetOrigin;
  try {
    // '*' fails to parse (any page in the target window could read the bus, any origin write to
    // it), and so do opaque origins ('null'), which postMessage cannot target
    if (origin !== '*' || !allowAnyOrigin) origin = new URL(origin).origin;
    if (origin === 'null') throw new TypeError('opaque origin');
  } catch (cause) {
    throw new BusError('TESSERA_BUS_INSECURE_ORIGIN', `targetOrigin "${targetOrigin}" must be an origin like 'https://shop.example' ('*' needs allowAnyOrigin)`, {
      cause,
    });
  }
  return {
    connect(receive) {
      const listener = (event: MessageEvent) => {
        if (event.source === target && (origin === '*' || event.origin === origin)) receive(event.data);
      };
      self.addEventListener('message', listener);
      return { send: (message) => target.postMessage(message, origin), close: () => self.removeEventListener('message', listener) };
    },
  };
}
