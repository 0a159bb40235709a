// Page load of the shop in headless Chromium over loopback: navigation to both remote components
// rendered, requests, and gzipped JavaScript downloaded. Fresh browser context (cold cache) each load.
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildApp, loadConfig } from '@tessera/build';
import { serve } from '@tessera/cli';
import { median } from './measure.js';

const shop = join(import.meta.dirname, '..', 'examples', 'shop');
const ports = { shell: 4000, catalog: 4001, cart: 4002 };

export async function pageLoad({ quick }) {
  const servers = [];
  for (const [app, port] of Object.entries(ports)) {
    const config = await loadConfig(join(shop, app));
    await buildApp(config);
    servers.push(await serve({ dir: config.outDir, port }));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const loads = [];
    for (let i = 0; i < (quick ? 2 : 11); i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-testid="product-list"]') && document.querySelector('[data-testid="cart-summary"]')) {
            window.__renderedAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      let requests = 0;
      const scripts = [];
      page.on('request', () => requests++);
      page.on('response', (r) => r.request().resourceType() === 'script' && scripts.push(r.body().then((b) => gzipSync(b, { level: 9 }).length)));
      await page.goto('http://localhost:4000/');
      await page.waitForFunction(() => window.__renderedAt !== undefined);
      const renderedMs = await page.evaluate(() => window.__renderedAt);
      loads.push({ renderedMs, requests, jsGzip: (await Promise.all(scripts)).reduce((a, b) => a + b, 0) });
      await context.close();
    }
    const measured = quick ? loads : loads.slice(1); // the first load warms the servers' file reads
    return {
      tessera: {
        loads: measured.length,
        renderedMs: median(measured.map((l) => l.renderedMs)),
        requests: median(measured.map((l) => l.requests)),
        jsGzipBytes: median(measured.map((l) => l.jsGzip)),
      },
    };
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
  }
}
