// Store update+notify and bus publish throughput, next to zustand and mitt.
import { createStore } from 'zustand/vanilla';
import mitt from 'mitt';
import { createStoreRegistry, defineStore } from '@tessera/store';
import { createBus } from '@tessera/bus';
import { median, opsPerSecond } from './measure.js';

/**
 * Ops per second of the two `runs` (`{ tessera, anchor }`, each `run(n)` doing n operations),
 * taking turns over `rounds` rounds, the order alternating from round to round (neither always
 * runs first, after the other's garbage): each one's median, and the paired ratio tessera ÷ anchor,
 * the median of the per-round ratios (fair under a noisy machine: both ran under the same load).
 */
function pairedOpsPerSecond(runs, { n, rounds }) {
  const names = Object.keys(runs);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const ratios = [];
  for (const run of Object.values(runs)) run(Math.min(n, 10_000));
  for (let i = 0; i < rounds; i++) {
    const round = {};
    for (const name of i % 2 ? [...names].reverse() : names) {
      const started = performance.now();
      runs[name](n);
      round[name] = n / ((performance.now() - started) / 1000);
      samples[name].push(round[name]);
    }
    ratios.push(round[names[0]] / round[names[1]]);
  }
  return {
    opsPerSecond: Object.fromEntries(names.map((name) => [name, median(samples[name])])),
    ratio: median(ratios),
  };
}

export function throughput({ quick }) {
  const options = { n: quick ? 20_000 : 500_000, rounds: quick ? 3 : 7 };
  let sink = 0;

  // The same work on both sides: state { count }, one listener reading it, setState({ count }) changing it.
  const tesseraStore = defineStore('bench', { initial: { count: 0 }, registry: createStoreRegistry() });
  tesseraStore.subscribe((state) => (sink += state.count));
  const zustandStore = createStore(() => ({ count: 0 }));
  zustandStore.subscribe((state) => (sink += state.count));
  const store = pairedOpsPerSecond({
    tessera: (n) => { for (let i = 0; i < n; i++) tesseraStore.setState({ count: i + 1 }); },
    zustand: (n) => { for (let i = 0; i < n; i++) zustandStore.setState({ count: i + 1 }); },
  }, { n: quick ? 20_000 : 50_000, rounds: quick ? 3 : 61 });

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
    storeUpdateNotify: { opsPerSecond: store.opsPerSecond, ratioToZustand: store.ratio },
    busPublish: { opsPerSecond: publish, ratioToMitt: publish.tessera / publish.mitt },
  };
}
