import { describe, expectTypeOf, it } from 'vitest';
import { createBus, type Bus } from './create-bus.js';
import { getBus } from './registry.js';

// Compile-time checks: tsc type-checks this file; at run time expectTypeOf is a no-op.

interface ShopTopics {
  'cart.added': { sku: string };
  'cart.removed': { sku: string; reason: string };
  'cart.item.added': { sku: string; qty: number };
  'user.login': string;
}
interface ShopRequests {
  'cart.count': { request: { user: string }; response: number };
}

/** Type-checks `check` without running it. */
const compileOnly = (check: () => void) => expectTypeOf(check).toBeFunction();

describe('types', () => {
  const bus = createBus<ShopTopics, ShopRequests>();

  it('types payload and meta.topic by topic and by pattern', () => {
    bus.subscribe('cart.added', (payload, meta) => {
      expectTypeOf(payload).toEqualTypeOf<{ sku: string }>();
      expectTypeOf(meta.topic).toEqualTypeOf<'cart.added'>();
    });
    bus.subscribe('cart.*', (payload, meta) => {
      expectTypeOf(meta.topic).toEqualTypeOf<'cart.added' | 'cart.removed'>();
      expectTypeOf(payload).toEqualTypeOf<{ sku: string } | { sku: string; reason: string }>();
    });
    bus.subscribe('cart.**', (_, meta) => expectTypeOf(meta.topic).toEqualTypeOf<'cart.added' | 'cart.removed' | 'cart.item.added'>());
    bus.subscribe('*.login', (payload) => expectTypeOf(payload).toEqualTypeOf<string>());
    bus.subscribe('**', (_, meta) => expectTypeOf(meta.topic).toEqualTypeOf<keyof ShopTopics>());
    expectTypeOf(bus.last('cart.added')).toEqualTypeOf<{ sku: string } | undefined>();
    compileOnly(() => {
      // @ts-expect-error no topic matches
      bus.subscribe('order.*', () => {});
      // @ts-expect-error '*' alone matches one-segment topics only
      bus.subscribe('*', () => {});
    });
  });

  it('checks publish, request and reply against the maps', () => {
    compileOnly(() => {
      bus.publish('cart.added', { sku: 'x' });
      // @ts-expect-error wrong payload
      bus.publish('cart.added', { id: 1 });
      // @ts-expect-error unknown topic
      bus.publish('cart.emptied', {});
      expectTypeOf(bus.request('cart.count', { user: 'ada' })).toEqualTypeOf<Promise<number>>();
      bus.reply('cart.count', async ({ user }) => user.length);
      // @ts-expect-error wrong response
      bus.reply('cart.count', () => 'three');
      // @ts-expect-error no request map: no requests
      createBus<ShopTopics>().request('cart.count', { user: 'ada' });
    });
  });

  it('works in generic code (a useTopic hook)', () => {
    function watch<T extends object, K extends keyof T & string>(bus: Bus<T>, topic: K, set: (value: T[K] | undefined) => void) {
      set(bus.last(topic));
      return bus.subscribe(topic, (payload) => set(payload));
    }
    compileOnly(() => watch(bus, 'cart.added', (value) => expectTypeOf(value).toEqualTypeOf<{ sku: string } | undefined>()));
  });

  it('leaves an untyped bus open', () => {
    const untyped = getBus();
    untyped.publish('anything', 1);
    untyped.subscribe('any.*', (payload, meta) => {
      expectTypeOf(payload).toBeUnknown();
      expectTypeOf(meta.topic).toEqualTypeOf<string>();
    });
  });
});
