import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/chromium.js';

// Leader hand-over between the tabs of one Chromium profile: a replicated store (`sync: 'tabs'`,
// `persist: 'local'`) whose leader tab (the Web Lock holder) closes or reloads while the other
// tabs dispatch. The page is @tessera/store's source bundled by esbuild, served on loopback
// (http://127.0.0.1 is a secure context: Web Locks and BroadcastChannel are there).

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STORE = 'tally';
const LEADER_LOCK = `tessera-store:${STORE}:v1:leader`;

const pageSource = `
import { defineReplicatedStore } from '@tessera/store';
/** Counts adds per tab name, so that a lost or doubled add shows whose it was. */
const actions = { add: (state, tab) => ({ ...state, [tab]: (Object.hasOwn(state, tab) ? state[tab] : 0) + 1 }) };
const errors = (globalThis.storeErrors = []);
const store = (globalThis.store = defineReplicatedStore(${JSON.stringify(STORE)}, { initial: {}, actions, sync: 'tabs', persist: 'local', onError: (error) => errors.push(error.code + ': ' + error.message) }));
globalThis.dispatched = 0;
globalThis.stopped = false;
/** Dispatches adds as \`tab\` until \`stopped\`, yielding to the event loop after every \`every\` (a stream over many tasks); resolves with their number. */
globalThis.stream = async (tab, every) => {
  while (!globalThis.stopped) {
    store.dispatch(store.actions.add(tab));
    globalThis.lastDispatch = performance.now();
    if (++globalThis.dispatched % every === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return globalThis.dispatched;
};
/** Platform check: takes the lock \`name\` when the browser grants it, noting the last message of BroadcastChannel \`name\` and localStorage[name] then. */
globalThis.grant = (name, hold) => {
  const channel = new BroadcastChannel(name);
  let last = 0;
  channel.onmessage = ({ data }) => void (last = data);
  void navigator.locks.request(name, () => {
    globalThis.atGrant = { message: last, stored: Number(localStorage.getItem(name)) };
    if (hold) return new Promise(() => {});
  });
};
/** Platform check: writes 1…n to localStorage[name] and posts each on BroadcastChannel \`name\`, then reloads when asked, in this task. */
globalThis.writeAndPost = (name, n, reload) => {
  const channel = new BroadcastChannel(name);
  for (let i = 1; i <= n; i++) {
    localStorage.setItem(name, String(i));
    channel.postMessage(i);
  }
  if (reload) location.reload();
};
/** Keeps this tab's main thread busy for \`ms\` from the next task on: what arrives meanwhile (messages, a lock) waits in its queues. */
globalThis.busyFor = (ms) => setTimeout(() => {
  const end = performance.now() + ms;
  while (performance.now() < end);
}, 0);
/** Dispatches n adds as \`tab\` in this task. */
globalThis.burst = (tab, n) => {
  for (let i = 0; i < n; i++) store.dispatch(store.actions.add(tab));
};
`;

let server: Server;
let url: string;
let browser: Browser;
beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: pageSource, resolveDir: repo, loader: 'js' },
    bundle: true,
    format: 'esm',
    conditions: ['tessera-source'], // the package's TypeScript source, not a dist that may be stale
    write: false,
    logLevel: 'silent',
  });
  const html = `<!doctype html><title>tally</title><script type="module">${bundle.outputFiles[0]!.text.replaceAll('</script', '<\\/script')}</script>`;
  server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function openTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => typeof (globalThis as { stream?: unknown }).stream === 'function');
  return page;
}

type Tally = Record<string, number>;
const state = (page: Page) => page.evaluate(() => (globalThis as unknown as { store: { getState(): Tally } }).store.getState());
/** The state (as sorted entries, in JSON) once nothing of this tab is pending, else undefined. */
const settled = (page: Page) =>
  page.evaluate(() => {
    const { store } = globalThis as unknown as { store: { getState(): Tally; status(): { pending: number } } };
    return store.status().pending === 0 ? JSON.stringify(Object.entries(store.getState()).sort()) : undefined;
  });
const errors = (page: Page) => page.evaluate(() => (globalThis as unknown as { storeErrors: string[] }).storeErrors);
const leaderLockHeld = (page: Page, name = LEADER_LOCK) => page.evaluate(async (name) => ((await navigator.locks.query()).held ?? []).some((lock) => lock.name === name), name);

interface TabGlobals {
  dispatched: number;
  stopped: boolean;
  stream(tab: string, every: number): Promise<number>;
  lastDispatch: number;
  burst(tab: string, n: number): void;
  busyFor(ms: number): void;
}
/** Each tab's [dispatched, status, last dispatch ms ago, errors], for failure messages. */
const diagnose = (pages: Page[]) =>
  Promise.all(pages.map((page) => page.evaluate(() => {
    const g = globalThis as unknown as TabGlobals & { store: { status(): unknown }; storeErrors: string[] };
    return [g.dispatched, g.store.status(), Math.round(performance.now() - g.lastDispatch), g.storeErrors];
  })));
const tab = (page: Page) => ({ dispatched: () => page.evaluate(() => (globalThis as unknown as TabGlobals).dispatched) });

/**
 * Four tabs; the first leads. Tabs b, c, d stream adds; once each has dispatched some, the
 * leader adds `leaderAdds` in one task and then closes, or reloads in that same task (nothing of
 * its adds sent or confirmed yet); the others stream on until each has dispatched 30 more after
 * the leader left (a hand-over mid-stream), then stop. Returns the tabs open at the end (the
 * reloaded leader first) and the expected tally: every add of every tab, once.
 */
async function handOverMidStream(context: BrowserContext, leave: 'close' | 'reload', busy: number, leaderAdds = 100) {
  const leader = await openTab(context);
  await expect.poll(() => leaderLockHeld(leader)).toBe(true);
  const others = [await openTab(context), await openTab(context), await openTab(context)];
  const names = ['b', 'c', 'd'] as const;
  const streams = others.map((page, i) => page.evaluate((name) => (globalThis as unknown as TabGlobals).stream(name, 2), names[i]!));
  for (const page of others) await expect.poll(() => tab(page).dispatched()).toBeGreaterThanOrEqual(15);
  if (busy) await Promise.all(others.map((page) => page.evaluate((ms) => (globalThis as unknown as TabGlobals).busyFor(ms), busy)));
  if (leave === 'close') {
    await leader.evaluate((n) => (globalThis as unknown as TabGlobals).burst('a', n), leaderAdds);
    await leader.close();
  } else {
    const loaded = leader.waitForEvent('load');
    await leader.evaluate((n) => {
      (globalThis as unknown as TabGlobals).burst('a', n);
      location.reload();
    }, leaderAdds);
    await loaded;
  }
  const atLeave = await Promise.all(others.map((page) => tab(page).dispatched()));
  for (const [i, page] of others.entries()) {
    try {
      await expect.poll(() => tab(page).dispatched(), { timeout: 20_000 }).toBeGreaterThanOrEqual(atLeave[i]! + 30);
    } catch (error) {
      throw new Error(`tab ${names[i]} stopped streaming: [dispatched, status, ms since its last dispatch, errors] of b, c, d: ${JSON.stringify(await diagnose(others))}`, { cause: error });
    }
  }
  await Promise.all(others.map((page) => page.evaluate(() => void ((globalThis as unknown as TabGlobals).stopped = true))));
  const counts = await Promise.all(streams);
  const tabs = leave === 'reload' ? [leader, ...others] : others;
  for (const page of tabs) await page.waitForFunction(() => typeof (globalThis as { stream?: unknown }).stream === 'function');
  return { tabs, others, expected: { a: leaderAdds, b: counts[0]!, c: counts[1]!, d: counts[2]! } as Tally };
}

async function expectEveryTab(tabs: Page[], expected: Tally) {
  for (const tab of tabs) {
    await expect.poll(() => settled(tab), { timeout: 20_000 }).toBe(JSON.stringify(Object.entries(expected).sort()));
  }
  for (const tab of tabs) expect(await state(tab)).toEqual(expected);
}

describe('replicated store: leader hand-over while four tabs dispatch', () => {
  // What the tab sequencer relies on (no specification orders these): the next holder of a lock
  // has received, when the browser grants it, the last holder's final messages and localStorage writes.
  it('Chromium grants a released lock after delivering the last holder\'s messages and storage writes', { timeout: 120_000 }, async () => {
    type Platform = { grant(name: string, hold: boolean): void; writeAndPost(name: string, n: number, reload: boolean): void; atGrant?: { message: number; stored: number } };
    const seen: string[] = [];
    for (const [leave, busy] of [['close', 0], ['close', 300], ['reload', 0], ['reload', 300]] as const) {
      const context = await browser.newContext();
      try {
        const [holder, next] = [await openTab(context), await openTab(context)];
        await holder.evaluate(() => (globalThis as unknown as Platform).grant('platform', true));
        await expect.poll(() => leaderLockHeld(holder, 'platform')).toBe(true);
        await next.evaluate(() => (globalThis as unknown as Platform).grant('platform', false));
        if (busy) await next.evaluate((ms) => (globalThis as unknown as TabGlobals).busyFor(ms), busy);
        if (leave === 'close') {
          await holder.evaluate(() => (globalThis as unknown as Platform).writeAndPost('platform', 200, false));
          await holder.close();
        } else {
          const loaded = holder.waitForEvent('load');
          await holder.evaluate(() => (globalThis as unknown as Platform).writeAndPost('platform', 200, true));
          await loaded;
        }
        await next.waitForFunction(() => (globalThis as unknown as Platform).atGrant !== undefined);
        seen.push(`${leave} busy ${busy}: ${JSON.stringify(await next.evaluate(() => (globalThis as unknown as Platform).atGrant))}`);
      } finally {
        await context.close();
      }
    }
    expect(seen.filter((line) => !line.endsWith('{"message":200,"stored":200}'))).toEqual([]);
  });

  it('the leader tab closes mid-stream: every tab ends with every add once, also after a reload and in a new tab', { timeout: 180_000 }, async () => {
    for (const busy of [0, 500]) {
      const context = await browser.newContext();
      try {
        const { tabs, expected } = await handOverMidStream(context, 'close', busy);
        await expectEveryTab(tabs, expected);
        await tabs[0]!.reload();
        await tabs[0]!.waitForFunction(() => typeof (globalThis as { stream?: unknown }).stream === 'function');
        const fresh = await openTab(context);
        await expectEveryTab([tabs[0]!, fresh], expected);
        for (const tab of [...tabs, fresh]) expect(await errors(tab)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('the leader tab reloads mid-stream: every tab ends with every add once, the reloaded one too, also after a reload', { timeout: 180_000 }, async () => {
    for (const busy of [0, 500]) {
      const context = await browser.newContext();
      try {
        const { tabs, others, expected } = await handOverMidStream(context, 'reload', busy);
        await expectEveryTab(tabs, expected);
        await others[1]!.reload();
        await others[1]!.waitForFunction(() => typeof (globalThis as { stream?: unknown }).stream === 'function');
        await expectEveryTab([others[1]!], expected);
        for (const tab of tabs) expect(await errors(tab)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});
