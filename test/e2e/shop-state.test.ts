import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useShopInChromium } from './shop-servers.js';

const { shop, browser } = useShopInChromium();

async function openShop(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(shop().url);
  await page.getByTestId('product-list').waitFor();
  await page.getByTestId('cart-summary').waitFor();
  return page;
}

const count = (page: Page) => page.getByTestId('cart-count').textContent();
const lines = (page: Page) => page.getByTestId('cart-line').allTextContents();
const add = (page: Page, index: number) => page.getByTestId('add-to-cart').nth(index).click();

describe('shared state and messages between the shop apps', () => {
  it('an add in the catalog updates the cart remote and the shell header, through one store object', async () => {
    const context = await browser().newContext();
    try {
      const page = await openShop(context);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      expect(await count(page)).toBe('0');
      await add(page, 0);
      await add(page, 0);
      await add(page, 1);
      await expect.poll(() => count(page)).toBe('3');
      expect(await lines(page)).toEqual(['2 × Green tea', '1 × Stoneware mug']);
      expect(await page.getByTestId('cart-total').textContent()).toBe('Total €21.00');
      // The bus carried the last addition to the cart remote.
      expect(await page.getByTestId('cart-last-added').textContent()).toBe('Just added: Stoneware mug');
      // shell, catalog and cart each bundle their own copy of the store package, and got one store.
      const stores = await page.evaluate(() => {
        const list = (globalThis as { __shopCartStores?: unknown[] }).__shopCartStores ?? [];
        return { length: list.length, same: list.every((s) => s === list[0]) };
      });
      expect(stores).toEqual({ length: 3, same: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps two tabs in step: adds cross over, a later tab starts current, simultaneous adds converge', async () => {
    const context = await browser().newContext();
    try {
      const [a, b] = [await openShop(context), await openShop(context)];
      await add(a, 0);
      await expect.poll(() => count(b)).toBe('1');
      expect(await lines(b)).toEqual(['1 × Green tea']);

      const later = await openShop(context);
      await expect.poll(() => count(later)).toBe('1');

      await Promise.all([add(a, 1), add(b, 2), add(later, 1)]);
      const settled = async () => JSON.stringify(await Promise.all([a, b, later].map(async (p) => [await count(p), await lines(p)])));
      await expect.poll(async () => {
        const [x, y, z] = JSON.parse(await settled());
        return JSON.stringify(x) === JSON.stringify(y) && JSON.stringify(y) === JSON.stringify(z);
      }, { timeout: 5000 }).toBe(true);
      const [[finalCount, finalLines]] = JSON.parse(await settled());
      // Different products never overwrite each other; the same product from two tabs is last-writer-wins.
      expect(finalLines).toContain('1 × Green tea');
      expect(finalLines.some((l: string) => l.endsWith('× Stoneware mug'))).toBe(true);
      expect(finalLines).toContain('1 × Copper kettle');
      expect(Number(finalCount)).toBeGreaterThanOrEqual(3);

      // And the cart survives a reload (persisted).
      await later.reload();
      await later.getByTestId('cart-summary').waitFor();
      expect(await count(later)).toBe(finalCount);
    } finally {
      await context.close();
    }
  });
});
