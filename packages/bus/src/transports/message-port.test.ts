import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BusError } from '../bus-error.js';
import { createBus, type Bus, type MessageMeta } from '../create-bus.js';
import { messagePortTransport } from './message-port.js';
import type { Transport } from './transport.js';

interface Requests {
  'cart.count': { request: string; response: number };
  'cart.export': { request: void; response: unknown };
}

/** Resolves with the first message of `topic` on `bus` (payload and meta). */
function nextMessage(bus: Bus<any, any>, topic: string): Promise<[unknown, MessageMeta]> {
  return new Promise((resolve) => {
    const off = bus.subscribe(topic, (payload, meta) => {
      off();
      resolve([payload, meta]);
    });
  });
}

/** Waits for in-flight cross-context messages, in ms. */
const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((close) => close()));

/** Two buses joined by a MessageChannel: a page and a worker. */
function channel() {
  const { port1, port2 } = new MessageChannel();
  cleanup.push(() => port1.close(), () => port2.close());
  return [messagePortTransport(port1), messagePortTransport(port2)] as const;
}

const errors: BusError[] = [];
const bus = (...transports: Transport[]) => createBus<Record<string, unknown>, Requests>({ transports, onError: (e) => errors.push(e) });

describe('messagePortTransport', () => {
  it('carries publishes and requests between the two ends of a MessageChannel', async () => {
    const [a, b] = channel();
    const page = bus(a);
    const worker = bus(b);
    const received = nextMessage(worker, 'cart.added');
    page.publish('cart.added', { sku: 'x', at: new Date(0) });
    expect(await received).toEqual([{ sku: 'x', at: new Date(0) }, { topic: 'cart.added', source: 'remote' }]);

    worker.reply('cart.count', (user) => user.length);
    await expect(page.request('cart.count', 'ada', { timeoutMs: 500 })).resolves.toBe(3);
  });

  it('rejects a request whose remote replier fails with TESSERA_BUS_REPLY_FAILED, and times out without one', async () => {
    const [a, b] = channel();
    const page = bus(a);
    const worker = bus(b);
    worker.reply('cart.count', () => {
      throw new Error('no cart');
    });
    worker.reply('cart.export', () => () => 'a function cannot be cloned');
    await expect(page.request('cart.count', 'ada', { timeoutMs: 500 })).rejects.toMatchObject({
      code: 'TESSERA_BUS_REPLY_FAILED',
      topic: 'cart.count',
      message: expect.stringContaining('no cart'),
    });
    await expect(page.request('cart.export', undefined, { timeoutMs: 500 })).rejects.toMatchObject({
      code: 'TESSERA_BUS_REPLY_FAILED',
      message: expect.stringContaining('TESSERA_BUS_UNCLONEABLE'),
    });
    const silent = bus(channel()[0]);
    await expect(silent.request('cart.count', 'x', { timeoutMs: 20 })).rejects.toMatchObject({ code: 'TESSERA_BUS_REQUEST_TIMEOUT' });
  });

  it('throws TESSERA_BUS_UNCLONEABLE at publish and delivers nothing, locally or remotely', async () => {
    const [a, b] = channel();
    const page = bus(a);
    const worker = bus(b);
    const local = vi.fn();
    const remote = vi.fn();
    page.subscribe('cart.added', local);
    worker.subscribe('**', remote);
    expect(() => page.publish('cart.added', { sku: 'x', onClick: () => {} })).toThrow(
      expect.objectContaining({ code: 'TESSERA_BUS_UNCLONEABLE', topic: 'cart.added' }),
    );
    await expect(page.request('cart.count', (() => 'x') as unknown as string)).rejects.toMatchObject({ code: 'TESSERA_BUS_UNCLONEABLE' });
    await settle();
    expect(local).not.toHaveBeenCalled();
    expect(remote).not.toHaveBeenCalled();
    const late = vi.fn();
    page.subscribe('cart.added', late, { replay: true });
    expect(late).not.toHaveBeenCalled(); // not kept as last value either
  });

  it('relays between transports, so a page joins its workers', async () => {
    // worker1 — page — worker2: the workers only talk to the page
    const [w1, p1] = channel();
    const [p2, w2] = channel();
    const worker1 = bus(w1);
    bus(p1, p2);
    const worker2 = bus(w2);
    const received = nextMessage(worker2, 'cart.added');
    worker1.publish('cart.added', 1);
    expect(await received).toEqual([1, { topic: 'cart.added', source: 'remote' }]);
    worker2.reply('cart.count', () => 2);
    await expect(worker1.request('cart.count', 'x', { timeoutMs: 500 })).resolves.toBe(2);
  });

  it('delivers each message once when transports form a loop', async () => {
    // three contexts in a triangle: every message reaches each other context exactly once
    const [ab1, ab2] = channel();
    const [bc1, bc2] = channel();
    const [ca1, ca2] = channel();
    const a = bus(ab1, ca2);
    const b = bus(ab2, bc1);
    const c = bus(bc2, ca1);
    const seen = { a: vi.fn(), b: vi.fn(), c: vi.fn() };
    a.subscribe('**', seen.a);
    b.subscribe('**', seen.b);
    c.subscribe('**', seen.c);
    a.publish('cart.added', 1);
    await settle();
    expect([seen.a.mock.calls.length, seen.b.mock.calls.length, seen.c.mock.calls.length]).toEqual([1, 1, 1]);

    c.reply('cart.count', () => 42);
    await expect(a.request('cart.count', 'x', { timeoutMs: 500 })).resolves.toBe(42);
  });

  it('stops listening when the transport is removed, and reports TESSERA_BUS_TRANSPORT_FAILED when a send throws', async () => {
    const [a, b] = channel();
    const page = bus(a);
    const worker = createBus();
    const remove = worker.addTransport(b);
    const handler = vi.fn();
    worker.subscribe('**', handler);
    remove();
    remove();
    page.publish('x', 1);
    await settle();
    expect(handler).not.toHaveBeenCalled();

    errors.length = 0;
    const broken = bus({ connect: () => ({ send: () => { throw new Error('closed'); }, close() {} }) });
    const local = vi.fn();
    broken.subscribe('x', local);
    broken.publish('x', 1);
    expect(local).toHaveBeenCalledTimes(1);
    expect(errors.map((e) => e.code)).toEqual(['TESSERA_BUS_TRANSPORT_FAILED']);
  });
});
