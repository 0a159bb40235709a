import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp, loadConfig, type ResolvedConfig } from '@tessera/build';
import { serve } from '@tessera/cli';
import { normalizeRemotes } from '@tessera/runtime/options';
import { launchChromium } from '../e2e/chromium.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

const shopDir = join(import.meta.dirname, '..', '..', 'examples', 'shop');

/** The network options every shop app is built with here: each fault shows within a few seconds. */
export const NETWORK = { timeout: 1500, retries: 1, shareInitTimeout: 1000 } as const;
/** The CSP nonce the apps are built with. */
export const NONCE = 'fault-suite-nonce';
/** Upper bound, in ms from navigation, for the catalog's fallback to show (2 attempts of `timeout`, backoff, start-up). */
export const FALLBACK_WITHIN_MS = 6000;

export interface FaultShop {
  /** The shell's page URL. */
  shell: string;
  /** In front of the catalog: the shell's `remotes.catalog` is `${proxy.url}mf-manifest.json`. */
  proxy: FaultProxy;
  browser: Browser;
}

async function build(app: string, outDir: string, network: { timeout: number; retries: number; shareInitTimeout: number }, edit: (config: ResolvedConfig) => void = () => {}): Promise<string> {
  const config = await loadConfig(join(shopDir, app));
  config.outDir = outDir;
  config.dts = false;
  config.runtime = { ...network, nonce: NONCE };
  edit(config);
  await buildApp(config);
  return outDir;
}

/**
 * For a test file: builds the shop's three apps into temporary folders (the shell pointed at a
 * fault proxy in front of the catalog), serves each on a free port, starts Chromium; stops all
 * and deletes the folders after. `network`: the apps' network options; `shell`: changes to the
 * shell's config (its remotes are served by then, so a build may read their manifests).
 */
export function useFaultShop(
  network: { timeout: number; retries: number; shareInitTimeout: number } = NETWORK,
  shell: (config: ResolvedConfig) => void = () => {},
): () => FaultShop {
  let shop: FaultShop | undefined;
  const closers: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    const temp = mkdtempSync(join(tmpdir(), 'tessera-faults-'));
    closers.push(() => rmSync(temp, { recursive: true, force: true }));
    const [catalogDir, cartDir] = await Promise.all([build('catalog', join(temp, 'catalog'), network), build('cart', join(temp, 'cart'), network)]);
    const catalog = await serve({ dir: catalogDir, port: 0 });
    const cart = await serve({ dir: cartDir, port: 0 });
    const proxy = await startFaultProxy(catalog.url);
    closers.push(() => catalog.close(), () => cart.close(), () => proxy.close());
    const shellDir = await build('shell', join(temp, 'shell'), network, (config) => {
      config.remotes = normalizeRemotes({ catalog: `${proxy.url}mf-manifest.json`, cart: `${cart.url}mf-manifest.json` }, config.shareScope);
      shell(config);
    });
    const shellServer = await serve({ dir: shellDir, port: 0 });
    closers.push(() => shellServer.close());
    const browser = await launchChromium();
    closers.push(() => browser.close());
    shop = { shell: shellServer.url, proxy, browser };
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });
  return () => shop!;
}

export interface Opened {
  page: Page;
  /** ms from navigation until the shell's header showed. */
  headerMs: number;
  /** ms from the shell's main.js arriving until its header showed (the start-up federation added). */
  startupMs: number;
  /** Console warnings and errors, uncaught errors. */
  logs: string[];
}

/** Opens the shell in a fresh context (empty cache) and waits for its header. */
export async function openShell(shop: FaultShop): Promise<Opened> {
  const page = await shop.browser.newPage();
  const logs: string[] = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="shell-header"]')) return;
      (globalThis as { headerAt?: number }).headerAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const started = Date.now();
  await page.goto(shop.shell, { waitUntil: 'commit' });
  await page.getByTestId('shell-header').waitFor({ timeout: 10_000 });
  const headerMs = Date.now() - started;
  const startupMs = await page.evaluate(() => {
    const main = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/main.js')) as PerformanceResourceTiming;
    return (globalThis as { headerAt?: number }).headerAt! - main.responseEnd;
  });
  return { page, headerMs, startupMs, logs };
}

/**
 * The catalog's fallback shows within `FALLBACK_WITHIN_MS` of navigation with a FederationError of
 * `code` naming the catalog and `url`; the header and the cart stay up.
 */
export async function expectCatalogFallback(opened: Opened, code: string, url: string | RegExp | undefined): Promise<string> {
  const { page } = opened;
  await page.getByTestId('catalog-fallback').waitFor({ timeout: FALLBACK_WITHIN_MS - opened.headerMs });
  const message = (await page.getByTestId('catalog-error').textContent()) ?? '';
  expect(message).toContain(`[${code}]`);
  expect(message).toContain('remote "catalog"');
  if (typeof url === 'string') expect(message).toContain(url);
  else if (url) expect(message).toMatch(url);
  await page.getByTestId('cart-summary').waitFor({ timeout: 5000 });
  expect(await page.getByTestId('shell-header').isVisible()).toBe(true);
  return message;
}

/** After the remote healed, the Retry button brings the catalog back without a reload. */
export async function expectRetryRecovers(shop: FaultShop, { page }: Opened): Promise<void> {
  await shop.proxy.heal();
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => navigations.push(frame.url()));
  await page.getByTestId('retry-catalog').click();
  await page.getByTestId('product-list').waitFor({ timeout: 8000 });
  expect(await page.getByTestId('add-to-cart').count()).toBeGreaterThan(0);
  expect(navigations).toEqual([]);
  await page.close();
}
