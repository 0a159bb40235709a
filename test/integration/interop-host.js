// A Node host for interop.test.ts: provides its own nanoid and escape-string-regexp (higher
// versions, singletons) and prints what the gamma remote's imports resolved to.
// Run as: node --import @tessera/runtime/node/register interop-host.js <gammaUrl>
import { getFederationInfo, init, loadRemote } from '@tessera/runtime';

init({
  name: 'host',
  remotes: { gamma: new URL('remoteEntry.js', process.argv[2]).href },
  shared: {
    nanoid: { version: '99.0.0', singleton: true, lib: () => ({ nanoid: () => 'nanoid from host', customAlphabet: () => () => '' }) },
    'escape-string-regexp': { version: '99.0.0', singleton: true, lib: () => ({ __esModule: true, default: (s) => `escaped by host: ${s}` }) },
  },
});

const { seen } = await loadRemote('gamma/interop');
const info = getFederationInfo();
const consumers = Object.fromEntries(
  info.shared.map((s) => [s.key, s.consumers.map((c) => `${c.consumer} got ${c.version} from ${c.from}`)]),
);
console.log(JSON.stringify({ seen, consumers }));
