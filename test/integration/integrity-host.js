// A Node host for node-integrity.test.ts: loads `beta/duration` through the remote's manifest and
// prints what happened. Run as: node --import @tessera/runtime/node/register integrity-host.js <manifestUrl> [integrity] [busy]
// `busy`: the main thread takes 150 ms each time the hashes are read (as the loader thread's question is answered).
import { init, loadRemote } from '@tessera/runtime';

const [manifestUrl, integrity, busy] = process.argv.slice(2);
init({ name: 'host', remotes: { beta: manifestUrl }, integrity: integrity !== 'false', retries: 0, timeout: 4000 });
if (busy === 'busy') {
  const hashes = (globalThis.__TESSERA__.integrity ??= {});
  Object.defineProperty(globalThis.__TESSERA__, 'integrity', {
    get() {
      for (const until = Date.now() + 150; Date.now() < until;);
      return hashes;
    },
  });
}
try {
  const duration = await loadRemote('beta/duration');
  console.log(JSON.stringify({ loaded: duration.parse('1s'), tampered: globalThis.tampered ?? false }));
} catch (error) {
  console.log(JSON.stringify({ name: error.name, code: error.code, remote: error.remote, url: error.url, message: error.message, tampered: globalThis.tampered ?? false }));
}
