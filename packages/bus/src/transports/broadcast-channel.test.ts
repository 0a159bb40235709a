import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBus, type Bus, type MessageMeta } from '../create-bus.js';
import { broadcastChannelTransport } from './broadcast-channel.js';

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

interface Requests {
  'cart.count': { request: string; response: number };
}

/** Two private buses on one channel name: two tabs of the same origin. */
function twoTabs(channel: string, names: [string?, string?] = []) {
  const transport = broadcastChannelTransport(channel);
  const tab1 = createBus<Record<string, unknown>, Requests>({ name: names[0], onError: () => {} });
  const tab2 = createBus<Record<string, unknown>, Requests>({ name: names[1], onError: () => {} });
  cleanup.push(tab1.addTransport(transport), tab2.addTransport(transport));
  return [tab1, tab2] as const;
}

describe('broadcastChannelTransport', () => {
  it('carries publishes to the other tab (source: remote), both ways, without echo', async () => {
    const [tab1, tab2] = twoTabs('bc-publish');
    const local = vi.fn();
    tab1.subscribe('cart.added', local);
    const received = nextMessage(tab2, 'cart.added');
    tab1.publish('cart.added', { sku: 'x' });
    expect(await received).toEqual([{ sku: 'x' }, { topic: 'cart.added', source: 'remote' }]);

    const back = nextMessage(tab1, 'cart.removed');
    tab2.publish('cart.removed', 1);
    expect((await back)[1].source).toBe('remote');
    await settle();
    expect(local).toHaveBeenCalledTimes(1); // its own publish, never again from the channel
  });

  it('keeps the last remote value for replay', async () => {
    const [tab1, tab2] = twoTabs('bc-replay');
    const received = nextMessage(tab2, 'user.login');
    tab1.publish('user.login', 'ada');
    await received;
    const late = vi.fn();
    tab2.subscribe('user.*', late, { replay: true });
    expect(late).toHaveBeenCalledWith('ada', { topic: 'user.login', source: 'remote' });
  });

  it('answers requests across tabs', async () => {
    const [tab1, tab2] = twoTabs('bc-request');
    tab2.reply('cart.count', (user) => user.length);
    await expect(tab1.request('cart.count', 'ada', { timeoutMs: 500 })).resolves.toBe(3);
  });

  it('ignores buses of another name and foreign traffic on the channel', async () => {
    const [tab1, tab2] = twoTabs('bc-names', ['shop', 'admin']);
    const foreign = new BroadcastChannel('bc-names');
    cleanup.push(() => foreign.close());
    const handler = vi.fn();
    tab2.subscribe('**', handler);
    tab1.publish('cart.added', 1);
    foreign.postMessage({ tessera: 'bus', protocol: 2, bus: 'admin', id: 'z', type: 'publish', topic: 'cart.added', payload: 1 });
    foreign.postMessage('hello');
    foreign.postMessage(null);
    await settle();
    expect(handler).not.toHaveBeenCalled();
  });
});
