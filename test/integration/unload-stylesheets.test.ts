import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/chromium.js';

// Two remotes whose containers call themselves 'widgets' and 'gadgets', each with a stylesheet its
// exposed chunk needs. The host registers them under other names: 'ui' (alias 'w') for widgets,
// and, to set a trap, 'widgets' for gadgets.
const remoteEntry = (name: string) => `import { createInstance, createContainer } from '/runtime.js';
const federation = createInstance({ name: ${JSON.stringify(name)} });
federation.registerChunks({ 'expose:./Button': { css: ['button.css'] } }, import.meta.url);
const container = createContainer(federation, { './Button': () => import('./button.js') });
export const init = container.init;
export const get = container.get;`;

// The host page: loads both, then unloads 'ui' and 'widgets' in turn, noting the page's stylesheets.
const HOST = `import { init, loadRemote, unloadRemote } from '/runtime.js';
init({
  name: 'host',
  shareStrategy: 'loaded-first',
  remotes: [
    { name: 'ui', alias: 'w', entry: new URL('/widgets/remoteEntry.js', location.href).href },
    { name: 'widgets', entry: new URL('/gadgets/remoteEntry.js', location.href).href },
  ],
});
const sheets = () => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname).sort();
globalThis.result = (async () => {
  const loaded = [(await loadRemote('w/Button')).default, (await loadRemote('widgets/Button')).default];
  const before = sheets();
  const unloadedUi = unloadRemote('ui');
  const afterUi = sheets();
  unloadRemote('widgets');
  return { loaded, before, unloadedUi, afterUi, afterBoth: sheets() };
})();`;

let server: Server;
let browser: Browser;
let origin = '';

beforeAll(async () => {
  const runtime = await build({
    stdin: { contents: 'export * from "@tessera/runtime";', resolveDir: join(import.meta.dirname, '..', '..') },
    bundle: true, format: 'esm', write: false, logLevel: 'silent',
  });
  const files: Record<string, [string, string]> = {
    '/index.html': ['text/html', '<!doctype html><title>host</title><script type="module" src="/host.js"></script>'],
    '/host.js': ['text/javascript', HOST],
    '/runtime.js': ['text/javascript', runtime.outputFiles[0]!.text],
  };
  for (const name of ['widgets', 'gadgets']) {
    files[`/${name}/remoteEntry.js`] = ['text/javascript', remoteEntry(name)];
    files[`/${name}/button.js`] = ['text/javascript', `export default ${JSON.stringify(`${name} button`)};`];
    files[`/${name}/button.css`] = ['text/css', `.${name} { color: red }`];
  }
  server = createServer((request, response) => {
    const file = files[request.url!.replace(/\?.*/, '')];
    response.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' }).end(file?.[1] ?? 'not found');
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('unloadRemote', () => {
  it('removes exactly the stylesheets added for that remote, whatever name or alias the host gave it', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/index.html`);
      await page.waitForFunction(() => 'result' in globalThis);
      const result = await page.evaluate(() => (globalThis as unknown as { result: Promise<unknown> }).result);
      expect(result).toEqual({
        loaded: ['widgets button', 'gadgets button'],
        before: ['/gadgets/button.css', '/widgets/button.css'],
        unloadedUi: true,
        afterUi: ['/gadgets/button.css'],
        afterBoth: [],
      });
    } finally {
      await page.close();
    }
  });
});
