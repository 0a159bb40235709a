import { BusError } from '../bus-error.js';
import { PROTOCOL, type BusMessage } from '../message.js';
import type { Transport } from './transport.js';
import { connectRelay, type RelayClient, type RelayClientOptions, type RelayStatus } from './websocket-client.js';

export interface WebSocketTransportOptions extends RelayClientOptions {
  /** Topic patterns to receive from the relay (default `['**']`: every topic the relay lets this client read). */
  topics?: string[];
  /** On the first connection, also receive the last message of each topic the patterns match (default false). */
  replay?: boolean;
}

/** A transport to `@tessera/relay` whose connection state can be watched (`useRelayStatus`). */
export interface WebSocketTransport extends Transport {
  /** `online`, `resyncing` (catching up after a reconnect) or `offline`: of the last bus it was added to. */
  readonly status: RelayStatus;
  onStatus(listener: (status: RelayStatus) => void): () => void;
}

const MAX_REQUESTS_TRACKED = 1000;

/**
 * Joins buses on other devices through a relay (`ws://relay.example:4010`, or a list of instance
 * URLs tried in turn). Each bus it is added to opens its own connection (see `connectRelay`):
 * reconnects with backoff and jitter, resumes after the last message it received, queues up to
 * `maxQueuedMessages` publishes while offline and flushes them on reconnect. Published messages
 * are delivered to other devices at least once; the bus drops repeats by message id, so
 * subscribers see each once. Requests reach every device subscribed to their topic; the reply
 * goes back to the asking connection only. Payloads cross as JSON (not structured clone).
 */
export function websocketTransport(url: string | string[], options: WebSocketTransportOptions = {}): WebSocketTransport {
  const topics = options.topics ?? ['**'];
  const statusListeners = new Set<(status: RelayStatus) => void>();
  let current: RelayClient | undefined;
  return {
    get status() {
      return current?.status ?? 'offline';
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    connect(receive) {
      const client = connectRelay(url, options);
      current = client;
      const onError = options.onError ?? ((error: BusError) => (globalThis.reportError ?? console.error)(error));
      /** Request id → the connection that asked, for the reply's `to`. */
      const askers = new Map<string, string>();
      const base = { tessera: 'bus', protocol: PROTOCOL } as const;
      const offStatus = client.onStatus((status) => statusListeners.forEach((listener) => listener(status)));
      const unsubscribe = topics.map((pattern) =>
        client.subscribe(
          pattern,
          (m) => receive({ ...base, bus: m.bus ?? 'default', id: m.id, type: 'publish', topic: m.topic, payload: m.data } satisfies BusMessage),
          { replay: options.replay },
        ),
      );
      const offEphemeral = client.onEphemeral((frame) => {
        if (frame.t === 'req') {
          askers.set(frame.id, frame.from);
          if (askers.size > MAX_REQUESTS_TRACKED) askers.delete(askers.keys().next().value!);
          return receive({ ...base, bus: frame.bus ?? 'default', id: frame.id, type: 'request', topic: frame.topic, payload: frame.data } satisfies BusMessage);
        }
        receive({ ...base, bus: frame.bus ?? 'default', id: frame.id, type: 'reply', topic: frame.topic, payload: frame.data, re: frame.re, ok: frame.ok } satisfies BusMessage);
      });
      return {
        send(message) {
          const bus = message.bus === 'default' ? undefined : message.bus;
          if (message.type === 'publish') {
            client.publish(message.topic, message.payload, { id: message.id, bus }).catch(onError);
            return;
          }
          if (message.type === 'request') {
            return client.sendEphemeral({ t: 'req', id: message.id, topic: message.topic, data: message.payload, bus });
          }
          const to = askers.get(message.re!);
          // a reply to a request that came from this page or another transport: not the relay's
          if (to === undefined) return;
          askers.delete(message.re!);
          client.sendEphemeral({ t: 'rep', id: message.id, re: message.re!, to, ok: message.ok!, topic: message.topic, data: message.payload, bus });
        },
        close() {
          unsubscribe.forEach((off) => off());
          offEphemeral();
          offStatus();
          client.close();
          if (current === client) current = undefined;
          statusListeners.forEach((listener) => listener('offline'));
        },
      };
    },
  };
}
