// Store update+notify and bus publish throughput, next to zustand and mitt.
import { createStore } from 'zustand/vanilla';
import mitt from 'mitt';
import { createStoreRegistry, defineStore } from '@tessera/store';
import { createBus } from '@tessera/bus';
import { opsPerSecond } from './measure.js';

export function throughput({ quick }) {
  const options = { n: quick ? 20_000 : 500_000, rounds: quick ? 3 : 7 };
  let sink = 0;

  const tesseraStore = defineStore('bench', { initial: { count: 0 }, registry: createStoreRegistry() });
  tesseraStore.subscribe((state) => (sink += state.count));
  const zustandStore = createStore(() => ({ count: 0 }));
  zustandStore.subscribe((state) => (sink += state.count));
  const store = {
    tessera: opsPerSecond((n) => { for (let i = 0; i < n; i++) tesseraStore.setState({ count: i + 1 }); }, options),
    zustand: opsPerSecond((n) => { for (let i = 0; i < n; i++) zustandStore.setState({ count: i + 1 }); }, options),
  };

  const bus = createBus();
  bus.subscribe('cart.added', (payload) => (sink += payload.n));
  const emitter = mitt();
  emitter.on('cart.added', (payload) => (sink += payload.n));
  const payload = { n: 1 };
  const publish = {
    tessera: opsPerSecond((n) => { for (let i = 0; i < n; i++) bus.publish('cart.added', payload); }, options),
    mitt: opsPerSecond((n) => { for (let i = 0; i < n; i++) emitter.emit('cart.added', payload); }, options),
  };
  if (sink === -1) console.log(sink);
  return {
    storeUpdateNotify: { opsPerSecond: store, ratioToZustand: store.tessera / store.zustand },
    busPublish: { opsPerSecond: publish, ratioToMitt: publish.tessera / publish.mitt },
  };
}
