// Replicated store throughput across two tabs of one Chromium profile: both tabs dispatch at once,
// timed until both have every action confirmed (the leader tab orders them, BroadcastChannel
// carries them, the state is persisted to localStorage). Anchor: the same store alone in a tab.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { median } from './measure.js';

const page = `
import { createStoreRegistry, defineReplicatedStore } from '@tessera/store';
const actions = { add: (state, n) => ({ count: state.count + n }) };
/** Dispatches n actions, resolves when this tab has \`total\` confirmed (ms from the first dispatch). */
globalThis.run = (id, sync, n, total) => {
  const store = defineReplicatedStore(id, { initial: { count: 0 }, actions, sync, persist: sync ? 'local' : undefined, registry: createStoreRegistry() });
  return new Promise((resolve) => {
    const started = performance.now();
    const done = () => store.status().pending === 0 && store.getState().count === total;
    store.subscribe(() => done() && resolve(performance.now() - started));
    const timer = setInterval(() => done() && (clearInterval(timer), resolve(performance.now() - started)), 5);
    for (let i = 0; i < n; i++) store.dispatch(store.actions.add(1));
  });
};
`;

export async function storeTabs({ quick }) {
  const bundle = await build({ stdin: { contents: page, resolveDir: join(import.meta.dirname, '..'), loader: 'js' }, bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  const html = `<!doctype html><script type="module">${bundle.outputFiles[0].text.replaceAll('</script', '<\\/script')}</script>`;
  const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const n = quick ? 200 : 2000; // actions per tab
  const rounds = quick ? 1 : 5;
  try {
    const two = [];
    const alone = [];
    for (let round = 0; round < rounds; round++) {
      const context = await browser.newContext();
      const tabs = [await context.newPage(), await context.newPage()];
      for (const tab of tabs) await tab.goto(url);
      await tabs[0].waitForFunction(() => typeof globalThis.run === 'function');
      await tabs[1].waitForFunction(() => typeof globalThis.run === 'function');
      const id = `bench-${round}`;
      const times = await Promise.all(tabs.map((tab) => tab.evaluate(([id, n]) => globalThis.run(id, 'tabs', n, 2 * n), [id, n])));
      two.push((2 * n) / (Math.max(...times) / 1000));
      const soloMs = await tabs[0].evaluate(([id, n]) => globalThis.run(id, undefined, 2 * n, 2 * n), [`${id}-solo`, n]);
      alone.push((2 * n) / (soloMs / 1000));
      await context.close();
    }
    const twoTabs = median(two);
    const oneTab = median(alone);
    return { actionsPerTab: n, opsPerSecond: { twoTabs, oneTab }, ratioToOneTab: twoTabs / oneTab };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
