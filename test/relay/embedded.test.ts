import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectRelay, createBus, websocketTransport, type RelayClient, type RelayMessage, type WebSocketConstructor } from '@tessera/bus';
import { startRelay, type Relay } from '@tessera/relay';
import { startProxy } from './tcp-proxy.js';

const Socket = WebSocket as unknown as WebSocketConstructor;
const fast = { WebSocket: Socket, backoff: { minMs: 20, maxMs: 100 } };
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function relay(options: Parameters<typeof startRelay>[0] = {}): Promise<Relay> {
  const started = await startRelay({ port: 0, ...options });
  cleanup.push(() => started.close());
  return started;
}
function client(url: string | string[], options = {}): RelayClient {
  const c = connectRelay(url, { ...fast, ...options });
  cleanup.push(() => c.close());
  return c;
}
const online = (c: RelayClient) => expect.poll(() => c.status).toBe('online');

describe('relay with the embedded broker', () => {
  it('delivers to matching subscribers in seq order, with acks', async () => {
    const { url } = await relay();
    const a = client(url);
    const b = client(url);
    const got: RelayMessage[] = [];
    const cart: string[] = [];
    b.subscribe('chat.**', (m) => got.push(m));
    b.subscribe('cart.*', (m) => cart.push(m.topic));
    await online(a);
    await online(b);
    const acks = await Promise.all([1, 2, 3].map((n) => a.publish('chat.room1', { n })));
    expect(acks.map((ack) => ack.seq)).toEqual([1, 2, 3]);
    await a.publish('cart.added', { sku: 'x' });
    await a.publish('cart.item.added', { sku: 'y' });
    await expect.poll(() => got.length).toBe(3);
    expect(got.map((m) => [m.topic, m.seq, m.data])).toEqual([
      ['chat.room1', 1, { n: 1 }],
      ['chat.room1', 2, { n: 2 }],
      ['chat.room1', 3, { n: 3 }],
    ]);
    await expect.poll(() => cart).toEqual(['cart.added']);
  });

  it('answers history from a seq, and replays the last value', async () => {
    const { url } = await relay();
    const a = client(url);
    for (let n = 1; n <= 5; n++) await a.publish('tessera.store.cart', { n });
    const history = await a.history('tessera.store.cart', { afterSeq: 2 });
    expect(history.map((m) => m.seq)).toEqual([3, 4, 5]);
    expect(history[0].data).toEqual({ n: 3 });
    const b = client(url);
    const replayed: unknown[] = [];
    b.subscribe('tessera.store.*', (m) => replayed.push(m.data), { replay: true });
    await expect.poll(() => replayed).toEqual([{ n: 5 }]);
  });

  it('resumes after a dropped connection: nothing missed, nothing twice, queued publishes flushed', async () => {
    const server = await relay();
    const proxy = await startProxy({ port: server.port });
    cleanup.push(() => proxy.close());
    const a = client(server.url);
    const b = client(proxy.url);
    const statuses: string[] = [];
    b.onStatus((s) => statuses.push(s));
    const got: number[] = [];
    b.subscribe('feed', (m) => got.push((m.data as { n: number }).n));
    await online(b);
    await a.publish('feed', { n: 1 });
    await expect.poll(() => got).toEqual([1]);

    proxy.cut(true);
    await expect.poll(() => b.status).toBe('offline');
    for (let n = 2; n <= 4; n++) await a.publish('feed', { n });
    const queued = b.publish('feed', { n: 5 }); // offline: queued
    expect(b.queued()).toBe(1);
    proxy.up();
    expect((await queued).seq).toBe(5);
    await expect.poll(() => got).toEqual([1, 2, 3, 4, 5]);
    await online(b);
    expect(statuses).toEqual(['resyncing', 'online', 'offline', 'resyncing', 'online']);
  });

  it('says so when a resume reaches back past what the relay still holds', async () => {
    const server = await relay({ logSize: 10 });
    const proxy = await startProxy({ port: server.port });
    cleanup.push(() => proxy.close());
    const errors: string[] = [];
    const a = client(server.url);
    const b = client(proxy.url, { onError: (e: Error) => errors.push(e.message) });
    const got: number[] = [];
    b.subscribe('feed', (m) => got.push(m.data as number));
    await online(b);
    proxy.cut(true);
    await expect.poll(() => b.status).toBe('offline');
    for (let n = 1; n <= 40; n++) await a.publish('feed', n);
    proxy.up();
    await online(b);
    expect(errors.join()).toContain('no longer holds every message');
    expect(got.length).toBeGreaterThanOrEqual(10);
    expect(got.at(-1)).toBe(40);
  });

  it('bounds the offline queue', async () => {
    const c = client('ws://127.0.0.1:9', { maxQueuedMessages: 2 });
    void c.publish('t', 1).catch(() => {});
    void c.publish('t', 2).catch(() => {});
    expect(() => c.publish('t', 3)).toThrow(expect.objectContaining({ code: 'TESSERA_BUS_OFFLINE_QUEUE_FULL' }));
  });

  it('stores a resent message id once', async () => {
    const { url } = await relay();
    const a = client(url);
    const first = await a.publish('t', 1, { id: 'same-id' });
    const again = await a.publish('t', 1, { id: 'same-id' });
    expect(again).toEqual(first);
    expect((await a.history('t')).length).toBe(1);
  });

  it('joins two buses: publish and request/reply across them', async () => {
    const { url } = await relay();
    const transports = [websocketTransport(url, fast), websocketTransport(url, fast), websocketTransport(url, fast)];
    type Requests = { 'cart.count': { request: void; response: number } };
    const [one, two, other] = ['shop', 'shop', 'elsewhere'].map((name) => createBus<Record<string, unknown>, Requests>({ name }));
    [one, two, other].forEach((bus, i) => cleanup.push(bus.addTransport(transports[i])));
    const seen: unknown[] = [];
    const foreign: unknown[] = [];
    two.subscribe('cart.added', (payload, meta) => seen.push([payload, meta.source]));
    other.subscribe('**', (payload) => foreign.push(payload));
    two.reply('cart.count', () => 7);
    for (const transport of transports) await expect.poll(() => transport.status).toBe('online');
    one.publish('cart.added', { sku: 'tea' });
    await expect.poll(() => seen).toEqual([[{ sku: 'tea' }, 'remote']]);
    await expect(one.request('cart.count', undefined, { timeoutMs: 2000 })).resolves.toBe(7);
    expect(foreign).toEqual([]);
  });
});
