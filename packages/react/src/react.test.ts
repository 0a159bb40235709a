import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../test/e2e/chromium.js';

// @tessera/react in Chromium, through its public API: test-page/page.tsx renders every case.
const entry = [
  "const remote = new URL(import.meta.url).searchParams.get('remote');",
  'export function init() {}',
  'export function get(exposed) { return window.remotes[remote](exposed); }',
].join('\n');

let server: Server;
let browser: Browser;
let page: Page;
const logs: string[] = [];

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'test-page', 'page.tsx')],
    bundle: true, format: 'esm', platform: 'browser', jsx: 'automatic', write: false, logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><div id="root"></div><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', bundle.outputFiles[0]!.text],
    '/entry.js': ['text/javascript', entry],
  };
  server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (message) => logs.push(message.text()));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const text = (testid: string) => page.getByTestId(testid).textContent();

describe('RemoteComponent', () => {
  it('shows `loading` until the remote module arrives, then the component', async () => {
    await expect.poll(() => text('slow-slot')).toBe('Loading…');
    await page.evaluate(() => window.release.slow!());
    await expect.poll(() => text('slow-slot')).toBe('slow remote loaded');
  });

  it('shows a component the moment its module arrives after `loading` was shown: no Suspense fallback, so no 300 ms reveal throttle', async () => {
    await page.evaluate(() => window.preloadNote()); // the entry is there: the module's arrival is all that is left
    const shown = await page.evaluate(async () => {
      const slot = () => document.querySelector('[data-testid="note-slot"]')?.textContent;
      window.showNote();
      while (slot() !== 'Loading…') await new Promise((resolve) => setTimeout(resolve, 0));
      window.release.note!();
      // The module settles in microtasks, and React renders a store update (useSyncExternalStore) in
      // one; a Suspense boundary would hold the content for 300 ms after its fallback appeared.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return slot();
    });
    expect(shown).toBe('note loaded');
  });

  it('renders the default export with its props, or the export named by exportName', async () => {
    await expect.poll(() => text('card-slot')).toBe('Lamp × 2');
    await expect.poll(() => text('named-slot')).toBe('a named export');
  });

  it('shows the fallback with the coded error when the remote is down or the module does not exist; the page goes on', async () => {
    await expect.poll(() => text('down-slot'), { timeout: 15_000 }).toMatch(/^TESSERA_REMOTE_LOAD_FAILED: .*down/);
    await expect.poll(() => text('missing-slot')).toMatch(/cards has no \.\/Missing/);
    await expect.poll(() => text('card-slot')).toBe('Lamp × 2');
  });

  it('shows the fallback and calls onError when the remote component throws while rendering', async () => {
    await expect.poll(() => text('broken-slot')).toBe('broken remote, the page goes on');
    expect(logs).toContain('onError: the remote component threw while rendering');
  });
});

describe('useStore and useTopic', () => {
  it('useStore re-renders with the whole state and with a selected slice', async () => {
    await expect.poll(() => text('counter')).toBe('clicks: 0');
    await page.getByTestId('counter').click();
    await page.getByTestId('counter').click();
    await expect.poll(() => text('counter')).toBe('clicks: 2');
  });

  it('useTopic shows the initial value, then each message; a component mounted late gets the last one', async () => {
    await expect.poll(() => text('theme')).toBe('theme light');
    await page.evaluate(() => window.publishTheme('dark'));
    await expect.poll(() => text('theme')).toBe('theme dark');
    await page.evaluate(() => window.showLateReader());
    await expect.poll(() => text('late-theme')).toBe('theme dark');
  });
});
