import { createClient } from 'redis';
import { msgFrame, type Broker, type Ephemeral, type StoredMessage } from './broker.js';
import type { ResolvedRelayOptions } from './options.js';

/*
 * Keys, under `redisPrefix` (P):
 *   P:log        stream of every message (all topics), the order every instance delivers in;
 *                its entry id is the message's `pos`; trimmed to about `logSize`
 *   P:t:<topic>  the topic's history, entry id `<seq>-1`; trimmed to about `historyPerTopic`
 *   P:seq        hash topic → last seq
 *   P:id:<id>    "<seq> <pos>" of a message id, for `dedupSeconds`: a resend is not stored twice
 *   P:log-id     random id of this log (a new one when Redis was emptied)
 * Channels: P:req (requests, to every instance), P:rep:<instance> (replies to one instance).
 *
 * As Socket.IO's Redis Streams adapter does, each instance reads the one stream with a blocking
 * XREAD from its last entry id, and a resume is an XRANGE from the client's last entry id. Unlike
 * it, a publish is acknowledged only after the script below has stored it (nothing acknowledged is
 * lost when the instance dies), gets a per-topic seq in the same atomic step, and a resend of the
 * same id returns the first copy's seq.
 */
const PUBLISH = `
local known = redis.call('GET', KEYS[1])
if known then return known end
local seq = redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
local pos = redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], '*', 's', seq, 'k', ARGV[1], 'i', ARGV[6], 'm', ARGV[2])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[4], seq .. '-1', 'p', pos, 'k', ARGV[1], 'i', ARGV[6], 'm', ARGV[2])
local result = seq .. ' ' .. pos
redis.call('SET', KEYS[1], result, 'EX', ARGV[5])
return result
`;

type Entry = [id: string, fields: string[]];

const field = (fields: string[], name: string) => fields[fields.indexOf(name) + 1];
const isPos = (pos: string) => /^\d+-\d+$/.test(pos);
const comparePos = (a: string, b: string) => {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
};

/** A stream entry's message: topic `k`, id `i`, the publisher's frame `m` (never parsed here). */
const stored = (seq: number, pos: string, fields: string[]): StoredMessage => ({
  topic: field(fields, 'k'),
  seq,
  pos,
  id: field(fields, 'i'),
  frame: msgFrame(seq, pos, field(fields, 'm')),
});

/**
 * The scale-out broker: any number of relay processes on one Redis (the official `redis`
 * client) share topics, seq order, history and dedup. Needs Redis ≥ 7.0 (XINFO's
 * `max-deleted-entry-id` tells a resume whose messages were trimmed).
 */
export async function createRedisBroker(options: ResolvedRelayOptions & { redis: string }, instance: string): Promise<Broker> {
  const P = options.redisPrefix;
  const client = createClient({ url: options.redis });
  const reader = client.duplicate();
  const subscriber = client.duplicate();
  const quiet = () => {}; // node-redis reconnects by itself; healthy() reports the outage
  client.on('error', quiet);
  reader.on('error', quiet);
  subscriber.on('error', quiet);
  await Promise.all([client.connect(), reader.connect(), subscriber.connect()]);

  await client.sendCommand(['SET', `${P}:log-id`, Math.random().toString(36).slice(2, 10), 'NX']);
  const log = (await client.sendCommand<string>(['GET', `${P}:log-id`])) ?? 'unknown';
  const sha = await client.sendCommand<string>(['SCRIPT', 'LOAD', PUBLISH]);
  const newest = await client.sendCommand<Entry[]>(['XREVRANGE', `${P}:log`, '+', '-', 'COUNT', '1']);
  let offset = newest[0]?.[0] ?? '0-0';
  let lag = 0;
  let running = true;
  const listeners: Array<(message: StoredMessage) => void> = [];
  const ephemeralListeners: Array<(ephemeral: Ephemeral) => void> = [];

  const read = async () => {
    while (running) {
      try {
        const reply = await reader.sendCommand<[string, Entry[]][] | Record<string, Entry[]> | null>(['XREAD', 'COUNT', '1000', 'BLOCK', '1000', 'STREAMS', `${P}:log`, offset]);
        if (!reply) continue;
        // RESP2 gives [[key, entries]]; the client maps it to { key: entries } in some versions
        const entries = Array.isArray(reply) ? reply[0][1] : Object.values(reply)[0];
        for (const [pos, fields] of entries) {
          offset = pos;
          lag = Math.max(0, Date.now() - Number(pos.slice(0, pos.indexOf('-'))));
          const message = stored(Number(field(fields, 's')), pos, fields);
          for (const listener of listeners) listener(message);
        }
      } catch {
        if (running) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  void read();

  const relayEphemeral = (raw: string) => {
    const ephemeral = JSON.parse(raw) as Ephemeral;
    for (const listener of ephemeralListeners) listener(ephemeral);
  };
  await subscriber.subscribe([`${P}:req`, `${P}:rep:${instance}`], relayEphemeral);

  /** Entries of P:log after `pos`, oldest first, read in pages (at most `logSize`). */
  const logAfter = async (pos: string): Promise<Entry[]> => {
    const entries: Entry[] = [];
    let from = pos;
    while (entries.length < options.logSize) {
      const page = await client.sendCommand<Entry[]>(['XRANGE', `${P}:log`, `(${from}`, '+', 'COUNT', '1000']);
      entries.push(...page);
      if (page.length < 1000) break;
      from = page.at(-1)![0];
    }
    return entries;
  };

  return {
    kind: 'redis',
    log,
    async publish({ topic, id, raw }) {
      const args = [
        '4', `${P}:id:${id}`, `${P}:seq`, `${P}:log`, `${P}:t:${topic}`,
        topic, raw, String(options.logSize), String(options.historyPerTopic), String(options.dedupSeconds), id,
      ];
      const result = await client.sendCommand<string>(['EVALSHA', sha, ...args]).catch((error: Error) => {
        // a restarted Redis has forgotten the script: send it whole (EVAL caches it again)
        if (!String(error?.message).startsWith('NOSCRIPT')) throw error;
        return client.sendCommand<string>(['EVAL', PUBLISH, ...args]);
      });
      const space = result.indexOf(' ');
      return { seq: Number(result.slice(0, space)), pos: result.slice(space + 1) };
    },
    onMessage: (listener) => void listeners.push(listener),
    head: async () => offset,
    async after(pos, match) {
      if (!isPos(pos)) return { messages: [], gap: true };
      const info = await client.sendCommand<unknown[] | Record<string, unknown>>(['XINFO', 'STREAM', `${P}:log`]).catch(() => []);
      const deleted = String((Array.isArray(info) ? info[(info as unknown[]).indexOf('max-deleted-entry-id') + 1] : info['max-deleted-entry-id']) ?? '0-0');
      const gap = isPos(deleted) && comparePos(pos, deleted) < 0;
      const messages = (await logAfter(pos))
        .map(([entryPos, fields]) => stored(Number(field(fields, 's')), entryPos, fields))
        .filter((m) => match(m.topic));
      return { messages, gap };
    },
    async last(match) {
      const topics = (await client.sendCommand<string[]>(['HKEYS', `${P}:seq`])).filter(match);
      const newest = await Promise.all(topics.map((topic) => client.sendCommand<Entry[]>(['XREVRANGE', `${P}:t:${topic}`, '+', '-', 'COUNT', '1'])));
      return newest.flatMap((entries) => entries.map(([id, fields]) => stored(Number(id.slice(0, id.indexOf('-'))), field(fields, 'p'), fields)));
    },
    async history(topic, afterSeq, limit) {
      const entries = await client.sendCommand<Entry[]>(['XRANGE', `${P}:t:${topic}`, `${afterSeq + 1}-0`, '+', 'COUNT', String(limit)]);
      return entries.map(([id, fields]) => stored(Number(id.slice(0, id.indexOf('-'))), field(fields, 'p'), fields));
    },
    send(ephemeral) {
      const channel = ephemeral.kind === 'req' ? `${P}:req` : `${P}:rep:${ephemeral.to.slice(0, ephemeral.to.indexOf('.'))}`;
      client.sendCommand(['PUBLISH', channel, JSON.stringify(ephemeral)]).catch(() => {});
    },
    onEphemeral: (listener) => void ephemeralListeners.push(listener),
    lagMs: () => lag,
    healthy: () => client.isReady && reader.isReady,
    async close() {
      running = false;
      reader.destroy();
      await Promise.allSettled([subscriber.close(), client.close()]);
    },
  };
}
