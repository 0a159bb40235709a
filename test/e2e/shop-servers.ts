import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, loadConfig } from '@tessera/build';
import { serve } from '@tessera/cli';
import { launchChromium } from './chromium.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shop = join(repo, 'examples', 'shop');

export type ShopApp = 'shell' | 'catalog' | 'cart';
const REMOTES = ['catalog', 'cart'] as const;

export interface ShopServers {
  /** The shell's page. */
  url: string;
  /** Each app's origin, with a trailing slash: `http://localhost:<port>/`. */
  urls: Record<ShopApp, string>;
  /** Serves the app again, on the port it had. */
  start(app: ShopApp): Promise<void>;
  stop(app: ShopApp): Promise<void>;
  stopAll(): Promise<void>;
}

/**
 * Builds the three shop apps into a temporary folder of this test file's (real builds) and serves
 * each on a port from the OS: the remotes first, then the shell, built with their URLs
 * (`CATALOG_URL`, `CART_URL`, which the shell's config reads). Files using it run in parallel.
 */
export async function startShop(): Promise<ShopServers> {
  const out = join(repo, 'tmp', `shop-${process.pid}-${randomBytes(4).toString('hex')}`);
  const dirs = {} as Record<ShopApp, string>;
  const ports = {} as Record<ShopApp, number>;
  const running = new Map<ShopApp, Awaited<ReturnType<typeof serve>>>();
  const start = async (app: ShopApp) => {
    if (running.has(app)) return;
    const server = await serve({ dir: dirs[app], port: ports[app] ?? 0 });
    ports[app] = (server.server.address() as AddressInfo).port;
    running.set(app, server);
  };
  const buildInto = async (app: ShopApp) => {
    const config = await loadConfig(join(shop, app));
    config.outDir = dirs[app] = join(out, app);
    await buildApp(config);
  };
  const urls = () => Object.fromEntries(Object.entries(ports).map(([app, port]) => [app, `http://localhost:${port}/`])) as Record<ShopApp, string>;

  for (const app of REMOTES) {
    await buildInto(app);
    await start(app);
  }
  const saved = { CATALOG_URL: process.env.CATALOG_URL, CART_URL: process.env.CART_URL };
  process.env.CATALOG_URL = `${urls().catalog}mf-manifest.json`;
  process.env.CART_URL = `${urls().cart}mf-manifest.json`;
  try {
    await buildInto('shell');
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  await start('shell');
  const stop = async (app: ShopApp) => {
    await running.get(app)?.close();
    running.delete(app);
  };
  return {
    url: urls().shell,
    urls: urls(),
    start,
    stop,
    stopAll: async () => {
      for (const app of [...running.keys()]) await stop(app);
      rmSync(out, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file: builds and serves the shop and starts Chromium before its tests, stops both
 * after. The getters return what is running.
 */
export function useShopInChromium(): { shop(): ShopServers; browser(): Browser } {
  let shop: ShopServers | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    shop = await startShop();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.stopAll();
  });
  return { shop: () => shop!, browser: () => browser! };
}
