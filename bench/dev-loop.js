// The development loop of the shop, `tessera dev` against Rspack Module Federation's dev setup:
// - start-up: a cold start of the three apps' dev builds in a fresh Node process (median of rounds);
// - edit to host DOM: the time from saving a change of the catalog's exposed component
//   (ProductList.tsx, its heading) to the new heading in the shell's page in Chromium, without a
//   reload (median of the edits; a MutationObserver in the page notes Date.now() when the text
//   appears; the same clock as the save's). Rspack MF has no hot update across apps (the host page
//   keeps the old component until it is reloaded: module-federation-examples#1164), so its row is
//   the remote's own rebuild after the same save (watch mode), the part of the loop before a reload.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { median } from './measure.js';
import { copyShop } from './dev-copy.js';
import { rspackDevConfig } from './dev-rspack.js';

const here = import.meta.dirname;
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function startInChild(tool, shopDir) {
  const { stdout } = await promisify(execFile)(process.execPath, [join(here, 'dev-once.js'), tool, ...(shopDir ? [shopDir] : [])], { cwd: join(here, '..'), maxBuffer: 16 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)).startMs;
}

const heading = (text) => (s) => s.replace(/<h2>[^<]*<\/h2>/, `<h2>${text}</h2>`);

async function tesseraEdits(shop, edits, pauseMs) {
  const { startDev } = await import('@tessera/dev');
  // Type checks off (they run in a separate, low-priority process): this row is the hot-update loop.
  const session = await startDev({ roots: [shop.dir], port: 0, types: false, log: () => {} });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(session.apps.find((a) => a.name === 'shell').url);
    await page.getByTestId('product-list').waitFor();
    await page.evaluate(() => (window.__noReload = true));
    const times = [];
    for (let i = 0; i < edits; i++) {
      const text = `Catalog edit ${i}`;
      const seen = page.evaluate((expected) => new Promise((resolve) => {
        const check = () => {
          if (document.querySelector('[data-testid="product-list"] h2')?.textContent === expected) {
            observer.disconnect();
            resolve(Date.now());
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }), text);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r))); // the observer is in place
      const saved = Date.now();
      shop.edit('catalog/src/ProductList.tsx', heading(`{"${text}"}`));
      times.push((await seen) - saved);
      // A person saves now and then: the full rebuild after the fast path is done before the next save.
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    if (!(await page.evaluate(() => window.__noReload))) throw new Error('tessera dev reloaded the page during the edits');
    return times;
  } finally {
    await browser.close();
    await session.close();
  }
}

async function rspackEdits(shop, edits, pauseMs) {
  const { rspack } = await import('@rspack/core');
  const compiler = rspack(rspackDevConfig('catalog', join(here, '..', 'tmp', 'bench-rspack-dev-edit'), join(shop.dir, 'catalog')));
  let onDone;
  const watching = compiler.watch({ aggregateTimeout: 5 }, (error, stats) => onDone?.(error ?? (stats?.hasErrors() ? new Error(stats.toString({ all: false, errors: true })) : undefined)));
  await new Promise((resolve, reject) => (onDone = (e) => (e ? reject(e) : resolve())));
  const times = [];
  try {
    for (let i = 0; i < edits; i++) {
      const done = new Promise((resolve, reject) => (onDone = (e) => (e ? reject(e) : resolve(Date.now()))));
      const saved = Date.now();
      shop.edit('catalog/src/ProductList.tsx', heading(`Rspack edit ${i}`));
      times.push((await done) - saved);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  } finally {
    await new Promise((resolve) => watching.close(resolve));
  }
  return times;
}

export async function devLoop({ quick }) {
  const rounds = quick ? 1 : 5;
  const edits = quick ? 3 : 15;
  const shop = copyShop('bench-dev');
  try {
    const starts = { tessera: [], rspack: [] };
    for (let i = 0; i < rounds; i++) {
      starts.tessera.push(await startInChild('tessera', shop.dir));
      starts.rspack.push(await startInChild('rspack'));
    }
    const pauseMs = quick ? 300 : 1_000;
    const editTimes = { tessera: await tesseraEdits(shop, edits, pauseMs), rspack: await rspackEdits(shop, edits, pauseMs) };
    const tessera = { startMs: median(starts.tessera), editToDomMs: median(editTimes.tessera) };
    const rspack = { startMs: median(starts.rspack), remoteRebuildMs: median(editTimes.rspack) };
    return {
      rounds,
      edits,
      tessera,
      rspack,
      samples: { startMs: starts, editMs: editTimes },
      // Rspack's time ÷ Tessera's: above 1, Tessera is faster.
      ratioToTessera: { startMs: rspack.startMs / tessera.startMs, edit: rspack.remoteRebuildMs / tessera.editToDomMs },
    };
  } finally {
    shop.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await devLoop({ quick: process.argv.includes('--quick') }), null, 2));
