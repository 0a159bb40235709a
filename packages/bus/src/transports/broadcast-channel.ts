import type { Transport } from './transport.js';

/**
 * Joins buses of the same name in other tabs and windows of the same origin (and workers that
 * open the same channel). Each bus it is added to opens its own `BroadcastChannel(channelName)`,
 * closed when the transport is removed. Messages are structured-cloned by the browser.
 */
export function broadcastChannelTransport(channelName: string): Transport {
  return {
    connect(receive) {
      const channel = new BroadcastChannel(channelName);
      channel.onmessage = (event) => receive(event.data);
      return { send: (message) => channel.postMessage(message), close: () => channel.close() };
    },
  };
}
