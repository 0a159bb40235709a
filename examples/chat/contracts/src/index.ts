import { getBus, websocketTransport, type WebSocketTransport } from '@tessera/bus';

/** The chat's bus topics and their payloads. */
export interface ChatTopics {
  'chat.message': { author: string; text: string };
}

/** The page's shared bus, whichever app's copy of this module asks. */
export const chatBus = getBus<ChatTopics>('chat');

const KEY = Symbol.for('chat.relayTransport');

/**
 * The page's connection to the relay, made by whichever app's copy asks first: the page's
 * `?relay=` parameter, else `ws://<this host>:4010` (what `tessera relay` listens on by default).
 */
export function chatRelay(): WebSocketTransport {
  const page = globalThis as { [KEY]?: WebSocketTransport };
  if (!page[KEY]) {
    const url = new URLSearchParams(location.search).get('relay') ?? `ws://${location.hostname}:4010`;
    page[KEY] = websocketTransport(url, { topics: ['chat.**'] });
    chatBus.addTransport(page[KEY]);
  }
  return page[KEY];
}

/** Who is typing on this page: the `?name=` parameter, else a random guest name. */
export const author = new URLSearchParams(globalThis.location?.search).get('name') ?? `guest-${Math.random().toString(36).slice(2, 6)}`;
