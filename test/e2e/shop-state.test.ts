import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startRelay } from '@tessera/relay';
import { startProxy } from '../relay/tcp-proxy.js';
import { useShopInChromium } from './shop-servers.js';

const { shop, browser } = useShopInChromium();

async function openShop(context: BrowserContext, query = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(shop().url + query);
  await page.getByTestId('product-list').waitFor();
  await page.getByTestId('cart-summary').waitFor();
  return page;
}

const count = (page: Page) => page.getByTestId('cart-count').textContent();
const lines = (page: Page) => page.getByTestId('cart-line').allTextContents();
const add = (page: Page, index: number) => page.getByTestId('add-to-cart').nth(index).click();
/** Clicks the `index`th "Add to cart" button `times` times in one go, inside the page (real DOM clicks, React handlers). */
const clickAdd = (page: Page, index: number, times: number) =>
  page.evaluate(
    ([index, times]) => {
      const button = document.querySelectorAll<HTMLButtonElement>('[data-testid="add-to-cart"]')[index]!;
      for (let i = 0; i < times; i++) button.click();
    },
    [index, times] as const,
  );

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
      // Every add counts, whichever tab made it: the actions are ordered, not the keys overwritten.
      expect(finalLines).toEqual(['1 × Copper kettle', '1 × Green tea', '2 × Stoneware mug']);
      expect(finalCount).toBe('4');

      // And the cart survives a reload (persisted).
      await later.reload();
      await later.getByTestId('cart-summary').waitFor();
      expect(await count(later)).toBe(finalCount);
    } finally {
      await context.close();
    }
  });

  it('counts every add of four tabs adding the same product 200 times at once: 800 in every tab, and after a reload', async () => {
    const context = await browser().newContext();
    try {
      const tabs: Page[] = [];
      for (let i = 0; i < 4; i++) tabs.push(await openShop(context));
      await Promise.all(tabs.map((tab) => clickAdd(tab, 0, 200)));
      for (const tab of tabs) await expect.poll(() => count(tab), { timeout: 15_000 }).toBe('800');
      expect(await lines(tabs[3]!)).toEqual(['800 × Green tea']);
      await tabs[0]!.reload();
      await tabs[0]!.getByTestId('cart-summary').waitFor();
      await expect.poll(() => count(tabs[0]!)).toBe('800');
      const fresh = await openShop(context);
      await expect.poll(() => count(fresh)).toBe('800');
    } finally {
      await context.close();
    }
  });

  it('loses nothing when a tab reloads mid-stream: the leader tab reloads right after its adds while another tab keeps adding', async () => {
    const context = await browser().newContext();
    try {
      const leader = await openShop(context); // the first tab leads (holds the Web Lock)
      const other = await openShop(context);
      const streaming = other.evaluate(async () => {
        const button = document.querySelectorAll<HTMLButtonElement>('[data-testid="add-to-cart"]')[1]!;
        for (let i = 0; i < 100; i++) {
          button.click();
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      });
      await leader.evaluate(() => {
        const button = document.querySelectorAll<HTMLButtonElement>('[data-testid="add-to-cart"]')[1]!;
        for (let i = 0; i < 100; i++) button.click();
        location.reload(); // right away: nothing has had time to be sent or confirmed but what happened synchronously
      });
      await streaming;
      await leader.getByTestId('cart-summary').waitFor();
      for (const tab of [leader, other]) await expect.poll(() => count(tab), { timeout: 15_000 }).toBe('200');
      await other.reload();
      await other.getByTestId('cart-summary').waitFor();
      await expect.poll(() => count(other)).toBe('200');

      // What a tab that closed before its adds reached any other tab leaves: its pending adds on disk.
      const orphan = 'tessera-store:cart:pending:closedtab';
      await other.evaluate((key) => {
        const add = { type: 'add', payload: { id: 'tea', name: 'Green tea', priceCents: 450 } };
        localStorage.setItem(key, JSON.stringify([1, 2, 3].map((id) => ({ client: 'closedtab', id, action: add }))));
      }, orphan);
      const next = await openShop(context); // a tab opening makes the leader look for them
      for (const tab of [leader, other, next]) await expect.poll(() => count(tab)).toBe('203');
      await expect.poll(() => other.evaluate((key) => localStorage.getItem(key), orphan)).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('loses nothing when tabs open and close mid-stream: the leader closes right after its adds, a tab opens while two others add', async () => {
    const context = await browser().newContext();
    try {
      const leader = await openShop(context);
      const [a, b] = [await openShop(context), await openShop(context)];
      const stream = (page: Page) =>
        page.evaluate(async () => {
          const button = document.querySelectorAll<HTMLButtonElement>('[data-testid="add-to-cart"]')[2]!;
          for (let i = 0; i < 100; i++) {
            button.click();
            if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5));
          }
        });
      const streams = [stream(a), stream(b)];
      await clickAdd(leader, 2, 100);
      await leader.close(); // leadership moves to another tab while both stream
      const late = await openShop(context);
      await Promise.all(streams);
      for (const tab of [a, b, late]) await expect.poll(() => count(tab), { timeout: 15_000 }).toBe('300');
      expect(await lines(late)).toEqual(['300 × Copper kettle']);
    } finally {
      await context.close();
    }
  });

  it('starts from an empty cart when the persisted cart is corrupt, keeps the bad data aside, reports it, and renders the shop', async () => {
    const context = await browser().newContext();
    try {
      const page = await openShop(context);
      const bad = JSON.stringify({ version: 1, seq: 3, state: { tea: null }, clients: [] }); // a null line: it used to blank the shop
      await page.evaluate((text) => localStorage.setItem('tessera-store:cart', text), bad);
      const reported: string[] = [];
      page.on('pageerror', (error) => reported.push(error.message));
      await page.reload();
      await page.getByTestId('product-list').waitFor();
      await page.getByTestId('cart-summary').waitFor();
      expect(await count(page)).toBe('0');
      expect(await page.getByTestId('cart-empty').isVisible()).toBe(true);
      expect(await page.evaluate(() => localStorage.getItem('tessera-store:cart:kept:1'))).toBe(bad);
      await expect.poll(() => reported.join('\n')).toMatch(/TESSERA_STORE_STATE_INVALID.*kept aside in localStorage "tessera-store:cart:kept:1"/);
      await add(page, 0);
      await expect.poll(() => count(page)).toBe('1');
    } finally {
      await context.close();
    }
  });

  it('syncs and persists a product whose id is "constructor"', async () => {
    const context = await browser().newContext();
    try {
      const [a, b] = [await openShop(context), await openShop(context)];
      await a.evaluate(() => {
        const [store] = (globalThis as { __shopCartStores?: { dispatch(action: unknown): void }[] }).__shopCartStores!;
        for (const id of ['constructor', 'toString', 'constructor']) store!.dispatch({ type: 'add', payload: { id, name: `Item ${id}`, priceCents: 100 } });
      });
      await expect.poll(() => lines(b)).toEqual(['2 × Item constructor', '1 × Item toString']);
      await b.reload();
      await b.getByTestId('cart-summary').waitFor();
      await expect.poll(() => lines(b)).toEqual(['2 × Item constructor', '1 × Item toString']);
      expect(await count(b)).toBe('3');
    } finally {
      await context.close();
    }
  });

  it('counts every add of two devices (browser contexts) connected through the relay, each adding 100 times at once', async () => {
    const relay = await startRelay({ port: 0, rateLimit: { perSecond: 100_000, burst: 100_000 } });
    const devices = [await browser().newContext(), await browser().newContext()];
    try {
      const query = `?relay=${encodeURIComponent(relay.url)}`;
      const [a, b] = [await openShop(devices[0]!, query), await openShop(devices[1]!, query)];
      await Promise.all([clickAdd(a, 0, 100), clickAdd(b, 0, 100)]);
      for (const page of [a, b]) await expect.poll(() => count(page), { timeout: 15_000 }).toBe('200');
      await b.reload();
      await b.getByTestId('cart-summary').waitFor();
      await expect.poll(() => count(b)).toBe('200');
    } finally {
      for (const device of devices) await device.close();
      await relay.close();
    }
  });

  it('queues the adds of a device that is offline, applies them on reconnect, and the offline device catches up', async () => {
    const relay = await startRelay({ port: 0, rateLimit: { perSecond: 100_000, burst: 100_000 } });
    const network = await startProxy({ port: Number(new URL(relay.url).port) }); // device b's network, to cut
    const devices = [await browser().newContext(), await browser().newContext()];
    try {
      const a = await openShop(devices[0]!, `?relay=${encodeURIComponent(relay.url)}`);
      const b = await openShop(devices[1]!, `?relay=${encodeURIComponent(network.url)}`);
      await add(b, 0);
      await expect.poll(() => count(a)).toBe('1');
      network.cut(true);
      await clickAdd(b, 1, 30); // offline: shown at once, queued
      await clickAdd(a, 0, 50);
      await expect.poll(() => count(a)).toBe('51');
      expect(await count(b)).toBe('31');
      network.up();
      for (const page of [a, b]) await expect.poll(() => count(page), { timeout: 15_000 }).toBe('81');
      expect(await lines(b)).toEqual(await lines(a));
    } finally {
      for (const device of devices) await device.close();
      await network.close();
      await relay.close();
    }
  });
});
