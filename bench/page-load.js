// Page load of the shop in headless Chromium over loopback, for each build of it: navigation to
// both remote components rendered (data-testid "product-list" and "cart-summary"), the number of
// requests, and the gzipped JavaScript downloaded, in all and per app (by the origin it came from).
// Each tool's build is served by the same static server (@tessera/cli's serve: no compression, so
// every body is gzipped here at level 9) on its own three ports. Every load is in a fresh browser
// context (cold cache); loads take turns between the tools; the first round warms the servers' file
// reads and is dropped. Times: both remote components rendered, and the shell's header shown
// (data-testid "shell-header"), from navigation start; paired ratios take each round's loads together. The page reports both
// times through a binding (page.exposeFunction) as they happen: nothing of the harness runs in the page while it loads (waiting
// with page.waitForFunction injected Playwright's script into the page at its load event, 30-70 ms of the main thread that fell
// before the first render of a page whose load event comes early). The webpack and Rspack shells register their remotes (ports 41xx / 42xx)
// in bench/<tool>/shell-entry.js.
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '@tessera/cli';
import { median } from './measure.js';
import { apps, builders, outDirs } from './shop-builds.js';

const gzipAsync = promisify(gzip);

export const pageTools = {
  tessera: { shell: 4000, catalog: 4001, cart: 4002 },
  // Tessera's shell built with `snapshot: true` against Tessera's remotes (served on 4001-4002 by then).
  tesseraSnapshot: { shell: 4300, catalog: 4001, cart: 4002 },
  webpack: { shell: 4100, catalog: 4101, cart: 4102 },
  rspack: { shell: 4200, catalog: 4201, cart: 4202 },
};

/** `serve`, waiting (up to 60 s) while another process still holds the port (the e2e tests share 4000-4002). */
async function serveWhenFree(dir, port) {
  for (let waited = 0; ; waited += 2) {
    try {
      return await serve({ dir, port });
    } catch (error) {
      if (error?.code !== 'EADDRINUSE' || waited >= 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

async function loadOnce(browser, tool) {
  const ports = pageTools[tool];
  const appOfPort = Object.fromEntries(Object.entries(ports).map(([app, port]) => [String(port), app]));
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let report;
    const rendered = new Promise((resolve) => (report = resolve));
    await page.exposeFunction('__pageLoadRendered', (renderedMs, headerMs) => report([renderedMs, headerMs]));
    await page.addInitScript(() => {
      let headerAt;
      new MutationObserver((_, observer) => {
        if (headerAt === undefined && document.querySelector('[data-testid="shell-header"]')) headerAt = performance.now();
        if (document.querySelector('[data-testid="product-list"]') && document.querySelector('[data-testid="cart-summary"]')) {
          observer.disconnect();
          window.__pageLoadRendered(performance.now(), headerAt);
        }
      }).observe(document, { childList: true, subtree: true });
    });
    let requests = 0;
    const scripts = [];
    const errors = [];
    page.on('request', () => requests++);
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (r) => {
      if (r.request().resourceType() !== 'script') return;
      const app = appOfPort[new URL(r.url()).port] ?? 'other';
      // gzip on libuv's threads: this process also serves the pages, and a synchronous gzip of one
      // response would hold back the next response of the load being timed.
      scripts.push(r.body().then(async (b) => ({ app, gzip: (await gzipAsync(b, { level: 9 })).length })));
    });
    await page.goto(`http://localhost:${ports.shell}/`);
    let timer;
    const timeout = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('not within 20 s')), 20_000);
    });
    let renderedMs, headerMs;
    try {
      [renderedMs, headerMs] = await Promise.race([rendered, timeout]);
    } catch (cause) {
      throw new Error(`${tool}: the shop did not render both remote components (${errors.join('; ') || cause.message})`);
    } finally {
      clearTimeout(timer);
    }
    const jsGzipByApp = Object.fromEntries(apps.map((app) => [app, 0]));
    for (const { app, gzip } of await Promise.all(scripts)) jsGzipByApp[app] = (jsGzipByApp[app] ?? 0) + gzip;
    return { renderedMs, headerMs, requests, jsGzip: Object.values(jsGzipByApp).reduce((a, b) => a + b, 0), jsGzipByApp };
  } finally {
    await context.close();
  }
}

/** `build: false` serves the outputs already there (run.js: build-time.js has just built every tool's). */
export async function pageLoad({ quick, build = true }) {
  const servers = [];
  let browser;
  try {
    const served = new Set();
    for (const [tool, ports] of Object.entries(pageTools)) {
      // The snapshot shell reads the remotes' manifests as it builds: always built here, once they are served.
      if (build || tool === 'tesseraSnapshot') await builders[tool]();
      for (const app of apps) {
        if (served.has(ports[app])) continue;
        served.add(ports[app]);
        servers.push(await serveWhenFree(outDirs[tool](app), ports[app]));
      }
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const rounds = quick ? 2 : 11;
    const loads = Object.fromEntries(Object.keys(pageTools).map((tool) => [tool, []]));
    for (let i = 0; i < rounds; i++) for (const tool of Object.keys(pageTools)) loads[tool].push(await loadOnce(browser, tool));
    const results = {};
    for (const [tool, all] of Object.entries(loads)) {
      const measured = quick ? all : all.slice(1); // the first round warms the servers' file reads
      results[tool] = {
        loads: measured.length,
        renderedMs: median(measured.map((l) => l.renderedMs)),
        headerMs: median(measured.map((l) => l.headerMs)),
        requests: median(measured.map((l) => l.requests)),
        jsGzipBytes: median(measured.map((l) => l.jsGzip)),
        jsGzipBytesByApp: Object.fromEntries(apps.map((app) => [app, median(measured.map((l) => l.jsGzipByApp[app]))])),
        renderedMsSamples: measured.map((l) => Math.round(l.renderedMs)),
        headerMsSamples: measured.map((l) => Math.round(l.headerMs)),
      };
    }
    // Paired: the anchor's load ÷ Tessera's load of the same round (`base`: which Tessera build), median over the rounds.
    const pairedRatio = (tool, field, base = 'tessera') => {
      const own = quick ? loads[base] : loads[base].slice(1);
      const other = quick ? loads[tool] : loads[tool].slice(1);
      return median(own.map((l, i) => other[i][field] / l[field]));
    };
    const ratio = (tool, base = 'tessera') => ({
      renderedMs: results[tool].renderedMs / results[base].renderedMs,
      renderedMsPaired: pairedRatio(tool, 'renderedMs', base),
      headerMsPaired: pairedRatio(tool, 'headerMs', base),
      requests: results[tool].requests / results[base].requests,
      jsGzipBytes: results[tool].jsGzipBytes / results[base].jsGzipBytes,
    });
    return {
      ...results,
      ratioToTessera: { webpack: ratio('webpack'), rspack: ratio('rspack') },
      ratioToTesseraSnapshot: { webpack: ratio('webpack', 'tesseraSnapshot'), rspack: ratio('rspack', 'tesseraSnapshot'), tessera: ratio('tessera', 'tesseraSnapshot') },
    };
  } finally {
    await browser?.close();
    for (const s of servers) await s.close();
  }
}
