import { BusError } from './bus-error.js';
import { nextId, PROTOCOL, type BusMessage } from './message.js';
import { createRequests, type Outgoing } from './requests.js';
import { compilePattern, type TopicPattern, type TopicsMatching } from './topic-pattern.js';
import type { Transport, TransportLink } from './transports/transport.js';

/** Options of `createBus`, read once. */
export interface BusOptions {
  /** Name of the bus (default `'default'`): only buses of the same name hear each other over transports. */
  name?: string;
  /** Transports to add at once (same as `addTransport`). */
  transports?: Transport[];
  /** Where failures that have no caller go: `TESSERA_BUS_HANDLER_FAILED`, `TESSERA_BUS_TRANSPORT_FAILED`. Default `globalThis.reportError ?? console.error`. */
  onError?: (error: BusError) => void;
}

/** What a subscriber gets beside the payload: the topic it was published on, and whether it came from this context or a transport. */
export interface MessageMeta<Topic extends string = string> {
  readonly topic: Topic;
  readonly source: 'local' | 'remote';
}

export interface SubscribeOptions {
  /** Deliver at once the last payload of every topic the pattern matches (default false: only future messages). */
  replay?: boolean;
}

export interface RequestOptions {
  /** How long to wait for a reply, in ms (default 5000). */
  timeoutMs?: number;
}

/** Request map: topic → `{ request; response }`. Interfaces work too: `interface ShopRequests { 'cart.count': { request: void; response: number } }`. */
export type RequestMap<Requests> = { [K in keyof Requests]: { request: unknown; response: unknown } };

/**
 * A typed bus. `Topics` maps topic → payload (`interface ShopTopics { 'cart.added': { sku: string } }`);
 * `Requests` maps topic → `{ request; response }`. The types are a view: apps sharing a bus may
 * each declare the part they use.
 */
export interface Bus<Topics extends object = Record<string, unknown>, Requests extends RequestMap<Requests> = {}> {
  readonly name: string;

  /**
   * Delivers `payload` synchronously to the subscribers whose pattern matches `topic` (in the order
   * they subscribed), keeps it as the topic's last value, and sends it on the transports.
   * Throws `TESSERA_BUS_UNCLONEABLE` (and delivers nothing) when a transport is attached and the
   * payload cannot be structured-cloned. Without transports the payload is passed by reference.
   */
  publish<K extends keyof Topics & string>(topic: K, payload: Topics[K]): void;

  /**
   * Calls `handler` for each message whose topic matches `pattern` (a topic, or a wildcard:
   * `'cart.*'` one segment, `'cart.**'` one or more, `'**'` all; see topic-pattern.ts).
   * A handler that throws is reported to `onError` as `TESSERA_BUS_HANDLER_FAILED`; the others still run.
   * Returns the unsubscribe function; once called, the handler is not called again.
   * Throws `TESSERA_BUS_INVALID_PATTERN`.
   */
  subscribe<K extends keyof Topics & string>(
    topic: K,
    handler: (payload: Topics[K], meta: MessageMeta<string extends keyof Topics ? string : K>) => void,
    options?: SubscribeOptions,
  ): () => void;
  subscribe<P extends TopicPattern<Topics>>(
    pattern: P,
    handler: (payload: Topics[TopicsMatching<Topics, P> & keyof Topics], meta: MessageMeta<TopicsMatching<Topics, P>>) => void,
    options?: SubscribeOptions,
  ): () => void;

  /**
   * The last payload published on `topic` here or received from a transport, `undefined` before
   * the first (what `useSyncExternalStore` needs as a snapshot: same object until the next publish).
   */
  last<K extends keyof Topics & string>(topic: K): Topics[K] | undefined;

  /**
   * Asks the replier of `topic`: the one on this bus, else the first to answer over the transports,
   * or one registered here before the timeout. Rejects with `TESSERA_BUS_REQUEST_TIMEOUT` after
   * `timeoutMs` (default 5000 ms), `TESSERA_BUS_REPLY_FAILED` (with `cause`) when the replier
   * throws or rejects, `TESSERA_BUS_UNCLONEABLE` when the request must cross a transport and cannot.
   */
  request<K extends keyof Requests & string>(
    topic: K,
    payload: Requests[K]['request'],
    options?: RequestOptions,
  ): Promise<Requests[K]['response']>;

  /**
   * Answers the requests of `topic`, from this context and from others. One replier per topic:
   * a second throws `TESSERA_BUS_REPLIER_EXISTS`. Returns the function that removes it.
   */
  reply<K extends keyof Requests & string>(
    topic: K,
    handler: (payload: Requests[K]['request']) => Requests[K]['response'] | PromiseLike<Requests[K]['response']>,
  ): () => void;

  /**
   * Connects the bus to other contexts. Messages of this bus's name arriving on a transport are
   * delivered here (`source: 'remote'`) and relayed to its other transports, so a page bus joins
   * its frames, workers and tabs; message ids stop echoes and loops. Returns the function that
   * disconnects (and closes what the transport opened).
   */
  addTransport(transport: Transport): () => void;
}

interface Subscription {
  match: (topic: string) => boolean;
  handler: (payload: unknown, meta: MessageMeta) => void;
  active: boolean;
}

/** Per-topic state: its last value and, cached until the subscriptions change, who to deliver to. */
interface TopicState {
  topic: string;
  subscribers: Subscription[];
  version: number;
  value: unknown;
  /** Meta of the last message; undefined until the topic has a value. */
  last?: MessageMeta;
  local: MessageMeta;
  remote: MessageMeta;
}

const SEEN_IDS = 1000;

/**
 * Creates a private bus (for the page's shared one, use `getBus`). Its transports are connected
 * at once. The in-page path does no cloning and no validation: `publish` is a map lookup and a
 * loop over the cached subscribers of the topic.
 */
export function createBus<Topics extends object = Record<string, unknown>, Requests extends RequestMap<Requests> = {}>(
  options: BusOptions = {},
): Bus<Topics, Requests> {
  const name = options.name ?? 'default';
  const onError = options.onError ?? ((error: BusError) => (globalThis.reportError ?? console.error)(error));
  const subscriptions: Subscription[] = [];
  const topics = new Map<string, TopicState>();
  const links: TransportLink[] = [];
  const seen = new Set<string>();
  let version = 0;

  const stateOf = (topic: string): TopicState => {
    let state = topics.get(topic);
    if (!state) {
      state = { topic, subscribers: [], version: -1, value: undefined, local: { topic, source: 'local' }, remote: { topic, source: 'remote' } };
      topics.set(topic, state);
    }
    return state;
  };

  const call = (subscription: Subscription, payload: unknown, meta: MessageMeta) => {
    if (!subscription.active) return;
    try {
      subscription.handler(payload, meta);
    } catch (cause) {
      onError(new BusError('TESSERA_BUS_HANDLER_FAILED', 'A subscriber threw', { topic: meta.topic, cause }));
    }
  };

  const deliver = (state: TopicState, payload: unknown, meta: MessageMeta) => {
    state.value = payload;
    state.last = meta;
    if (state.version !== version) {
      state.subscribers = subscriptions.filter((s) => s.match(state.topic));
      state.version = version;
    }
    for (const subscription of state.subscribers) call(subscription, payload, meta);
  };

  const forward = (message: BusMessage, from?: TransportLink) => {
    seen.add(message.id);
    if (seen.size > SEEN_IDS) seen.delete(seen.values().next().value!);
    for (const link of links) {
      if (link === from) continue;
      try {
        link.send(message);
      } catch (cause) {
        onError(new BusError('TESSERA_BUS_TRANSPORT_FAILED', 'A transport failed to send', { topic: message.topic, cause }));
      }
    }
  };

  const post = (message: Outgoing) => {
    if (!links.length) return;
    try {
      structuredClone(message.payload);
    } catch (cause) {
      throw new BusError('TESSERA_BUS_UNCLONEABLE', 'The payload cannot be cloned for a transport', { topic: message.topic, cause });
    }
    forward({ tessera: 'bus', protocol: PROTOCOL, bus: name, id: nextId(), ...message });
  };

  const requests = createRequests(post);

  const receive = (from: TransportLink, data: unknown) => {
    const message = data as BusMessage;
    if (message?.tessera !== 'bus' || message.protocol !== PROTOCOL || message.bus !== name || seen.has(message.id)) return;
    forward(message, from);
    if (message.type !== 'publish') return requests.receive(message);
    const state = stateOf(message.topic);
    deliver(state, message.payload, state.remote);
  };

  const bus: Bus<Record<string, unknown>, Record<string, { request: unknown; response: unknown }>> = {
    name,
    publish(topic, payload) {
      const state = stateOf(topic);
      post({ type: 'publish', topic, payload });
      deliver(state, payload, state.local);
    },
    subscribe(pattern, handler, options) {
      const subscription: Subscription = { match: compilePattern(pattern), handler: handler as Subscription['handler'], active: true };
      subscriptions.push(subscription);
      version++;
      if (options?.replay) {
        for (const state of topics.values()) if (state.last && subscription.match(state.topic)) call(subscription, state.value, state.last);
      }
      return () => {
        if (!subscription.active) return;
        subscription.active = false;
        subscriptions.splice(subscriptions.indexOf(subscription), 1);
        version++;
      };
    },
    last: (topic) => topics.get(topic)?.value,
    request: (topic, payload, options) => requests.request(topic, payload, options?.timeoutMs ?? 5000),
    reply: requests.reply,
    addTransport(transport) {
      const link: TransportLink = transport.connect((data) => receive(link, data));
      links.push(link);
      return () => {
        const i = links.indexOf(link);
        if (i < 0) return;
        links.splice(i, 1);
        link.close();
      };
    },
  };
  options.transports?.forEach(bus.addTransport);
  return bus as unknown as Bus<Topics, Requests>;
}
