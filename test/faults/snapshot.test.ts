import { afterEach, describe, expect, it } from 'vitest';
import { openShell, useFaultShop } from './fault-shop.js';

// `snapshot: true`: the shell's build read the catalog's and the cart's manifests (the catalog's
// through the fault proxy, which counts requests), so the page fetches none of them at start-up;
// a catalog redeployed after the shell was built (new bytes, new hashes in its manifest) still
// loads: the load with the snapshot fails its integrity check, the runtime fetches the manifest once.
const shop = useFaultShop(undefined, (config) => (config.snapshot = true));
afterEach(() => shop().proxy.heal());
const manifestRequests = () => shop().proxy.requests.filter((path) => path.includes('mf-manifest.json'));

describe('a host built with a snapshot of its remotes\' manifests, in Chromium', () => {
  it('fetches no manifest: both remotes render from the snapshot, and the page preloads none', async () => {
    shop().proxy.requests.length = 0;
    const opened = await openShell(shop());
    await opened.page.getByTestId('product-list').waitFor();
    await opened.page.getByTestId('cart-summary').waitFor();
    const fetched = await opened.page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((url) => url.includes('mf-manifest.json')));
    expect(fetched).toEqual([]);
    expect(manifestRequests()).toEqual([]);
    expect(shop().proxy.requests.some((path) => path.startsWith('/remoteEntry.js'))).toBe(true);
    expect(await opened.page.locator('link[href*="mf-manifest.json"]').count()).toBe(0);
    const steps = await opened.page.evaluate(() => {
      type Info = { remotes: { name: string; status: string; steps?: { kind: string; error?: string }[] }[] };
      const info = (globalThis as unknown as { __TESSERA__: { getFederationInfo(): Info } }).__TESSERA__.getFederationInfo();
      return info.remotes.find((r) => r.name === 'catalog');
    });
    expect(steps?.status).toBe('loaded');
    expect(steps?.steps?.filter((s) => s.error)).toEqual([]);
    await opened.page.close();
  });

  it('a catalog redeployed since the build: the snapshot\'s load fails its integrity check, the manifest is fetched once, and the catalog renders', async () => {
    shop().proxy.faults.push({ path: /remoteEntry\.js$/, kind: 'rewrite', rewrite: (body) => `${body}\n// redeployed\n`, rehash: true });
    shop().proxy.requests.length = 0;
    const opened = await openShell(shop());
    await opened.page.getByTestId('product-list').waitFor({ timeout: 8000 });
    expect(await opened.page.getByTestId('add-to-cart').count()).toBeGreaterThan(0);
    expect(manifestRequests()).toHaveLength(1);
    const steps = await opened.page.evaluate(() => {
      type Info = { remotes: { name: string; steps?: { kind: string; name?: string; error?: string }[] }[] };
      const info = (globalThis as unknown as { __TESSERA__: { getFederationInfo(): Info } }).__TESSERA__.getFederationInfo();
      return info.remotes.find((r) => r.name === 'catalog')?.steps?.map((s) => `${s.kind}${s.name ? ` (${s.name})` : ''}${s.error ? ` ${s.error}` : ''}`);
    });
    expect(steps?.slice(0, 4)).toEqual(['manifest (snapshot)', 'entry TESSERA_INTEGRITY_FAILED', 'manifest', 'entry']);
    await opened.page.close();
  });
});
