import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../e2e/page.js';
import { useShopInChromium } from '../e2e/shop-servers.js';

// Issue 16: the inspector on the shop, in Chromium.
const { shop, browser } = useShopInChromium();

/** A string only the panel's chunk holds (the trigger in main.js does not). */
const PANEL_CODE = 'inspector-graph';

async function openShop(query = '') {
  const observed = await openPage(browser(), `${shop().url}${query}`);
  await observed.page.getByTestId('product-list').waitFor();
  return observed;
}

const inspector = (page: Page) => page.getByTestId('tessera-inspector');

describe('the inspector on the shop', () => {
  it('downloads nothing of the panel until Alt+Shift+T, then shows both remotes, their timings, and React with its one version and consumers', async () => {
    const { page, scripts, settle, errors } = await openShop();
    await page.getByTestId('cart-summary').waitFor();
    await settle();
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.filter((s) => s.body.includes(PANEL_CODE)).map((s) => s.url)).toEqual([]);
    expect(await page.evaluate(() => typeof (globalThis as { __TESSERA__?: { inspect?: unknown } }).__TESSERA__?.inspect)).toBe('function');
    const before = scripts.length;

    await page.keyboard.press('Alt+Shift+KeyT');
    const panel = inspector(page);
    await panel.waitFor();
    await settle();
    // The panel arrived as one chunk of its own, from the shell's origin.
    const fetched = scripts.slice(before);
    expect(fetched.filter((s) => s.body.includes(PANEL_CODE)).map((s) => new URL(s.url).origin)).toEqual([new URL(shop().urls.shell).origin]);

    await expect.poll(() => panel.getByTestId('inspector-graph').locator('.node.remote').count()).toBe(2);
    for (const name of ['catalog', 'cart'] as const) {
      const card = panel.getByTestId(`inspector-remote-${name}`);
      expect(await card.getByTestId(`inspector-status-${name}`).textContent()).toBe('loaded');
      expect(await card.getByTestId('inspector-url').textContent()).toBe(`${shop().urls[name]}remoteEntry.js`);
      const waterfall = card.getByTestId(`inspector-waterfall-${name}`);
      // manifest, entry, init, the exposed module, and its chunks and stylesheet from Resource Timing.
      const kinds = await waterfall.locator('.step').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
      expect(kinds[0]).toBe('manifest');
      for (const kind of ['entry', 'init', 'expose', 'chunk']) expect(kinds).toContain(kind);
      for (const time of await waterfall.locator('.time').allTextContents()) expect(time).toMatch(/^\d+ ms$|^\d+\.\d\d s$/);
    }
    expect(await panel.getByTestId('inspector-remote-catalog').locator('[data-kind="css"]').count()).toBeGreaterThan(0);

    const react = panel.getByTestId('inspector-shared-react');
    expect(await react.getByTestId('inspector-version').count()).toBe(1);
    const consumers = await react.getByTestId('inspector-consumer').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent)));
    expect(consumers.map(([consumer]) => consumer).sort()).toEqual(['cart', 'catalog', 'shell']);
    expect(new Set(consumers.map(([, version, from]) => `${version} from ${from}`)).size).toBe(1);
    expect(consumers.every(([, , , rule]) => rule === 'singleton: highest version')).toBe(true);

    if (process.env.INSPECTOR_SCREENSHOT) {
      await page.setViewportSize({ width: 1440, height: 1500 });
      await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'inspector.png') });
    }

    // Unload, live: the panel follows.
    await panel.getByTestId('inspector-unload-catalog').click();
    await expect.poll(() => panel.getByTestId('inspector-status-catalog').textContent()).toBe('unloaded');

    await page.keyboard.press('Alt+Shift+KeyT');
    await expect.poll(() => inspector(page).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens from ?tessera-inspect, shows the cart failed with its code while its server is down, and Retry recovers it', async () => {
    await shop().stop('cart');
    let restarted = false;
    try {
      const { page } = await openShop('?tessera-inspect');
      await page.getByTestId('cart-fallback').waitFor();
      const panel = inspector(page);
      await panel.waitFor();
      const status = panel.getByTestId('inspector-status-cart');
      await expect.poll(() => status.textContent()).toBe('failed');
      expect(await panel.getByTestId('inspector-error-cart').textContent()).toContain('TESSERA_MANIFEST_FETCH_FAILED');
      expect(await panel.getByTestId('inspector-graph').locator('.node[data-status="failed"] .subtitle').textContent()).toBe('failed · TESSERA_MANIFEST_FETCH_FAILED');
      expect(await panel.getByTestId('inspector-status-catalog').textContent()).toBe('loaded');

      await shop().start('cart');
      restarted = true;
      await panel.getByTestId('inspector-retry-cart').click();
      await expect.poll(() => status.textContent()).toBe('loaded');
      await page.close();
    } finally {
      if (!restarted) await shop().start('cart');
    }
  });
});
