import { describe, expect, it, vi } from 'vitest';
import { createBus } from './create-bus.js';

interface ShopRequests {
  'cart.count': { request: { user: string }; response: number };
  'price.of': { request: string; response: number };
}

const bus = () => createBus<{}, ShopRequests>({ onError: () => {} });

describe('request / reply', () => {
  it('answers with the replier (sync or async)', async () => {
    const b = bus();
    b.reply('cart.count', ({ user }) => (user === 'ada' ? 3 : 0));
    b.reply('price.of', async (sku) => sku.length * 10);
    await expect(b.request('cart.count', { user: 'ada' })).resolves.toBe(3);
    await expect(b.request('price.of', 'abc')).resolves.toBe(30);
  });

  it('rejects with TESSERA_BUS_REQUEST_TIMEOUT naming topic and ms when nobody replies', async () => {
    const b = bus();
    const error = await b.request('cart.count', { user: 'ada' }, { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BusError', code: 'TESSERA_BUS_REQUEST_TIMEOUT', topic: 'cart.count' });
    expect((error as Error).message).toMatch(/20 ms.*"cart\.count"/);
  });

  it('rejects with TESSERA_BUS_REPLY_FAILED carrying the cause when the replier throws or rejects', async () => {
    const b = bus();
    const thrown = new Error('no cart');
    b.reply('cart.count', () => {
      throw thrown;
    });
    b.reply('price.of', () => Promise.reject(new Error('no price')));
    await expect(b.request('cart.count', { user: 'ada' })).rejects.toMatchObject({ code: 'TESSERA_BUS_REPLY_FAILED', cause: thrown });
    await expect(b.request('price.of', 'x')).rejects.toMatchObject({
      code: 'TESSERA_BUS_REPLY_FAILED',
      topic: 'price.of',
      message: expect.stringContaining('no price'),
    });
  });

  it('throws TESSERA_BUS_REPLIER_EXISTS for a second replier, and accepts one after the first is removed', async () => {
    const b = bus();
    const off = b.reply('cart.count', () => 1);
    expect(() => b.reply('cart.count', () => 2)).toThrow(expect.objectContaining({ code: 'TESSERA_BUS_REPLIER_EXISTS', topic: 'cart.count' }));
    off();
    b.reply('cart.count', () => 2);
    off(); // the stale remover leaves the new replier alone
    await expect(b.request('cart.count', { user: 'ada' })).resolves.toBe(2);
  });

  it('waits, up to timeoutMs, for a replier registered later (an app loading after the one asking)', async () => {
    const b = bus();
    const replier = vi.fn(() => 7);
    const answer = b.request('cart.count', { user: 'ada' }, { timeoutMs: 200 });
    b.reply('cart.count', replier);
    await expect(answer).resolves.toBe(7);
    expect(replier).toHaveBeenCalledTimes(1);
  });
});
