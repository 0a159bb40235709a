// Store update+notify and bus publish throughput, next to zustand and mitt.
import { createStore } from 'zustand/vanilla';
import mitt from 'mitt';
import { createStoreRegistry, defineStore } from '@tessera/store';
import { createBus } from '@tessera/bus';
import { median, opsPerSecond } from './measure.js';

/** Ops per second of each `runs[name](n)`, median of `rounds` rounds in which they take turns (fair under a noisy machine). */
function opsPerSecondInTurns(runs, { n, rounds }) {
  const samples = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (const run of Object.values(runs)) run(Math.min(n, 10_000));
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of Object.entries(runs)) {
      const started = performance.now();
      run(n);
      samples[name].push(n / ((performance.now() - started) / 1000));
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

export function throughput({ quick }) {
  const options = { n: quick ? 20_000 : 500_000, rounds: quick ? 3 : 7 };
  let sink = 0;

  const tesseraStore = defineStore('bench', { initial: { count: 0 }, registry: createStoreRegistry() });
  tesseraStore.subscribe((state) => (sink += state.count));
  const zustandStore = createStore(() => ({ count: 0 }));
  zustandStore.subscribe((state) => (sink += state.count));
  const store = opsPerSecondInTurns({
    tessera: (n) => { for (let i = 0; i < n; i++) tesseraStore.setState({ count: i + 1 }); },
    zustand: (n) => { for (let i = 0; i < n; i++) zustandStore.setState({ count: i + 1 }); },
  }, { n: quick ? 20_000 : 200_000, rounds: quick ? 3 : 15 });

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
