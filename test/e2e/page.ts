import type { Browser, Page } from 'playwright-core';
import type { FederationInfo } from '@tessera/runtime';

export interface ObservedPage {
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Every script the page fetched (classic and module), with its body. */
  scripts: { url: string; body: string }[];
  /** Waits for the bodies of the scripts fetched so far. */
  settle(): Promise<void>;
}

/** Opens `url` in a new page that records console errors and every script it downloads. */
export async function openPage(browser: Browser, url: string): Promise<ObservedPage> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const scripts: { url: string; body: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(response.text().then((body) => void scripts.push({ url: response.url(), body }), () => {}));
  });
  await page.goto(url);
  return { page, errors, scripts, settle: async () => void (await Promise.all(pending)) };
}

/**
 * The scripts that carry React itself: its `cloneElement` export assignment, minified
 * (`cloneElement=`) or not (`exports.cloneElement = `). react-dom and jsx-runtime have none.
 */
export function scriptsWithReact(scripts: { url: string; body: string }[]): string[] {
  return scripts.filter((s) => /\bcloneElement\s*=/.test(s.body)).map((s) => s.url);
}

/** `globalThis.__TESSERA__.getFederationInfo()` of the page: what every Tessera runtime on it did. */
export function federationInfo(page: Page): Promise<FederationInfo> {
  return page.evaluate(() => (globalThis as unknown as { __TESSERA__: { getFederationInfo(): FederationInfo } }).__TESSERA__.getFederationInfo());
}
