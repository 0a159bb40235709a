import type { IncomingMessage } from 'node:http';
import type { AllowRules } from './allow-rules.js';
import { RelayError } from './relay-error.js';

/** Options of `startRelay`, read once by `resolveRelayOptions`. */
export interface RelayOptions {
  /** TCP port (default 4010; 0 takes a free one, read it from `relay.port`). */
  port?: number;
  /** Interface to listen on (default `'127.0.0.1'`). */
  host?: string;
  /** Redis URL (`redis://127.0.0.1:6379`): share topics, order and history with every relay on that Redis. Default: the embedded in-memory broker. */
  redis?: string;
  /** Prefix of every Redis key and channel (default `'tessera:relay'`). */
  redisPrefix?: string;
  /**
   * Checks an upgrade request (a token in `?token=` or a header) and returns who it is (any value,
   * passed to `allow`); return `false` or throw to refuse it with HTTP 401. See `jwtVerifier`.
   * Default: everyone is let in as `undefined`.
   */
  verify?: (request: IncomingMessage) => unknown | Promise<unknown>;
  /** Topics each connection may publish and subscribe to, per user `verify` returned. Default: all (`['**']`). */
  allow?: AllowRules | ((user: unknown) => AllowRules);
  /** Browser origins allowed to connect (`['https://shop.example']`); others get HTTP 403. Requests without `Origin` (non-browser clients) pass. Default: any. */
  origins?: string[];
  /** Largest frame accepted, in bytes (default 65536): a larger one gets `TESSERA_RELAY_TOO_LARGE`; over 4× that the connection is closed with 1009. */
  maxMessageBytes?: number;
  /** Frames a connection may send per second, with `burst` saved up (default 2000/s, burst 4000). Over it: `TESSERA_RELAY_RATE_LIMITED`; over it for `burst` more frames, close 4029. */
  rateLimit?: { perSecond: number; burst: number };
  /** Bytes waiting to be written to one client before it is disconnected as a slow consumer (close 4008; default 4 MiB). */
  maxQueueBytes?: number;
  /** Messages kept per topic for history and last-value replay (default 1000; Redis trims approximately). */
  historyPerTopic?: number;
  /** Messages of all topics kept to resume from (default 10000; Redis trims approximately). A client offline longer than that many messages resumes with a gap. */
  logSize?: number;
  /** Message ids remembered to drop a publisher's resend (embedded: count, default 100000 ids; Redis: for `dedupSeconds`, default 600 s). */
  dedupWindow?: number;
  dedupSeconds?: number;
  /** How long `close()` waits for clients to leave before cutting them off, in ms (default 5000). */
  drainMs?: number;
}

export type ResolvedRelayOptions = Required<Omit<RelayOptions, 'redis' | 'verify' | 'origins'>> & {
  redis: string | undefined;
  verify: ((request: IncomingMessage) => unknown | Promise<unknown>) | undefined;
  origins: Set<string> | undefined;
  allow: (user: unknown) => AllowRules;
};

const everything: AllowRules = { publish: ['**'], subscribe: ['**'] };

/** Fills every default and checks every number at once. Throws `TESSERA_RELAY_INVALID_OPTIONS` naming each bad option. */
export function resolveRelayOptions(options: RelayOptions = {}): ResolvedRelayOptions {
  const resolved: ResolvedRelayOptions = {
    port: options.port ?? 4010,
    host: options.host ?? '127.0.0.1',
    redis: options.redis,
    redisPrefix: options.redisPrefix ?? 'tessera:relay',
    verify: options.verify,
    allow: typeof options.allow === 'function' ? options.allow : () => (options.allow as AllowRules | undefined) ?? everything,
    origins: options.origins && new Set(options.origins.map((o) => new URL(o).origin)),
    maxMessageBytes: options.maxMessageBytes ?? 65536,
    rateLimit: options.rateLimit ?? { perSecond: 2000, burst: 4000 },
    maxQueueBytes: options.maxQueueBytes ?? 4 * 1024 * 1024,
    historyPerTopic: options.historyPerTopic ?? 1000,
    logSize: options.logSize ?? 10_000,
    dedupWindow: options.dedupWindow ?? 100_000,
    dedupSeconds: options.dedupSeconds ?? 600,
    drainMs: options.drainMs ?? 5000,
  };
  const counts = {
    port: resolved.port,
    maxMessageBytes: resolved.maxMessageBytes,
    'rateLimit.perSecond': resolved.rateLimit.perSecond,
    'rateLimit.burst': resolved.rateLimit.burst,
    maxQueueBytes: resolved.maxQueueBytes,
    historyPerTopic: resolved.historyPerTopic,
    logSize: resolved.logSize,
    dedupWindow: resolved.dedupWindow,
    dedupSeconds: resolved.dedupSeconds,
    drainMs: resolved.drainMs,
  };
  const bad = Object.entries(counts).filter(([name, n]) => !Number.isSafeInteger(n) || n < (name === 'port' || name === 'drainMs' ? 0 : 1));
  if (resolved.port > 65535) bad.push(['port', resolved.port]);
  if (bad.length) {
    throw new RelayError('TESSERA_RELAY_INVALID_OPTIONS', bad.map(([name, n]) => `${name} must be a whole number ≥ ${name === 'port' || name === 'drainMs' ? 0 : 1}, got ${n}`).join('; '));
  }
  return resolved;
}
