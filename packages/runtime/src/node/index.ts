import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { tesseraGlobal } from '../global.js';

let registered = false;

/**
 * Lets Node `import()` ES modules from http(s) URLs, so a Node host (SSR, tests, scripts) loads
 * module remote entries and their chunks as a browser does. Uses `module.register` (Node ≥ 20.6).
 * Call once, before the first remote loads; or start Node with
 * `--import @tessera/runtime/node/register`.
 * Integrity: a file whose URL has a hash in a manifest the runtime read (`integrity`, on by
 * default) is checked before it runs, as the browser's import map does; other bytes are refused
 * and the load fails with TESSERA_INTEGRITY_FAILED naming the file.
 * A load the runtime gives up (its `timeout`, an unloaded remote) stops fetching, with the files
 * it imports: a hung remote never keeps the process from exiting.
 */
export function registerHttpImports(): void {
  if (registered) return;
  registered = true;
  const { port1, port2 } = new MessageChannel();
  const page = tesseraGlobal();
  // The loader thread asks for a URL's hash; the runtime keeps them on globalThis.__TESSERA__.
  port1.on('message', ({ id, url }: { id: number; url: string }) => {
    port1.postMessage({ id, hash: page.integrity?.[url] });
  });
  port1.unref();
  page.abandon = (url) => port1.postMessage({ abandon: url });
  register('./http-hooks.js', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
}
