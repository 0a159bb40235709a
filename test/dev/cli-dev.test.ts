import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyShop } from './shop-copy.js';

const tessera = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'bin', 'tessera.js');

// `tessera dev` as a person runs it: the URLs printed, the dev manifest announcing the channel.
describe('tessera dev (the command)', () => {
  const shop = copyShop();
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child!.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    shop.remove();
  });

  it("prints each app's URL, and a remote's dev manifest announces its hot-update channel", async () => {
    child = spawn(process.execPath, [tessera, 'dev', shop.dir, '--port', '0', '--no-types'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await expect.poll(() => output, { timeout: 60_000 }).toMatch(/dev servers ready in \d+ ms/);
    const urls = Object.fromEntries([...output.matchAll(/^ {2}(\w+) +(http:\/\/localhost:\d+\/)$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(urls).sort()).toEqual(['cart', 'catalog', 'shell']);
    const manifest = await (await fetch(`${urls.catalog}mf-manifest.json`)).json();
    expect(manifest.metaData.devServer).toEqual({ hotUpdate: `ws://${new URL(urls.catalog!).host}/__tessera/hot`, protocol: 1 });
    const html = await (await fetch(urls.shell!)).text();
    expect(html).toContain('main.js');
  }, 90_000);
});
