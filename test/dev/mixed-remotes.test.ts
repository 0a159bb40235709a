import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig } from '@tessera/build';
import { serve } from '@tessera/cli';
import { startDev, type DevSession } from '@tessera/dev';
import { launchChromium } from '../e2e/chromium.js';
import { copyShop } from './shop-copy.js';

// A host in dev mode with one remote from a production build (served as deployed) and one from
// the session's dev server: both render, and the dev remote still updates in place.
describe('tessera dev: a production remote next to a dev remote', () => {
  const shop = copyShop();
  let production: Awaited<ReturnType<typeof serve>> | undefined;
  let session: DevSession | undefined;
  let browser: Browser | undefined;
  const lines: string[] = [];

  afterAll(async () => {
    if (process.env.DEV_TEST_LOG) console.log(lines.join('\n'));
    await browser?.close();
    await session?.close();
    await production?.close();
    delete process.env.CART_URL;
    shop.remove();
  });

  it('renders both, and an edit of the dev remote applies without a reload', { timeout: 90_000 }, async () => {
    const cart = await loadConfig(join(shop.dir, 'cart'));
    await buildApp({ ...cart, dts: false });
    production = await serve({ dir: cart.outDir, port: 0 });
    process.env.CART_URL = `${production.url}mf-manifest.json`; // read by the shell's federation.config.ts
    session = await startDev({ roots: [join(shop.dir, 'shell'), join(shop.dir, 'catalog')], port: 0, types: false, log: (l) => lines.push(l) });
    browser = await launchChromium();
    const page = await browser.newPage();
    page.on('console', (m) => lines.push(`page: ${m.text()}`));
    await page.goto(session.apps.find((a) => a.name === 'shell')!.url);
    await expect.poll(() => page.getByTestId('cart-summary').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('add-to-cart').first().click();
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1); // the production cart sees the dev catalog's add
    await page.evaluate(() => ((window as { __beforeEdit?: number }).__beforeEdit = 7));
    shop.edit('catalog/src/ProductList.tsx', (s) => s.replace('<h2>{title}</h2>', '<h2>{title} (dev)</h2>'));
    await expect.poll(() => page.locator('[data-testid="product-list"] h2').textContent(), { timeout: 10_000 }).toBe('Catalog (dev)');
    expect(await page.evaluate(() => (window as { __beforeEdit?: number }).__beforeEdit)).toBe(7);
    expect(await page.getByTestId('catalog-added-count').textContent()).toBe('1 added');
    expect(await page.getByTestId('cart-line').count()).toBe(1);
  });
});
