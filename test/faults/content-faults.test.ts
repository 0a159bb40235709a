import { afterEach, describe, expect, it } from 'vitest';
import { NONCE, expectCatalogFallback, expectRetryRecovers, openShell, useFaultShop } from './fault-shop.js';

// Faults in what the catalog serves (code, manifest, registrations), one per test, each on a
// fresh page: the host stays up, the catalog's fallback names the code, the remote and the URL,
// and Retry recovers once the remote serves its real files again.
const shop = useFaultShop();
// A test that fails before its Retry healed the proxy must not leave its fault to the next one.
afterEach(() => shop().proxy.heal());
const manifest = () => `${shop().proxy.url}mf-manifest.json`;
const entry = () => `${shop().proxy.url}remoteEntry.js`;
const chunk = /\/ProductList-[A-Z0-9]+\.js/;
const js = /\.js$/;

describe('content faults of a remote, in Chromium', () => {
  it('without faults: every element the runtime added carries the nonce, and the remotes are verified by an import map', async () => {
    const opened = await openShell(shop());
    await opened.page.getByTestId('product-list').waitFor();
    await opened.page.getByTestId('cart-summary').waitFor();
    const added = await opened.page.evaluate(() =>
      [...document.querySelectorAll('script[type=importmap], link[data-tessera], link[rel=modulepreload]')].map((e) => ({
        tag: `${e.tagName} ${e.getAttribute('type') ?? e.getAttribute('rel')}`, href: e.getAttribute('href') ?? '', nonce: (e as HTMLElement).nonce, integrity: e.getAttribute('integrity'),
        map: e.tagName === 'SCRIPT' ? e.textContent : null,
      })));
    expect(added.map((e) => e.tag)).toEqual(expect.arrayContaining(['SCRIPT importmap', 'LINK stylesheet', 'LINK modulepreload']));
    expect(added.filter((e) => e.nonce !== NONCE)).toEqual([]);
    // The catalog's files (loaded through its manifest) carry their hash; the shell's own do not need one.
    const catalogFiles = added.filter((e) => e.href.startsWith(shop().proxy.url));
    expect(catalogFiles.length).toBeGreaterThan(1);
    expect(catalogFiles.filter((e) => !/^sha384-/.test(e.integrity ?? ''))).toEqual([]);
    expect(added.some((e) => e.map?.includes(`"${shop().proxy.url}remoteEntry.js":"sha384-`))).toBe(true);
    // unloadRemote releases the catalog: its stylesheets go, and it is no longer registered.
    const after = await opened.page.evaluate((folder) => {
      type Shell = { name: string; unloadRemote(name: string): boolean; remoteStatuses(): { name: string }[] };
      const shell = (globalThis as unknown as { __TESSERA__: { instances: Shell[] } }).__TESSERA__.instances.find((i) => i.name === 'shell')!;
      const catalog = `link[data-tessera="${folder}"]`;
      const before = document.querySelectorAll(`${catalog}[rel=stylesheet]`).length;
      const unloaded = shell.unloadRemote('catalog');
      return { before, unloaded, left: document.querySelectorAll(catalog).length, remotes: shell.remoteStatuses().map((r) => r.name) };
    }, shop().proxy.url);
    expect(after).toEqual({ before: 1, unloaded: true, left: 0, remotes: ['cart'] });
    await opened.page.close();
  });


  it('a syntax error in the remote entry: REMOTE_LOAD_FAILED with a hint about the code, not the network', async () => {
    shop().proxy.faults.push({ path: /remoteEntry\.js$/, kind: 'rewrite', rewrite: (body) => `${body}\n}}}`, rehash: true });
    const opened = await openShell(shop());
    const message = await expectCatalogFallback(opened, 'TESSERA_REMOTE_LOAD_FAILED', entry());
    expect(message).toContain('does not parse');
    expect(message).not.toContain('CORS');
    await expectRetryRecovers(shop(), opened);
  });

  it("the container's init throws: REMOTE_LOAD_FAILED naming the entry", async () => {
    shop().proxy.faults.push(
      { path: /faulty-entry\.js$/, kind: 'serve', body: 'export function init() { throw new Error("init exploded"); }\nexport function get() {}\n' },
      { path: /mf-manifest\.json$/, kind: 'rewrite', rewrite: (body) => body.replace('"name": "remoteEntry.js"', '"name": "faulty-entry.js"'), rehash: false },
    );
    const opened = await openShell(shop());
    const message = await expectCatalogFallback(opened, 'TESSERA_REMOTE_LOAD_FAILED', `${shop().proxy.url}faulty-entry.js`);
    expect(message).toContain('init exploded');
    await expectRetryRecovers(shop(), opened);
  });

  it('malformed manifest JSON: MANIFEST_INVALID', async () => {
    shop().proxy.faults.push({ path: /mf-manifest\.json$/, kind: 'rewrite', rewrite: () => '{"name": "catalog",', rehash: false });
    const opened = await openShell(shop());
    const message = await expectCatalogFallback(opened, 'TESSERA_MANIFEST_INVALID', manifest());
    expect(message).toContain('not JSON');
    await expectRetryRecovers(shop(), opened);
  });

  it('a manifest of the wrong schema: MANIFEST_INVALID naming the field', async () => {
    shop().proxy.faults.push({ path: /mf-manifest\.json$/, kind: 'rewrite', rewrite: () => '{"name":"catalog","metaData":{"remoteEntry":{"name":"remoteEntry.js","type":42}}}', rehash: false });
    const opened = await openShell(shop());
    const message = await expectCatalogFallback(opened, 'TESSERA_MANIFEST_INVALID', manifest());
    expect(message).toContain('metaData.remoteEntry.type');
    await expectRetryRecovers(shop(), opened);
  });

  it('a manifest pointing the entry at a file: URL: MANIFEST_INVALID, nothing loaded from it', async () => {
    shop().proxy.faults.push({ path: /mf-manifest\.json$/, kind: 'rewrite', rewrite: (body) => body.replace('"publicPath": "auto"', '"publicPath": "file:///etc/"'), rehash: false });
    const opened = await openShell(shop());
    const message = await expectCatalogFallback(opened, 'TESSERA_MANIFEST_INVALID', manifest());
    expect(message).toContain('no http(s) URL: file:');
    await expectRetryRecovers(shop(), opened);
  });

  it("an invalid version in the remote's shared registration is warned about and ignored: the catalog renders on the shell's React", async () => {
    shop().proxy.faults.push({ path: js, kind: 'rewrite', rewrite: (body) => body.replace(/\breact:\{version:"[^"]+"/, 'react:{version:"banana"'), rehash: true });
    const opened = await openShell(shop());
    await opened.page.getByTestId('product-list').waitFor({ timeout: 6000 });
    await opened.page.getByTestId('cart-summary').waitFor();
    expect(opened.logs.find((l) => l.includes('TESSERA_VERSION_INVALID'))).toMatch(/warning: .*banana.*remote "catalog"/);
    expect(opened.logs.filter((l) => l.startsWith('pageerror'))).toEqual([]);
    await opened.page.close();
    await shop().proxy.heal();
  });

  it('a tampered chunk is refused before it runs: INTEGRITY_FAILED naming the chunk', async () => {
    shop().proxy.faults.push({ path: chunk, kind: 'rewrite', rewrite: (body) => `document.title = "tampered: " + document.cookie;\n${body}`, rehash: false });
    const opened = await openShell(shop());
    await expectCatalogFallback(opened, 'TESSERA_INTEGRITY_FAILED', chunk);
    expect(await opened.page.title()).not.toContain('tampered');
    await expectRetryRecovers(shop(), opened);
  });

  it('a strictVersion conflict in the remote: SHARE_VERSION_UNSATISFIED naming the catalog, the host stays up, and Retry recovers once the remote is redeployed', async () => {
    shop().proxy.faults.push({
      path: js, kind: 'rewrite', rehash: true,
      rewrite: (body) => body.replace(/(\breact:\{version:"[^"]+",requiredVersion:)"[^"]+"(,singleton:!0,strictVersion:)!1/, '$1"^99.0.0"$2!0'),
    });
    const opened = await openShell(shop());
    const message = await expectCatalogFallback(opened, 'TESSERA_SHARE_VERSION_UNSATISFIED', undefined);
    expect(message).toContain('^99.0.0');
    expect(await opened.page.getByTestId('shell-header').isVisible()).toBe(true);
    // The catalog's entry carries the rules it was built with: Retry fetches its manifest and imports
    // its entry again (new URLs), so the redeployed catalog's rules replace the conflicting ones.
    const requests = shop().proxy.requests.length;
    await expectRetryRecovers(shop(), opened);
    expect(shop().proxy.requests.slice(requests).filter((r) => /remoteEntry\.js\?tessera-retry=/.test(r))).toHaveLength(1);
  });
});
