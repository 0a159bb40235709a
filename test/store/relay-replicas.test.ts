import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { connectRelay, type RelayClient, type WebSocketConstructor } from '@tessera/bus';
import { startRelay } from '@tessera/relay';
import { createStoreRegistry, defineReplicatedStore, relaySync, type ReplicatedStore } from '@tessera/store';
import { startProxy } from '../relay/tcp-proxy.js';

// Devices are replicas in registries of their own, each with its own WebSocket connection to a
// real embedded relay; a TCP proxy cuts one device's network.

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
  vi.unstubAllGlobals();
});

/** Just enough of the Storage interface: an in-memory localStorage (one device's disk). */
class MemoryStorage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const actions = {
  add: (cart: Record<string, number>, id: string) => ({ ...cart, [id]: (Object.hasOwn(cart, id) ? cart[id]! : 0) + 1 }),
};
type Cart = ReplicatedStore<Record<string, number>, typeof actions>;
const total = (store: Cart) => Object.values(store.getState()).reduce((sum, n) => sum + n, 0);

async function relay() {
  const started = await startRelay({ port: 0, rateLimit: { perSecond: 100_000, burst: 100_000 } });
  cleanup.push(() => started.close());
  return started;
}
function device(url: string, options: { persist?: boolean } = {}): { store: Cart; client: RelayClient } {
  const client = connectRelay(url, { WebSocket: WebSocket as unknown as WebSocketConstructor, backoff: { minMs: 20, maxMs: 100 } });
  const store = defineReplicatedStore('cart', { initial: {}, actions, sync: relaySync(client), persist: options.persist ? 'local' : undefined, registry: createStoreRegistry() });
  cleanup.push(() => client.close(), () => store.destroy());
  return { store, client };
}

describe('replicated store through the relay', () => {
  it('counts every add of two devices adding the same product 100 times at once', async () => {
    const { url } = await relay();
    const a = device(url);
    const b = device(url);
    await expect.poll(() => a.client.status).toBe('online');
    await expect.poll(() => b.client.status).toBe('online');
    for (let i = 0; i < 100; i++) {
      a.store.dispatch(a.store.actions.add('tea'));
      b.store.dispatch(b.store.actions.add('tea'));
    }
    await expect.poll(() => [total(a.store), total(b.store)]).toEqual([200, 200]);
    await expect.poll(() => [a.store.status(), b.store.status()]).toEqual([{ seq: 200, pending: 0 }, { seq: 200, pending: 0 }]);
  });

  it('queues actions made offline, applies them on reconnect, and the offline device catches up', async () => {
    const { port } = new URL((await relay()).url);
    const proxy = await startProxy({ port: Number(port) });
    cleanup.push(() => proxy.close());
    const online = device(`ws://127.0.0.1:${port}`);
    const offline = device(proxy.url);
    await expect.poll(() => offline.client.status).toBe('online');
    proxy.cut(true);
    await expect.poll(() => offline.client.status).toBe('offline');
    for (let i = 0; i < 30; i++) offline.store.dispatch(offline.store.actions.add('mug'));
    for (let i = 0; i < 50; i++) online.store.dispatch(online.store.actions.add('tea'));
    expect(offline.store.getState()).toEqual({ mug: 30 }); // applied here at once, pending
    await expect.poll(() => online.store.getState()).toEqual({ tea: 50 });
    proxy.up();
    await expect.poll(() => [offline.store.getState(), online.store.getState()]).toEqual([
      { tea: 50, mug: 30 },
      { tea: 50, mug: 30 },
    ]);
    await expect.poll(() => offline.store.status()).toEqual({ seq: 80, pending: 0 }); // acknowledged by the relay
  });

  it('a device reopened later starts from its persisted state and reads only what it missed', async () => {
    const { url } = await relay();
    vi.stubGlobal('localStorage', new MemoryStorage());
    const first = device(url, { persist: true });
    for (let i = 0; i < 10; i++) first.store.dispatch(first.store.actions.add('tea'));
    await expect.poll(() => first.store.status()).toEqual({ seq: 10, pending: 0 });
    first.store.destroy();
    first.client.close();
    const other = device(url);
    for (let i = 0; i < 5; i++) other.store.dispatch(other.store.actions.add('kettle'));
    const reopened = device(url, { persist: true });
    expect(reopened.store.getState()).toEqual({ tea: 10 }); // from disk, at once
    expect(JSON.parse(localStorage.getItem('tessera-store:cart:relay')!)).toMatchObject({ seq: 10 }); // the relay's numbering, apart from the tabs'
    await expect.poll(() => reopened.store.getState()).toEqual({ tea: 10, kettle: 5 });
  });
});
