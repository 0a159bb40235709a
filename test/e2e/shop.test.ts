import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp, loadConfig } from '@tessera/build';
import { serve } from '@tessera/cli';
import { federationInfo, openPage, scriptsWithReact } from './page.js';
import { useShopInChromium } from './shop-servers.js';

const { shop, browser } = useShopInChromium();

async function openShell() {
  const observed = await openPage(browser(), shop().url);
  await observed.page.getByTestId('shell-header').waitFor();
  await observed.page.getByTestId('product-list').waitFor();
  await observed.settle();
  return { ...observed, consoleErrors: observed.errors };
}

describe('shop example in Chromium', () => {
  it('composes three apps that share one React, and both remote components respond to clicks', async () => {
    const { page, errors, scripts } = await openShell();
    await page.getByTestId('cart-summary').waitFor();

    const firstAdd = page.getByTestId('add-to-cart').first();
    await firstAdd.click();
    await firstAdd.click();
    await page.getByTestId('add-to-cart').nth(2).click();
    await expect.poll(() => firstAdd.textContent()).toBe('Add to cart (2)');
    expect(await page.getByTestId('catalog-added-count').textContent()).toBe('3 added');

    await page.getByTestId('cart-toggle').click();
    await page.getByTestId('cart-details').waitFor();
    expect(await page.getByTestId('cart-toggle').textContent()).toBe('Hide details');

    // React's code (its `cloneElement` export) arrived in exactly one script, from the shell.
    expect(scriptsWithReact(scripts).map((url) => new URL(url).origin)).toEqual([new URL(shop().urls.shell).origin]);
    const reactChunks = scripts.filter((s) => /\/react-[A-Z0-9]{8}\.js$/.test(s.url));
    expect(reactChunks).toHaveLength(1);
    expect(scripts.filter((s) => s.body.includes('createRoot='))).toHaveLength(1);

    const info = await federationInfo(page);
    expect(info.instances.sort()).toEqual(['cart', 'catalog', 'shell']);
    const react = info.shared.find((s) => s.key === 'react')!;
    expect(react.consumers.map((c) => c.consumer).sort()).toEqual(['cart', 'catalog', 'shell']);
    expect(new Set(react.consumers.map((c) => `${c.version} from ${c.from}`)).size).toBe(1);
    expect(react.versions.filter((v) => v.loaded)).toHaveLength(1);
    expect(info.remotes.map((r) => `${r.name}:${r.status}`).sort()).toEqual(['cart:loaded', 'catalog:loaded']);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the header and catalog running when the cart app is down, and names the cart and its URL', async () => {
    await shop().stop('cart');
    try {
      const { page } = await openShell();
      const fallback = page.getByTestId('cart-fallback');
      await fallback.waitFor();
      const error = await page.getByTestId('cart-error').textContent();
      expect(error).toContain('remote "cart"');
      expect(error).toContain(`${shop().urls.cart}mf-manifest.json`);
      expect(error).toContain('TESSERA_MANIFEST_FETCH_FAILED');
      expect(await page.getByTestId('cart-summary').count()).toBe(0);

      await page.getByTestId('add-to-cart').first().click();
      await expect.poll(() => page.getByTestId('catalog-added-count').textContent()).toBe('1 added');

      const info = await federationInfo(page);
      const cart = info.remotes.find((r) => r.name === 'cart')!;
      expect(cart.status).toBe('error');
      expect(cart.error?.code).toBe('TESSERA_MANIFEST_FETCH_FAILED');
      await page.close();
    } finally {
      await shop().start('cart');
    }
  });
});

describe('a host loading a remote through its var script entry', () => {
  it('loads the catalog with a <script> that sets globalThis.catalog, and renders it with the host React', async () => {
    const config = await loadConfig(join(import.meta.dirname, '..', 'fixtures', 'var-host'));
    await buildApp(config);
    const host = await serve({ dir: config.outDir, port: 0 });
    const catalogEntry = `${shop().urls.catalog}remoteEntry.var.js`;
    const { page, errors } = await openPage(browser(), `${host.url}?catalog=${encodeURIComponent(catalogEntry)}`);
    try {
      await page.getByTestId('product-list').waitFor();
      await page.getByTestId('add-to-cart').first().click();
      await expect.poll(() => page.getByTestId('catalog-added-count').textContent()).toBe('1 added');
      expect(await page.evaluate(() => typeof (globalThis as { catalog?: { get?: unknown } }).catalog?.get)).toBe('function');
      expect(await page.evaluate(() => (window as unknown as { __scripts: string[] }).__scripts)).toEqual([catalogEntry]);
      const info = await federationInfo(page);
      expect(info.remotes.find((r) => r.host === 'varHost')).toMatchObject({ name: 'catalog', type: 'var', status: 'loaded' });
      const react = info.shared.find((s) => s.key === 'react')!;
      expect(react.consumers.map((c) => `${c.consumer}: ${c.from}`).sort()).toEqual(['catalog: varHost', 'varHost: varHost']);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await host.close();
    }
  });
});
