import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startRelay, type Relay } from '@tessera/relay';
import { launchChromium } from '../e2e/chromium.js';
import { startShop, type ShopServers } from '../e2e/shop-servers.js';

let shop: ShopServers;
let relay: Relay;
let browser: Browser;
beforeAll(async () => {
  [shop, relay, browser] = await Promise.all([startShop(), startRelay({ port: 0 }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await relay?.close();
  await shop?.stopAll();
});

/** The shop in a context of its own: no BroadcastChannel, storage or cookies shared with the other. */
async function openDevice(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${shop.url}?relay=${relay.url}`);
  await page.getByTestId('cart-summary').waitFor();
  await page.getByTestId('product-list').waitFor();
  return { page, errors };
}

describe('the shop across two devices, through the relay', () => {
  it("each browser context sees the other's \"Just added\"", async () => {
    const one = await openDevice();
    const two = await openDevice();
    await expect.poll(() => relay.connections()).toBe(2);
    await one.page.getByTestId('add-to-cart').first().click();
    const lastAdded = (page: Page) => page.getByTestId('cart-last-added').textContent().catch(() => null);
    await expect.poll(() => lastAdded(two.page)).toMatch(/^Just added: \S/);
    const first = await lastAdded(one.page);
    expect(await lastAdded(two.page)).toBe(first);
    await two.page.getByTestId('add-to-cart').nth(2).click();
    await expect.poll(() => lastAdded(two.page)).not.toBe(first);
    await expect.poll(() => lastAdded(one.page)).toBe(await lastAdded(two.page));
    expect([...one.errors, ...two.errors]).toEqual([]);
  });
});
