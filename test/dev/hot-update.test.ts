import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevSession } from '@tessera/dev';
import { launchChromium } from '../e2e/chromium.js';
import { copyShop } from './shop-copy.js';

// `tessera dev` on a copy of the shop (free ports): edits in the catalog remote reach the shell's page.
describe('tessera dev: hot updates across apps', () => {
  const shop = copyShop();
  const lines: string[] = [];
  let session: DevSession;
  let browser: Browser;
  let page: Page;
  const text = (testId: string) => page.getByTestId(testId).textContent();
  // The machine is shared: a build may take a while, never a fixed sleep.
  const poll = <T>(read: () => T | Promise<T>, timeout = 20_000) => expect.poll(read, { timeout });
  const marker = () => page.evaluate(() => (window as { __beforeEdit?: number }).__beforeEdit);

  beforeAll(async () => {
    session = await startDev({ roots: [shop.dir], port: 0, types: false, log: (line) => lines.push(line) });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (m) => lines.push(`page ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => lines.push(`page error: ${e.message}`));
    await page.goto(session.apps.find((a) => a.name === 'shell')!.url);
  });

  afterAll(async () => {
    if (process.env.DEV_TEST_LOG) console.log(lines.join('\n'));
    await browser?.close();
    await session?.close();
    shop.remove();
  });

  it('applies an edit of an exposed component in the host page, keeping host and hook state', async () => {
    await page.getByTestId('add-to-cart').first().click();
    await poll(() => text('cart-count')).toBe('1');
    await poll(() => text('catalog-added-count')).toBe('1 added');
    await page.evaluate(() => ((window as { __beforeEdit?: number }).__beforeEdit = 42));
    shop.edit('catalog/src/ProductList.tsx', (s) => s.replace('<h2>{title}</h2>', '<h2>{title}, hot</h2>'));
    await poll(() => page.locator('[data-testid="product-list"] h2').textContent()).toBe('Catalog, hot');
    expect(await marker()).toBe(42);
    expect(await text('cart-count')).toBe('1');
    expect(await text('catalog-added-count')).toBe('1 added');
  });

  it('applies an edit that is undone, and its redo (files of earlier builds come back)', async () => {
    shop.edit('catalog/src/ProductList.tsx', (s) => s.replace('<h2>{title}, hot</h2>', '<h2>{title}</h2>'));
    await poll(() => page.locator('[data-testid="product-list"] h2').textContent()).toBe('Catalog');
    shop.edit('catalog/src/ProductList.tsx', (s) => s.replace('<h2>{title}</h2>', '<h2>{title}, hot</h2>'));
    await poll(() => page.locator('[data-testid="product-list"] h2').textContent()).toBe('Catalog, hot');
    expect(await marker()).toBe(42);
    expect(await text('catalog-added-count')).toBe('1 added');
  });

  it('applies a CSS edit without a reload', async () => {
    shop.edit('catalog/src/ProductList.css', (s) => s.replace('border: 1px solid #d0d7de', 'border: 3px solid #d0d7de'));
    await poll(() => page.locator('.catalog-product').first().evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('3px');
    expect(await marker()).toBe(42);
    expect(await text('catalog-added-count')).toBe('1 added');
  });

  it('shows a syntax error in an overlay naming the app and file:line:column, and recovers when fixed', async () => {
    shop.edit('catalog/src/ProductList.tsx', (s) => s.replace('<h2>{title}, hot</h2>', '<h2>{title}, hot</h2'));
    const overlay = page.getByTestId('tessera-error-overlay');
    await poll(() => overlay.textContent()).toMatch(/catalog src\/ProductList\.tsx:\d+:\d+/);
    shop.edit('catalog/src/ProductList.tsx', (s) => s.replace('<h2>{title}, hot</h2', '<h2>{title}, fixed</h2>'));
    await poll(() => page.locator('[data-testid="product-list"] h2').textContent()).toBe('Catalog, fixed');
    expect(await overlay.count()).toBe(0);
    expect(await marker()).toBe(42);
    expect(await text('cart-count')).toBe('1');
    expect(await text('catalog-added-count')).toBe('1 added');
  });

  it("updates the host's own component in place the same way", async () => {
    shop.edit('shell/src/App.tsx', (s) => s.replace('<h1>Tessera Shop</h1>', '<h1>Tessera Shop, hot</h1>'));
    await poll(() => page.locator('h1').textContent()).toBe('Tessera Shop, hot');
    expect(await marker()).toBe(42);
    expect(await text('cart-count')).toBe('1');
    expect(await text('catalog-added-count')).toBe('1 added');
  });

  it("restarts a remote's build and reloads its pages when its federation.config.ts changes", async () => {
    shop.edit('catalog/federation.config.ts', (s) => `${s}// edited\n`);
    await poll(() => marker()).toBeUndefined();
    await poll(() => page.locator('[data-testid="product-list"] h2').textContent()).toBe('Catalog, fixed');
    expect(await text('cart-count')).toBe('1'); // the cart store persists across reloads
    await page.evaluate(() => ((window as { __beforeEdit?: number }).__beforeEdit = 42));
  });

  it("reloads the page when a remote's non-component module changes", async () => {
    shop.edit('catalog/src/products.ts', (s) => s.replace("'Green tea'", "'Matcha'"));
    await poll(() => text('product-tea')).toContain('Matcha');
    expect(await marker()).toBeUndefined();
  });
});
