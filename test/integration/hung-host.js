// A Node host for node-hung-remote.test.ts: loads `beta/duration` from a server that never answers
// some of its files, prints the error, and must then exit by itself.
// Run as: node --import @tessera/runtime/node/register hung-host.js <manifestUrl>
import { init, loadRemote } from '@tessera/runtime';

const [manifestUrl] = process.argv.slice(2);
init({ name: 'host', remotes: { beta: manifestUrl }, timeout: 600, retries: 1 });
try {
  await loadRemote('beta/duration');
  console.log(JSON.stringify({ loaded: true }));
} catch (error) {
  console.log(JSON.stringify({ code: error.code, url: error.url }));
}
