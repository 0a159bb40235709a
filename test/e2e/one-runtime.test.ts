import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, type ResolvedConfig } from '@tessera/build';
import { serve } from '@tessera/cli';
import { normalizeRemotes } from '@tessera/runtime/options';
import { federationInfo, openPage, scriptsWithReact } from './page.js';
import { useShopInChromium } from './shop-servers.js';

const { shop, browser } = useShopInChromium();
const shopDir = join(import.meta.dirname, '..', '..', 'examples', 'shop');

/** A string only the runtime's code holds (error codes survive minification): which scripts carry a runtime. */
const RUNTIME_MARK = 'TESSERA_SHARE_SCOPE_CONFLICT';

interface PageRuntimes {
  instances: string[];
  /** Per app: whether its instance was made by the page's runtime (`__TESSERA__.runtime`). */
  onPageRuntime: Record<string, boolean>;
}

const pageRuntimes = (): PageRuntimes => {
  type App = { runtime: unknown };
  const g = globalThis as unknown as { __TESSERA__: { runtime: unknown; instances: { name: string }[] }; __TESSERA_APPS__: Record<string, App> };
  return {
    instances: g.__TESSERA__.instances.map((i) => i.name).sort(),
    onPageRuntime: Object.fromEntries(Object.entries(g.__TESSERA_APPS__).map(([name, app]) => [name, app.runtime === g.__TESSERA__.runtime])),
  };
};

describe('one Tessera runtime per page, in Chromium', () => {
  it('host and two remotes evaluate exactly one runtime: the shell\'s, which both remote entries use', async () => {
    const { page, errors, scripts, settle } = await openPage(browser(), shop().url);
    await page.getByTestId('product-list').waitFor();
    await page.getByTestId('cart-summary').waitFor();
    await settle();
    // One script carries a runtime (the shell's main.js); no remote downloaded its runtime chunk.
    expect(scripts.filter((s) => s.body.includes(RUNTIME_MARK)).map((s) => new URL(s.url).pathname)).toEqual(['/main.js']);
    expect(scripts.filter((s) => /\/runtime-[A-Z0-9]+\.js$/.test(s.url))).toEqual([]);
    expect(await page.evaluate(pageRuntimes)).toEqual({
      instances: ['cart', 'catalog', 'shell'],
      onPageRuntime: { shell: true, catalog: true, cart: true },
    });
    // No request for a consume stub or esbuild's helper chunk, in any app.
    expect(scripts.filter((s) => /\/chunk-[A-Z0-9]+\.js$/.test(s.url) && new URL(s.url).origin !== new URL(shop().url).origin)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a remote built for another protocol of the page runtime, in Chromium', () => {
  const closers: (() => unknown)[] = [];
  let shellUrl = '';
  let catalogUrl = '';
  beforeAll(async () => {
    const temp = mkdtempSync(join(tmpdir(), 'tessera-protocol-'));
    closers.push(() => rmSync(temp, { recursive: true, force: true }));
    const build = async (app: string, edit: (config: ResolvedConfig) => void = () => {}) => {
      const config = await loadConfig(join(shopDir, app));
      config.outDir = join(temp, app);
      config.dts = false;
      edit(config);
      await buildApp(config);
      return config.outDir;
    };
    // The catalog as a future Tessera would build it: its entry and its runtime chunk declare
    // protocol 2 (the manifest's hashes follow, as a real build's would).
    const catalogDir = await build('catalog');
    const manifest = JSON.parse(readFileSync(join(catalogDir, 'mf-manifest.json'), 'utf8'));
    const rewrite = (file: string, edit: (code: string) => string) => {
      const code = readFileSync(join(catalogDir, file), 'utf8');
      const edited = edit(code);
      expect(edited).not.toBe(code);
      writeFileSync(join(catalogDir, file), edited);
      manifest.integrity[file] = `sha384-${createHash('sha384').update(edited).digest('base64')}`;
    };
    rewrite('remoteEntry.js', (code) => code.replace(/\.protocol===1&&/, '.protocol===2&&'));
    const runtimeChunk = readdirSync(catalogDir).find((file) => /^runtime-[A-Z0-9]+\.js$/.test(file))!;
    // esbuild inlines the protocol constant where the registry is checked and made.
    rewrite(runtimeChunk, (code) => code.replace(/__TESSERA__\.protocol===1\?/, '__TESSERA__.protocol===2?').replace(/\{protocol:1,/, '{protocol:2,'));
    writeFileSync(join(catalogDir, 'mf-manifest.json'), JSON.stringify(manifest));
    const catalog = await serve({ dir: catalogDir, port: 0 });
    const cart = await serve({ dir: await build('cart'), port: 0 });
    closers.push(() => catalog.close(), () => cart.close());
    catalogUrl = catalog.url;
    const shell = await serve({
      dir: await build('shell', (config) => {
        config.remotes = normalizeRemotes({ catalog: `${catalog.url}mf-manifest.json`, cart: `${cart.url}mf-manifest.json` }, config.shareScope);
      }),
      port: 0,
    });
    closers.push(() => shell.close());
    shellUrl = shell.url;
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('brings its own runtime and still shares the shell\'s React', async () => {
    const { page, errors, scripts, settle } = await openPage(browser(), shellUrl);
    await page.getByTestId('product-list').waitFor();
    await page.getByTestId('cart-summary').waitFor();
    await settle();
    const runtimes = scripts.filter((s) => s.body.includes(RUNTIME_MARK)).map((s) => s.url);
    expect(runtimes).toHaveLength(2);
    expect(runtimes.filter((url) => url.startsWith(catalogUrl)).map((url) => new URL(url).pathname)).toEqual([expect.stringMatching(/^\/runtime-[A-Z0-9]+\.js$/)]);
    expect((await page.evaluate(pageRuntimes)).onPageRuntime).toEqual({ shell: true, catalog: false, cart: true });
    // One React: the shell's, taken by the catalog through the share scope of webpack's container protocol.
    expect(scriptsWithReact(scripts).map((url) => new URL(url).origin)).toEqual([new URL(shellUrl).origin]);
    const react = (await federationInfo(page)).shared.find((s) => s.key === 'react')!;
    expect(react.consumers.map((c) => `${c.consumer} <- ${c.from}`).sort()).toEqual(['cart <- shell', 'shell <- shell']);
    // The catalog's runtime keeps its own registry (another protocol): its instance says what it took.
    const catalogTook = await page.evaluate(() => {
      type Consumption = { key: string; from: string };
      const apps = (globalThis as unknown as { __TESSERA_APPS__: Record<string, { federation: { consumptions(): Consumption[] } }> }).__TESSERA_APPS__;
      return apps.catalog!.federation.consumptions().map((c) => `${c.key} <- ${c.from}`).sort();
    });
    expect(catalogTook).toEqual(['react <- shell', 'react/jsx-runtime <- shell']);
    await page.getByTestId('add-to-cart').first().click();
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('1');
    expect(errors).toEqual([]);
    await page.close();
  });
});
