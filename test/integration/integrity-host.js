// A Node host for node-integrity.test.ts: loads `beta/duration` through the remote's manifest and
// prints what happened. Run as: node --import @tessera/runtime/node/register integrity-host.js <manifestUrl> [integrity]
import { init, loadRemote } from '@tessera/runtime';

const [manifestUrl, integrity] = process.argv.slice(2);
init({ name: 'host', remotes: { beta: manifestUrl }, integrity: integrity !== 'false', retries: 0 });
try {
  const duration = await loadRemote('beta/duration');
  console.log(JSON.stringify({ loaded: duration.parse('1s'), tampered: globalThis.tampered ?? false }));
} catch (error) {
  console.log(JSON.stringify({ name: error.name, code: error.code, url: error.url, message: error.message, tampered: globalThis.tampered ?? false }));
}
