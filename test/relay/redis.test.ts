import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectRelay, type RelayClient, type RelayMessage, type WebSocketConstructor } from '@tessera/bus';
import { startRelay } from '@tessera/relay';
import { startRedis, waitForOutput } from './redis-server.js';

const fast = { WebSocket: WebSocket as unknown as WebSocketConstructor, backoff: { minMs: 20, maxMs: 200 } };
const cli = fileURLToPath(new URL('../../packages/cli/bin/tessera.js', import.meta.url));
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

function client(url: string | string[]): RelayClient {
  const c = connectRelay(url, fast);
  cleanup.push(() => c.close());
  return c;
}
/** A relay in its own process (`tessera relay --port 0 --redis url`), so a test can kill -9 it. */
async function relayProcess(redis: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [cli, 'relay', '--port', '0', '--redis', redis], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(() => child.exitCode === null && child.kill('SIGKILL'));
  // a fresh Node process loading the CLI: slow on a busy machine
  const [, url] = await waitForOutput(child, /relay listening at (ws:\/\/\S+)/, 60_000);
  return { url, child };
}
const online = (c: RelayClient) => expect.poll(() => c.status).toBe('online');

describe('relay on Redis', () => {
  it('shares topics, seq order and history between two instances', async () => {
    const redis = await startRedis();
    cleanup.push(redis.stop);
    const one = await startRelay({ port: 0, redis: redis.url });
    const two = await startRelay({ port: 0, redis: redis.url });
    cleanup.push(() => one.close(), () => two.close());
    const a = client(one.url);
    const b = client(two.url);
    const atA: RelayMessage[] = [];
    const atB: RelayMessage[] = [];
    a.subscribe('chat.*', (m) => atA.push(m));
    b.subscribe('chat.*', (m) => atB.push(m));
    await online(a);
    await online(b);
    await a.publish('chat.room', 'from a');
    await b.publish('chat.room', 'from b');
    await expect.poll(() => atA.length).toBe(2);
    await expect.poll(() => atB.length).toBe(2);
    const view = (ms: RelayMessage[]) => ms.map((m) => [m.seq, m.data]);
    expect(view(atA)).toEqual([[1, 'from a'], [2, 'from b']]);
    expect(view(atB)).toEqual(view(atA));
    expect((await b.history('chat.room', { afterSeq: 1 })).map((m) => m.data)).toEqual(['from b']);
    const late = client(two.url);
    const replayed: unknown[] = [];
    late.subscribe('chat.**', (m) => replayed.push(m.data), { replay: true });
    await expect.poll(() => replayed).toEqual(['from b']);
  });

  it('kill -9 of an instance mid-stream: its clients move to the other and get every message once', async () => {
    const redis = await startRedis();
    cleanup.push(redis.stop);
    const doomed = await relayProcess(redis.url);
    const survivor = await relayProcess(redis.url);
    const publisher = client([doomed.url, survivor.url]);
    const onDoomed = client([doomed.url, survivor.url]);
    const onSurvivor = client(survivor.url);
    const got = { doomed: [] as RelayMessage[], survivor: [] as RelayMessage[] };
    onDoomed.subscribe('feed', (m) => got.doomed.push(m));
    onSurvivor.subscribe('feed', (m) => got.survivor.push(m));
    for (const c of [publisher, onDoomed, onSurvivor]) await online(c);

    const total = 400;
    const acked: string[] = [];
    const published: Promise<unknown>[] = [];
    for (let n = 0; n < total; n++) {
      const id = `m${n}`;
      published.push(publisher.publish('feed', n, { id }).then(() => acked.push(id)));
      if (n === 150) {
        await expect.poll(() => acked.length, { timeout: 20_000 }).toBeGreaterThan(100);
        doomed.child.kill('SIGKILL');
      }
      if (n % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(published);
    expect(acked.length).toBe(total);
    for (const [name, messages] of Object.entries(got)) {
      await expect.poll(() => messages.length, { timeout: 30_000, message: name }).toBe(total);
      const ids = messages.map((m) => m.id);
      expect(new Set(ids).size, name).toBe(total);
      expect(messages.map((m) => m.seq), name).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    }
  }, 180_000);

  it('keeps acknowledged messages when Redis itself crashes (append-only file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-relay-aof-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    let redis = await startRedis({ aof: true, dir });
    cleanup.push(() => redis.stop());
    const relay = await startRelay({ port: 0, redis: redis.url });
    cleanup.push(() => relay.close());
    const a = client(relay.url);
    for (let n = 1; n <= 20; n++) await a.publish('orders', n);

    await redis.stop('SIGKILL');
    redis = await startRedis({ aof: true, dir, port: redis.port });
    // the relay reconnects by itself; an acknowledged message survived, and seq goes on from there
    await expect.poll(async () => (await a.history('orders')).length, { timeout: 15_000 }).toBe(20);
    expect((await a.publish('orders', 21)).seq).toBe(21);
  });
});
