import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SignJWT } from 'jose';
import { connectRelay, isBusError, type BusError, type RelayClient, type WebSocketConstructor } from '@tessera/bus';
import { jwtVerifier, startRelay, type Relay, type RelayOptions } from '@tessera/relay';

const fast = { WebSocket: WebSocket as unknown as WebSocketConstructor, backoff: { minMs: 20, maxMs: 100 } };
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function relay(options: RelayOptions = {}): Promise<Relay> {
  const started = await startRelay({ port: 0, ...options });
  cleanup.push(() => started.close());
  return started;
}
function client(url: string, errors: BusError[] = []): RelayClient {
  const c = connectRelay(url, { ...fast, onError: (e) => errors.push(e) });
  cleanup.push(() => c.close());
  return c;
}
/** A raw WebSocket: what a hostile or broken client sends, frame by frame. */
async function raw(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  cleanup.push(() => ws.terminate());
  const frames: Array<Record<string, unknown>> = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  return { ws, frames, closed };
}
const refusedStatus = (url: string, headers: Record<string, string> = {}) =>
  new Promise<number>((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.on('open', () => resolve(101));
    ws.on('error', () => {});
  });

describe('relay security', () => {
  it('lets in a valid JWT only, and applies its allow rules', async () => {
    const secret = 'a-test-secret-of-enough-length-for-hs256';
    const key = new TextEncoder().encode(secret);
    const token = (claims: Record<string, unknown>, expires = '1h') =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(expires).sign(key);
    const { url } = await relay({
      verify: jwtVerifier({ secret }),
      allow: (user) => ({ publish: [`chat.${(user as { sub: string }).sub}`], subscribe: ['chat.*'] }),
    });
    expect(await refusedStatus(url)).toBe(401);
    expect(await refusedStatus(`${url}/?token=${await token({ sub: 'ann' }, '-1m')}`)).toBe(401);
    expect(await refusedStatus(`${url}/?token=${await token({ sub: 'ann' })}x`)).toBe(401);

    const errors: BusError[] = [];
    const ann = client(`${url}/?token=${await token({ sub: 'ann' })}`, errors);
    await expect.poll(() => ann.status).toBe('online');
    await expect(ann.publish('chat.ann', 'hi')).resolves.toMatchObject({ seq: 1 });
    const refused = await ann.publish('chat.bob', 'as bob').catch((e) => e);
    expect(isBusError(refused) && refused.code).toBe('TESSERA_BUS_RELAY_REFUSED');
    expect(refused.message).toContain('TESSERA_RELAY_FORBIDDEN');
    ann.subscribe('admin.**', () => {});
    await expect.poll(() => errors.map((e) => e.message).join()).toContain('TESSERA_RELAY_FORBIDDEN');
    await expect(ann.history('admin.log')).rejects.toThrow('TESSERA_RELAY_FORBIDDEN');
  });

  it('refuses origins outside the allowlist', async () => {
    const { url } = await relay({ origins: ['https://shop.example'] });
    expect(await refusedStatus(url, { origin: 'https://evil.example' })).toBe(403);
    expect(await refusedStatus(url, { origin: 'https://shop.example' })).toBe(101);
  });

  it('answers oversized and malformed frames with error frames, and keeps the connection (fuzz)', async () => {
    const { url } = await relay({ maxMessageBytes: 2048, rateLimit: { perSecond: 100_000, burst: 100_000 } });
    const { ws, frames } = await raw(url);
    ws.send(JSON.stringify({ t: 'pub', id: 'big', topic: 'x', data: 'y'.repeat(4000) }));
    await expect.poll(() => frames.at(-1)).toMatchObject({ t: 'error', code: 'TESSERA_RELAY_TOO_LARGE', id: 'big' });

    // seeded pseudo-random frames: garbage bytes, broken JSON, wrong types, valid-looking shapes
    let seed = 14;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const values = [null, true, 0, -1, 1.5, 2 ** 60, '', '*', '**', 'a.**.b', 'x'.repeat(300), [], {}, { t: 'sub' }, '__proto__'];
    const sent: Array<string | Buffer> = [];
    for (let i = 0; i < 400; i++) {
      const kind = i % 4;
      if (kind === 0) sent.push(Buffer.from(Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256))));
      else if (kind === 1) sent.push(JSON.stringify({ t: pick(['pub', 'sub', 'req', 'rep', 'history', 'unsub']) }).slice(0, 1 + Math.floor(random() * 12)));
      else {
        const frame: Record<string, unknown> = { t: pick(['pub', 'sub', 'req', 'rep', 'history', 'unsub', 'msg', 'welcome', 5]) };
        for (const key of ['re', 'id', 'topic', 'pattern', 'after', 'afterSeq', 'limit', 'to', 'ok', 'bus', '__proto__', 'constructor']) {
          if (random() < 0.5) frame[key] = pick(values);
        }
        sent.push(kind === 2 ? JSON.stringify(frame) : JSON.stringify([frame]));
      }
    }
    sent.push(`{"t":"pub","id":"deep","topic":"x","data":${'['.repeat(900)}${']'.repeat(900)}}`, '{"t":"sub","re":1,"pattern":"**","after":"zz-1"}', '{"t":"sub","re":2,"pattern":"**","after":"0-99999999999999999999"}');
    for (const frame of sent) ws.send(frame, { binary: Buffer.isBuffer(frame) });
    // the connection and the relay survive: a well-formed publish is still acknowledged
    ws.send(JSON.stringify({ t: 'pub', id: 'after-fuzz', topic: 'ok', data: 1 }));
    await expect.poll(() => frames.some((f) => f.t === 'ack' && f.id === 'after-fuzz')).toBe(true);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    const errors = frames.filter((f) => f.t === 'error');
    expect(errors.length).toBeGreaterThan(300);
    const codes = new Set(errors.map((f) => f.code));
    expect(codes.has('TESSERA_RELAY_MALFORMED_FRAME')).toBe(true);
    expect([...codes].every((code) => ['TESSERA_RELAY_TOO_LARGE', 'TESSERA_RELAY_MALFORMED_FRAME', 'TESSERA_RELAY_INVALID_PATTERN'].includes(code as string))).toBe(true);
  });

  it('refuses frames over the rate limit, then closes a client that keeps on', async () => {
    const { url } = await relay({ rateLimit: { perSecond: 10, burst: 20 } });
    const { ws, frames, closed } = await raw(url);
    for (let i = 0; i < 30; i++) ws.send(JSON.stringify({ t: 'pub', id: `m${i}`, topic: 'x', data: i }));
    await expect.poll(() => frames.filter((f) => f.t === 'error').length).toBe(10);
    expect(frames.find((f) => f.t === 'error')).toMatchObject({ code: 'TESSERA_RELAY_RATE_LIMITED', id: 'm20' });
    for (let i = 0; i < 40; i++) ws.send(JSON.stringify({ t: 'pub', id: `n${i}`, topic: 'x', data: i }));
    expect(await closed).toBe(4029);
  });

  it('drops a slow consumer with close 4008, its queue bounded', async () => {
    const maxQueueBytes = 256 * 1024;
    const server = await relay({ maxQueueBytes, rateLimit: { perSecond: 1e6, burst: 1e6 } });
    const slow = await raw(server.url);
    slow.ws.send(JSON.stringify({ t: 'sub', re: 1, pattern: '**' }));
    await expect.poll(() => slow.frames.some((f) => f.t === 'ok')).toBe(true);
    slow.ws.pause(); // stops reading: the kernel buffers fill, then the relay's queue
    const publisher = client(server.url);
    await expect.poll(() => publisher.status).toBe('online');
    const data = 'x'.repeat(1024);
    let dropped = false;
    const metrics = async () => (await fetch(`${server.url.replace('ws', 'http')}/metrics`)).text();
    for (let batch = 0; batch < 200 && !dropped; batch++) {
      await Promise.all(Array.from({ length: 100 }, () => publisher.publish('load', data)));
      dropped = /tessera_relay_dropped_total\{reason="slowConsumer"\} 1/.test(await metrics());
    }
    expect(dropped).toBe(true);
    expect(Number(/tessera_relay_queued_bytes (\d+)/.exec(await metrics())![1])).toBeLessThan(maxQueueBytes * 4);
    slow.ws.resume();
    expect(await slow.closed).toBe(4008);
    await expect.poll(() => server.connections()).toBe(1);
  });
});
