import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildApp, loadConfig } from '@tessera/build';
import { serve } from '@tessera/cli';
import { startRelay, type Relay } from '@tessera/relay';
import { launchChromium } from '../e2e/chromium.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(repo, 'tmp', `chat-${process.pid}-${randomBytes(4).toString('hex')}`);
const servers: Array<{ close(): Promise<void> }> = [];
let host: string;
let relay: Relay;
let browser: Browser;

/** Builds one chat app into this file's temp folder and serves it on a port from the OS. */
async function buildAndServe(app: string): Promise<string> {
  const config = await loadConfig(join(repo, 'examples', 'chat', app));
  config.outDir = join(out, app);
  await buildApp(config);
  const server = await serve({ dir: config.outDir, port: 0 });
  servers.push(server);
  return `http://localhost:${(server.server.address() as AddressInfo).port}/`;
}

beforeAll(async () => {
  [relay, browser] = await Promise.all([startRelay({ port: 0 }), launchChromium()]);
  const [sender, receiver] = [await buildAndServe('sender'), await buildAndServe('receiver')];
  process.env.SENDER_URL = `${sender}mf-manifest.json`;
  process.env.RECEIVER_URL = `${receiver}mf-manifest.json`;
  try {
    host = await buildAndServe('host');
  } finally {
    delete process.env.SENDER_URL;
    delete process.env.RECEIVER_URL;
  }
});
afterAll(async () => {
  await browser?.close();
  await relay?.close();
  for (const server of servers) await server.close();
  rmSync(out, { recursive: true, force: true });
});

async function openChat(name: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${host}?relay=${relay.url}&name=${name}`);
  await page.getByTestId('sender').waitFor();
  await page.getByTestId('receiver').waitFor({ state: 'attached' });
  return { page, errors };
}
const say = async (page: Page, text: string) => {
  await page.getByTestId('message-input').fill(text);
  await page.getByTestId('send').click();
};
const messages = (page: Page) => page.getByTestId('message').allTextContents();

describe('chat example: sender and receiver remotes across two browser contexts', () => {
  it('carries messages both ways through the relay, and shows its status', async () => {
    const ann = await openChat('ann');
    const bob = await openChat('bob');
    await expect.poll(() => ann.page.getByTestId('relay-status').textContent()).toBe('online');
    await expect.poll(() => bob.page.getByTestId('relay-status').textContent()).toBe('online');
    await say(ann.page, 'hello bob');
    await expect.poll(() => messages(bob.page)).toEqual(['ann: hello bob']);
    await say(bob.page, 'hi ann');
    await expect.poll(() => messages(ann.page)).toEqual(['ann: hello bob', 'bob: hi ann']);
    await expect.poll(() => messages(bob.page)).toEqual(['ann: hello bob', 'bob: hi ann']);

    expect([...ann.errors, ...bob.errors]).toEqual([]);
    await relay.close(); // the relay goes away: the host shows it
    await expect.poll(() => ann.page.getByTestId('relay-status').textContent()).toBe('offline');
    // Chromium logs each refused reconnect to the closed relay itself; nothing else may show.
    const refused = /^WebSocket connection to 'ws:\/\/[^']+' failed: .*ERR_CONNECTION_REFUSED$/;
    expect([...ann.errors, ...bob.errors].filter((error) => !refused.test(error))).toEqual([]);
  });
});
