import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BusError } from './bus-error.js';
import { createBus, type MessageMeta } from './create-bus.js';

interface ShopTopics {
  'cart.added': { sku: string };
  'cart.removed': { sku: string };
  'cart.item.added': { sku: string };
  'user.login': string;
}

const bus = () => createBus<ShopTopics>({ onError: () => {} });

describe('publish / subscribe', () => {
  it('delivers synchronously to the subscribers of the topic, in subscription order, with meta', () => {
    const b = bus();
    const calls: unknown[] = [];
    b.subscribe('cart.added', (payload, meta) => calls.push(['a', payload, meta]));
    b.subscribe('cart.added', (payload) => calls.push(['b', payload]));
    b.subscribe('cart.removed', (payload) => calls.push(['other', payload]));
    b.publish('cart.added', { sku: 'x' });
    expect(calls).toEqual([
      ['a', { sku: 'x' }, { topic: 'cart.added', source: 'local' }],
      ['b', { sku: 'x' }],
    ]);
  });

  it('passes the payload by reference in-page (no clone)', () => {
    const b = bus();
    const payload = { sku: 'x' };
    let received: unknown;
    b.subscribe('cart.added', (p) => (received = p));
    b.publish('cart.added', payload);
    expect(received).toBe(payload);
  });

  it('stops after unsubscribe, and unsubscribing twice is harmless', () => {
    const b = bus();
    const handler = vi.fn();
    const off = b.subscribe('cart.added', handler);
    b.publish('cart.added', { sku: '1' });
    off();
    off();
    b.publish('cart.added', { sku: '2' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('keeps two subscriptions of the same function apart', () => {
    const b = bus();
    const handler = vi.fn();
    const off = b.subscribe('cart.added', handler);
    b.subscribe('cart.added', handler);
    off();
    b.publish('cart.added', { sku: '1' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('does not call a handler unsubscribed by an earlier handler of the same publish', () => {
    const b = bus();
    const second = vi.fn();
    b.subscribe('cart.added', () => offSecond());
    const offSecond = b.subscribe('cart.added', second);
    b.publish('cart.added', { sku: '1' });
    expect(second).not.toHaveBeenCalled();
  });

  it('delivers by wildcard: cart.* (one segment), cart.** (one or more), ** (all)', () => {
    const b = bus();
    const seen: Record<string, string[]> = { one: [], many: [], all: [] };
    b.subscribe('cart.*', (_, meta) => seen.one!.push(meta.topic));
    b.subscribe('cart.**', (_, meta) => seen.many!.push(meta.topic));
    b.subscribe('**', (_, meta) => seen.all!.push(meta.topic));
    b.publish('cart.added', { sku: '1' });
    b.publish('cart.item.added', { sku: '1' });
    b.publish('user.login', 'ada');
    expect(seen).toEqual({
      one: ['cart.added'],
      many: ['cart.added', 'cart.item.added'],
      all: ['cart.added', 'cart.item.added', 'user.login'],
    });
  });

  it('reaches subscriptions added after a topic was first published (cached routes are refreshed)', () => {
    const b = bus();
    b.publish('cart.added', { sku: '1' });
    const handler = vi.fn();
    b.subscribe('cart.*', handler);
    b.publish('cart.added', { sku: '2' });
    expect(handler).toHaveBeenCalledWith({ sku: '2' }, { topic: 'cart.added', source: 'local' });
  });

  it('throws TESSERA_BUS_INVALID_PATTERN for a misplaced wildcard', () => {
    const b = createBus();
    expect(() => b.subscribe('cart.**.added', () => {})).toThrow(expect.objectContaining({ code: 'TESSERA_BUS_INVALID_PATTERN' }));
  });
});

describe('handler errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('isolates a throwing handler and reports TESSERA_BUS_HANDLER_FAILED with the topic and cause', () => {
    const errors: BusError[] = [];
    const b = createBus<ShopTopics>({ onError: (error) => errors.push(error) });
    const boom = new Error('boom');
    const after = vi.fn();
    b.subscribe('cart.added', () => {
      throw boom;
    });
    b.subscribe('cart.*', after);
    b.publish('cart.added', { sku: '1' });
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'BusError', code: 'TESSERA_BUS_HANDLER_FAILED', topic: 'cart.added', cause: boom });
    expect(errors[0]!.message).toContain('cart.added');
  });

  it('reports to globalThis.reportError, else console.error, by default', () => {
    const g = globalThis as { reportError?: (error: unknown) => void };
    const original = g.reportError;
    const b = createBus();
    b.subscribe('x', () => {
      throw new Error('boom');
    });
    try {
      const reportError = vi.fn();
      g.reportError = reportError;
      b.publish('x', 1);
      expect(reportError.mock.calls[0]![0]).toMatchObject({ code: 'TESSERA_BUS_HANDLER_FAILED' });
      delete g.reportError;
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
      b.publish('x', 2);
      expect(consoleError.mock.calls[0]![0]).toMatchObject({ code: 'TESSERA_BUS_HANDLER_FAILED' });
    } finally {
      if (original) g.reportError = original;
      else delete g.reportError;
    }
  });
});

describe('last-value replay', () => {
  it('delivers the latest payload at once to a late subscriber with replay: true', () => {
    const b = bus();
    b.publish('cart.added', { sku: '1' });
    b.publish('cart.added', { sku: '2' });
    const handler = vi.fn();
    b.subscribe('cart.added', handler, { replay: true });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith({ sku: '2' }, { topic: 'cart.added', source: 'local' });
    b.publish('cart.added', { sku: '3' });
    expect(handler).toHaveBeenLastCalledWith({ sku: '3' }, expect.anything());
  });

  it('keeps the last payload of each topic for last(topic): undefined before the first', () => {
    const b = bus();
    expect(b.last('cart.added')).toBeUndefined();
    const payload = { sku: '1' };
    b.publish('cart.added', payload);
    expect(b.last('cart.added')).toBe(payload);
    expect(b.last('cart.removed')).toBeUndefined();
  });

  it('delivers nothing at subscribe without the option, or when the topic has no value yet', () => {
    const b = bus();
    b.publish('cart.added', { sku: '1' });
    const withoutOption = vi.fn();
    const noValueYet = vi.fn();
    b.subscribe('cart.added', withoutOption);
    b.subscribe('cart.removed', noValueYet, { replay: true });
    expect(withoutOption).not.toHaveBeenCalled();
    expect(noValueYet).not.toHaveBeenCalled();
  });

  it('replays the latest payload of every topic a wildcard matches', () => {
    const b = bus();
    b.publish('cart.added', { sku: 'a' });
    b.publish('cart.removed', { sku: 'r' });
    b.publish('cart.item.added', { sku: 'i' });
    b.publish('user.login', 'ada');
    const calls: [unknown, MessageMeta][] = [];
    b.subscribe('cart.*', (payload, meta) => calls.push([payload, meta]), { replay: true });
    expect(calls).toEqual([
      [{ sku: 'a' }, { topic: 'cart.added', source: 'local' }],
      [{ sku: 'r' }, { topic: 'cart.removed', source: 'local' }],
    ]);
  });

  it('replays undefined payloads too, and isolates a throwing replayed handler', () => {
    const errors: BusError[] = [];
    const b = createBus({ onError: (e) => errors.push(e) });
    b.publish('ping', undefined);
    const handler = vi.fn(() => {
      throw new Error('boom');
    });
    b.subscribe('ping', handler, { replay: true });
    expect(handler).toHaveBeenCalledWith(undefined, { topic: 'ping', source: 'local' });
    expect(errors.map((e) => e.code)).toEqual(['TESSERA_BUS_HANDLER_FAILED']);
  });
});
