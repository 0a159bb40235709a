import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectRelay, type WebSocketConstructor } from '@tessera/bus';
import { startRelay } from '@tessera/relay';

const fast = { WebSocket: WebSocket as unknown as WebSocketConstructor, backoff: { minMs: 20, maxMs: 100 } };
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

describe('relay operations', () => {
  it('reports health and Prometheus metrics', async () => {
    const relay = await startRelay({ port: 0 });
    cleanup.push(() => relay.close());
    const http = relay.url.replace('ws:', 'http:');
    const client = connectRelay(relay.url, fast);
    cleanup.push(() => client.close());
    client.subscribe('a', () => {});
    await expect.poll(() => client.status).toBe('online');
    await client.publish('a', 1);
    const health = await fetch(`${http}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', broker: 'memory', connections: 1 });
    await expect.poll(async () => (await fetch(`${http}/metrics`)).text()).toMatch(/tessera_relay_messages_out_total 1\b/);
    const metrics = await (await fetch(`${http}/metrics`)).text();
    expect(metrics).toMatch(/tessera_relay_connections 1\b/);
    expect(metrics).toMatch(/tessera_relay_messages_in_total 1\b/);
    expect((await fetch(http)).status).toBe(426);
  });

  it('shuts down gracefully: clients are asked to go, new ones refused', async () => {
    const relay = await startRelay({ port: 0, drainMs: 2000 });
    const client = connectRelay(relay.url, fast);
    cleanup.push(() => client.close());
    await expect.poll(() => client.status).toBe('online');
    const closing = relay.close();
    await expect.poll(() => client.status).toBe('offline');
    await closing;
    expect(relay.connections()).toBe(0);
    await expect(fetch(`${relay.url.replace('ws:', 'http:')}/healthz`)).rejects.toThrow();
  });
});
