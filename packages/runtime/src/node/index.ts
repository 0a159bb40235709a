import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

let registered = false;

/**
 * Lets Node `import()` ES modules from http(s) URLs, so a Node host (SSR, tests, scripts) loads
 * module remote entries and their chunks as a browser does. Uses `module.register` (Node ≥ 20.6).
 * Call once, before the first remote loads; or start Node with
 * `--import @tessera/runtime/node/register`.
 * Integrity: a file whose URL has a hash in a manifest the runtime read (`integrity`, on by
 * default) is checked before it runs, as the browser's import map does; other bytes are refused
 * and the load fails with TESSERA_INTEGRITY_FAILED naming the file.
 */
export function registerHttpImports(): void {
  if (registered) return;
  registered = true;
  const { port1, port2 } = new MessageChannel();
  // The loader thread asks for a URL's hash; the runtime keeps them on globalThis.__TESSERA__.
  port1.on('message', ({ id, url }: { id: number; url: string }) => {
    const hashes = (globalThis as { __TESSERA__?: { integrity?: Record<string, string> } }).__TESSERA__?.integrity;
    port1.postMessage({ id, hash: hashes?.[url] });
  });
  port1.unref();
  register('./http-hooks.js', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
}
