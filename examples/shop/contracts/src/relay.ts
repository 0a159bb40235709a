import { websocketTransport, type Bus, type WebSocketTransport } from '@tessera/bus';

const KEY = Symbol.for('shop.relayTransport');

/**
 * Joins the page's shop bus to other devices through the relay named by the page's `?relay=`
 * parameter (`http://localhost:4000/?relay=ws://localhost:4010`, what `npm run demo` prints).
 * Once per page, whichever app's copy of the contracts runs first; without the parameter (or
 * outside a browser) the bus stays on this page.
 */
export function joinRelay(bus: Pick<Bus, 'addTransport'>): WebSocketTransport | undefined {
  if (typeof location === 'undefined' || typeof WebSocket === 'undefined') return undefined;
  const url = new URLSearchParams(location.search).get('relay');
  if (!url) return undefined;
  const page = globalThis as { [KEY]?: WebSocketTransport };
  if (!page[KEY]) {
    page[KEY] = websocketTransport(url, { topics: ['cart.*'] });
    bus.addTransport(page[KEY]);
  }
  return page[KEY];
}
