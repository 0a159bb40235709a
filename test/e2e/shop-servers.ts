import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, loadConfig } from '@tessera/build';
import { serve } from '@tessera/cli';
import { launchChromium } from './chromium.js';

const shop = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'shop');

/** The shop's contract ports. */
export const SHOP_PORTS = { shell: 4000, catalog: 4001, cart: 4002 } as const;
export type ShopApp = keyof typeof SHOP_PORTS;

export interface ShopServers {
  url: string;
  start(app: ShopApp): Promise<void>;
  stop(app: ShopApp): Promise<void>;
  stopAll(): Promise<void>;
}

/** Builds the three shop apps (real builds into their dist/) and serves each on its port. */
export async function startShop(): Promise<ShopServers> {
  const dirs = {} as Record<ShopApp, string>;
  for (const app of Object.keys(SHOP_PORTS) as ShopApp[]) {
    const config = await loadConfig(join(shop, app));
    await buildApp(config);
    dirs[app] = config.outDir;
  }
  const running = new Map<ShopApp, Awaited<ReturnType<typeof serve>>>();
  const start = async (app: ShopApp) => {
    if (!running.has(app)) running.set(app, await serve({ dir: dirs[app], port: SHOP_PORTS[app] }));
  };
  const stop = async (app: ShopApp) => {
    await running.get(app)?.close();
    running.delete(app);
  };
  for (const app of Object.keys(SHOP_PORTS) as ShopApp[]) await start(app);
  return {
    url: `http://localhost:${SHOP_PORTS.shell}/`,
    start,
    stop,
    stopAll: async () => {
      for (const app of [...running.keys()]) await stop(app);
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
