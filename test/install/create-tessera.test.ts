import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { launchChromium } from '../e2e/chromium.js';

// As a new user outside this repository: the packages are packed (npm run pack), create-tessera
// scaffolds each template from the tarballs into a temporary folder, and there `npm install`,
// `npm run build`, `npm test`, `npm run typecheck` (strict, exactOptionalPropertyTypes,
// noPropertyAccessFromIndexSignature, noUnusedLocals, skipLibCheck off) and `npm start` run as
// they would for that user; Chromium opens the host, which renders the remote.
// Needs the packages built (npm test runs `npm run build` first) and npm's cache (--prefer-offline).

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'tessera-install-'));
const packs = join(work, 'packs');
const children: ChildProcess[] = [];
let browser: Promise<Browser> | undefined;

async function npm(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout } = await run('npm', args, { cwd, env: { ...process.env, ...env, NODE_ENV: '', NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: error });
  }
}

/** A port the OS has just handed out (listen on 0, then release it for the app to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Scaffolds and installs a template from the tarballs. */
async function scaffold(template: string): Promise<string> {
  const app = join(work, `my-${template}-app`);
  await run(process.execPath, [join(repo, 'packages', 'create-tessera', 'bin', 'create-tessera.js'), app, '--template', template, '--packages', packs]);
  await npm(app, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
  return app;
}

/** `npm start` with ports from the OS; resolves with the host's URL once both are served. */
async function start(app: string, ports: { host: number; remote: number }): Promise<string> {
  const child = spawn('npm', ['start'], { cwd: app, env: { ...process.env, PORT: String(ports.host), REMOTE_PORT: String(ports.remote) }, detached: true });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const url = /host: +(http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url.replace('localhost', '127.0.0.1'));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

/** `npm run dev` (one `tessera dev` session for both apps) on ports from the OS; resolves with the host's URL once both are ready. */
async function dev(app: string): Promise<string> {
  const child = spawn('npm', ['run', 'dev', '--', '--port', '0', '--no-types'], { cwd: app, env: { ...process.env, NO_COLOR: '1' }, detached: true });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const url = /\bhost +(http:\/\/\S+)/.exec(output)?.[1];
      if (url && /dev servers ready/.test(output)) resolve(url.replace('localhost', '127.0.0.1'));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`npm run dev exited with ${code}:\n${output}`)));
  });
}

async function checkPage(url: string, expect: ExpectStatic): Promise<void> {
  browser ??= launchChromium();
  const page = await (await browser).newPage();
  try {
    await page.goto(url);
    const greeting = page.getByTestId('greeting');
    await expect.poll(() => greeting.textContent(), { timeout: 15_000 }).toBe('Hello, host, from the remote! Clicked 0 times.');
    await greeting.click();
    await expect.poll(() => greeting.textContent()).toBe('Hello, host, from the remote! Clicked 1 time.');
  } finally {
    await page.close();
  }
}

/** A file using every package's public API, as an app would. */
const consumer = `
import { defineConfig, type FederationConfig } from '@tessera/build';
import { serve } from '@tessera/cli';
import { createBus } from '@tessera/bus';
import { defineStore } from '@tessera/store';
import { FederationError, init, loadRemote, getFederationInfo } from '@tessera/runtime';
import { RemoteComponent, useStore, useTopic } from '@tessera/react';
import { createTestHost, mockRemote, loadContainer } from '@tessera/testing';
import { createElement } from 'react';

export const config: FederationConfig = defineConfig({ name: 'app', exposes: { './A': './src/a.ts' }, shared: { react: { singleton: true } } });
const cart = defineStore('cart', { initial: { items: [] as string[] } });
const bus = createBus<{ theme: 'light' | 'dark' }>();
export function View() {
  const items = useStore(cart, (s) => s.items);
  const theme = useTopic(bus, 'theme', 'light');
  return createElement('div', { className: theme }, items.length, createElement(RemoteComponent, { id: 'remote/Greeting', fallback: 'x' }));
}
export async function main(): Promise<void> {
  init({ name: 'app', remotes: [{ name: 'remote', entry: 'http://localhost:4001/mf-manifest.json' }], shared: {} });
  try {
    await loadRemote<{ greet(name: string): string }>('remote/greeting');
  } catch (error) {
    if (error instanceof FederationError) console.log(error.code, error.remote, error.url);
  }
  console.log(getFederationInfo());
  const host = createTestHost({ name: 'test' });
  mockRemote('remote', { './greeting': { greet: (n: string) => n } });
  void host;
  void loadContainer;
  const { close } = await serve({ dir: 'dist', port: 0 });
  await close();
}
`;

beforeAll(async () => {
  await run(process.execPath, [join(repo, 'scripts', 'pack.js'), '--no-build', '--out', packs]);
}, 120_000);

afterAll(async () => {
  await (await browser)?.close();
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(work, { recursive: true, force: true });
});

describe.concurrent('installed from the tarballs, outside the repository', () => {
  it('create-tessera --template react: installs, builds, passes its own test and strict type-check, serves a host that renders the remote in Chromium, and so does npm run dev; every package type-checks in a strict consumer', async ({ expect }) => {
    const app = await scaffold('react');
    const ports = { host: await freePort(), remote: await freePort() };
    await npm(app, ['run', 'build'], { REMOTE_URL: `http://localhost:${ports.remote}/mf-manifest.json` });
    expect(await npm(app, ['test'])).toMatch(/Tests +1 passed/);
    // The app's own strict type-check, with a file that uses every package's public API added to it.
    writeFileSync(join(app, 'host', 'src', 'consumer.ts'), consumer);
    await npm(app, ['run', 'typecheck']);
    await checkPage(await start(app, ports), expect);
    // The dev loop: both apps in one tessera dev session, the host loading the remote from its dev server.
    await checkPage(await dev(app), expect);
  }, 300_000);

  it('create-tessera --template vanilla-ts: installs, builds, passes its own test and strict type-check, and runs in Chromium', async ({ expect }) => {
    const app = await scaffold('vanilla-ts');
    const ports = { host: await freePort(), remote: await freePort() };
    await npm(app, ['run', 'build'], { REMOTE_URL: `http://localhost:${ports.remote}/mf-manifest.json` });
    expect(await npm(app, ['test'])).toMatch(/Tests +1 passed/);
    await npm(app, ['run', 'typecheck']);
    await checkPage(await start(app, ports), expect);
  }, 300_000);
});
