import { BusError } from './bus-error.js';
import { nextId, type BusMessage } from './message.js';

/** A message for `post`: the bus adds `tessera`, `protocol`, `bus` (and `id` when missing). */
export type Outgoing = Omit<BusMessage, 'tessera' | 'protocol' | 'bus' | 'id'> & { id?: string };

type Replier = (payload: unknown) => unknown;

interface Pending {
  topic: string;
  payload: unknown;
  /** Handed to a replier already (so a late replier does not answer it twice). */
  served: boolean;
  done(ok: boolean, value: unknown): void;
}

/**
 * Request/reply of one bus. One replier per topic and bus. A request goes to the local replier;
 * without one it is posted on the transports (its id is the correlation id) and waits, up to
 * `timeoutMs`, for the first reply: from another context, or from a replier registered here later
 * (an app that loads after the one asking). Requests arriving from other contexts are answered
 * by the local replier, if there is one when they arrive.
 *
 * `post` sends on every transport (a no-op without transports) and throws
 * `TESSERA_BUS_UNCLONEABLE` when the payload cannot be cloned.
 */
export function createRequests(post: (message: Outgoing) => void) {
  const repliers = new Map<string, Replier>();
  const pending = new Map<string, Pending>();

  const run = (replier: Replier, payload: unknown, done: (ok: boolean, value: unknown) => void) =>
    new Promise((resolve) => resolve(replier(payload))).then(
      (value) => done(true, value),
      (error) => done(false, error),
    );

  const serve = (replier: Replier, request: Pending) => {
    request.served = true;
    run(replier, request.payload, request.done);
  };

  return {
    request(topic: string, payload: unknown, timeoutMs: number): Promise<unknown> {
      return new Promise((resolve, reject) => {
        const id = nextId();
        const end = (error: BusError | undefined, value?: unknown) => {
          if (!pending.delete(id)) return;
          clearTimeout(timer);
          if (error) reject(error);
          else resolve(value);
        };
        const timer = setTimeout(
          () => end(new BusError('TESSERA_BUS_REQUEST_TIMEOUT', `No reply within ${timeoutMs} ms`, { topic })),
          timeoutMs,
        );
        const request: Pending = {
          topic,
          payload,
          served: false,
          done: (ok, value) =>
            end(
              ok
                ? undefined
                : new BusError('TESSERA_BUS_REPLY_FAILED', `The replier failed: ${(value as Error)?.message ?? value}`, {
                    topic,
                    cause: value,
                  }),
              value,
            ),
        };
        pending.set(id, request);
        const replier = repliers.get(topic);
        if (replier) return serve(replier, request);
        try {
          post({ id, type: 'request', topic, payload });
        } catch (error) {
          end(error as BusError);
        }
      });
    },

    reply(topic: string, handler: Replier): () => void {
      if (repliers.has(topic)) {
        throw new BusError('TESSERA_BUS_REPLIER_EXISTS', 'The topic has a replier already', { topic });
      }
      const replier: Replier = (payload) => handler(payload);
      repliers.set(topic, replier);
      for (const request of pending.values()) if (request.topic === topic && !request.served) serve(replier, request);
      return () => {
        if (repliers.get(topic) === replier) repliers.delete(topic);
      };
    },

    /** Handles a request or reply from another context (already checked: this bus, not seen before). */
    receive(message: BusMessage): void {
      const { type, topic, id } = message;
      if (type === 'reply') return pending.get(message.re!)?.done(message.ok!, message.payload);
      const replier = repliers.get(topic);
      if (!replier) return;
      run(replier, message.payload, (ok, payload) => {
        try {
          post({ type: 'reply', topic, re: id, ok, payload });
        } catch (error) {
          post({ type: 'reply', topic, re: id, ok: false, payload: ok ? (error as Error).message : String(payload) });
        }
      });
    },
  };
}
