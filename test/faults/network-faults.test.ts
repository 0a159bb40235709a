import { afterEach, describe, expect, it } from 'vitest';
import { NETWORK, expectCatalogFallback, expectRetryRecovers, openShell, useFaultShop } from './fault-shop.js';

// Network faults between the shell and the catalog, one per test, each on a fresh page. Every
// network step has a timeout of 1.5 s and 1 retry (NETWORK): the catalog's fallback shows within
// 6 s of navigation, the header and the cart stay up, and Retry recovers once the remote heals.
const shop = useFaultShop();
// A test that fails before its Retry healed the proxy must not leave its fault to the next one.
afterEach(() => shop().proxy.heal());
const manifest = () => `${shop().proxy.url}mf-manifest.json`;
const entry = () => `${shop().proxy.url}remoteEntry.js`;
const chunk = /\/ProductList-[A-Z0-9]+\.js/;
const css = /\/ProductList-[A-Z0-9]+\.css/;

describe('network faults of a remote, in Chromium', () => {
  it('connection refused: MANIFEST_FETCH_FAILED', async () => {
    await shop().proxy.refuse();
    const opened = await openShell(shop());
    await expectCatalogFallback(opened, 'TESSERA_MANIFEST_FETCH_FAILED', manifest());
    await expectRetryRecovers(shop(), opened);
  });

  it('manifest hangs: REMOTE_TIMEOUT naming the manifest, after two attempts', async () => {
    shop().proxy.faults.push({ path: /mf-manifest\.json$/, kind: 'hang' });
    const opened = await openShell(shop());
    expect(opened.startupMs).toBeLessThan(NETWORK.shareInitTimeout + 1000);
    await expectCatalogFallback(opened, 'TESSERA_REMOTE_TIMEOUT', manifest());
    expect(shop().proxy.requests.filter((r) => r.includes('mf-manifest.json?tessera-retry=')).length).toBeGreaterThanOrEqual(1);
    await expectRetryRecovers(shop(), opened);
  });

  it('remote entry hangs: REMOTE_TIMEOUT naming the entry', async () => {
    shop().proxy.faults.push({ path: /remoteEntry\.js$/, kind: 'hang' });
    const opened = await openShell(shop());
    expect(opened.startupMs).toBeLessThan(NETWORK.shareInitTimeout + 1000);
    await expectCatalogFallback(opened, 'TESSERA_REMOTE_TIMEOUT', entry());
    await expectRetryRecovers(shop(), opened);
  });

  it('an exposed chunk hangs: REMOTE_TIMEOUT naming the chunk', async () => {
    shop().proxy.faults.push({ path: chunk, kind: 'hang' });
    const opened = await openShell(shop());
    await expectCatalogFallback(opened, 'TESSERA_REMOTE_TIMEOUT', chunk);
    await expectRetryRecovers(shop(), opened);
  });

  it('a stylesheet hangs: REMOTE_TIMEOUT naming the stylesheet', async () => {
    shop().proxy.faults.push({ path: css, kind: 'hang' });
    const opened = await openShell(shop());
    await expectCatalogFallback(opened, 'TESSERA_REMOTE_TIMEOUT', css);
    await expectRetryRecovers(shop(), opened);
  });

  it('HTTP 500 on the manifest: retried, then MANIFEST_FETCH_FAILED', async () => {
    shop().proxy.faults.push({ path: /mf-manifest\.json$/, kind: 'status', status: 500 });
    const opened = await openShell(shop());
    const message = await expectCatalogFallback(opened, 'TESSERA_MANIFEST_FETCH_FAILED', manifest());
    expect(message).toContain('HTTP 500');
    expect(shop().proxy.requests.filter((r) => r.includes('mf-manifest.json?tessera-retry=')).length).toBeGreaterThanOrEqual(1);
    await expectRetryRecovers(shop(), opened);
  });

  it('HTTP 404 on a chunk: EXPOSE_LOAD_FAILED naming the chunk, not retried', async () => {
    shop().proxy.faults.push({ path: chunk, kind: 'status', status: 404 });
    shop().proxy.requests.length = 0;
    const opened = await openShell(shop());
    const message = await expectCatalogFallback(opened, 'TESSERA_EXPOSE_LOAD_FAILED', chunk);
    expect(message).toContain('HTTP 404');
    // The preload, the import and one request to find out why; no retry.
    expect(shop().proxy.requests.filter((r) => chunk.test(r)).length).toBeLessThanOrEqual(3);
    await expectRetryRecovers(shop(), opened);
  });

  it('connection reset mid-body of the entry: REMOTE_LOAD_FAILED naming the entry', async () => {
    shop().proxy.faults.push({ path: /remoteEntry\.js$/, kind: 'reset' });
    const opened = await openShell(shop());
    await expectCatalogFallback(opened, 'TESSERA_REMOTE_LOAD_FAILED', entry());
    await expectRetryRecovers(shop(), opened);
  });

  it('a remote 7 s slow: the header shows within shareInitTimeout, the catalog times out, and Retry recovers', async () => {
    shop().proxy.faults.push({ path: /./, kind: 'delay', ms: 7000 });
    const opened = await openShell(shop());
    expect(opened.startupMs).toBeLessThan(NETWORK.shareInitTimeout + 1000);
    await expectCatalogFallback(opened, 'TESSERA_REMOTE_TIMEOUT', manifest());
    await expectRetryRecovers(shop(), opened);
  });
});
