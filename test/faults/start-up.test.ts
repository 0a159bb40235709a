import { afterEach, describe, expect, it } from 'vitest';
import type { FederationInfo } from '@tessera/runtime';
import { openShell, useFaultShop } from './fault-shop.js';

// Start-up of the shell while the catalog's server holds its remote entry back after its manifest
// was served. The manifest lists the catalog's shared versions: the shell's share scope is
// initialised from it (share-offers.ts), so the shell renders without waiting for the entry, and
// the catalog renders once the entry comes. The apps here wait up to 20 s for a remote at
// start-up (shareInitTimeout): a start-up that waited for the entry would not show the header
// within openShell's 10 s.
const shop = useFaultShop({ timeout: 30_000, retries: 0, shareInitTimeout: 20_000 });
afterEach(() => shop().proxy.heal());

describe('start-up from remote manifests, in Chromium', () => {
  it("the header shows while the catalog's remote entry is held back, its expose's files load meanwhile, and the catalog renders once the entry is released", async () => {
    let release!: () => void;
    shop().proxy.faults.push({ path: /remoteEntry\.js$/, kind: 'hold', until: new Promise<void>((resolve) => (release = resolve)) });
    const opened = await openShell(shop());
    const { page } = opened;
    const catalog = () => page.evaluate(() =>
      (globalThis as unknown as { __TESSERA__: { getFederationInfo(): FederationInfo } }).__TESSERA__.getFederationInfo().remotes.find((r) => r.host === 'shell' && r.name === 'catalog')!);
    // Still held: the catalog's manifest was read, its entry requested and not answered.
    const held = await catalog();
    expect(held.status).toBe('loading');
    expect(held.steps!.map((s) => `${s.kind}${s.endMs === undefined ? ' (pending)' : ''}`)).toEqual(['manifest', 'entry (pending)']);
    expect(shop().proxy.requests.filter((r) => /remoteEntry\.js/.test(r))).toHaveLength(1);
    // The exposed module's chunk and stylesheet, named by the manifest, are fetched in parallel with the entry.
    await expect.poll(() => shop().proxy.requests.filter((r) => /\/ProductList-[A-Z0-9]+\.(js|css)$/.test(r)).length).toBe(2);
    await page.getByTestId('cart-summary').waitFor();
    expect(await page.getByTestId('product-list').count()).toBe(0);

    release();
    await page.getByTestId('product-list').waitFor();
    expect((await catalog()).status).toBe('loaded');
    // Each file once: the preloads were taken by the chunk's import and stylesheet.
    expect(shop().proxy.requests.filter((r) => /\/ProductList-[A-Z0-9]+\.(js|css)/.test(r))).toHaveLength(2);
    expect(opened.logs.filter((l) => /^(pageerror|error)|is slow/.test(l))).toEqual([]);
    await page.close();
  });
});
