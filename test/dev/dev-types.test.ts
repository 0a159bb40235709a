import { afterAll, describe, expect, it } from 'vitest';
import { startDev, type DevSession } from '@tessera/dev';
import { copyShop } from './shop-copy.js';

// Types while developing: a remote's exposed types change, the host's uses that no longer fit are printed.
describe('tessera dev: types across apps', () => {
  const shop = copyShop();
  const lines: string[] = [];
  let session: DevSession | undefined;
  const log = () => lines.join('\n');

  afterAll(async () => {
    await session?.close();
    shop.remove();
  });

  it("prints, without holding up hot updates, the host's uses that no longer fit, and when they fit again", async () => {
    session = await startDev({ roots: [shop.dir], port: 0, log: (line) => lines.push(line) });
    shop.edit('catalog/src/ProductList.tsx', (s) => s.replace('title?: string;', 'title?: number;').replace("title = 'Catalog'", 'title = 0'));
    await expect.poll(log, { timeout: 120_000 }).toMatch(/shell {2}types: 1 use no longer fits the remotes' types\n {2}src\/App\.tsx:\d+:\d+ {2}catalog\/ProductList {2}Type 'string' is not assignable to type 'number'/);
    // The hot update went out first: the type checker runs in a process of its own.
    expect(log().indexOf('catalog  hot update src/ProductList.tsx')).toBeLessThan(log().indexOf('shell  types:'));
    shop.edit('catalog/src/ProductList.tsx', (s) => s.replace('title?: number;', 'title?: string;').replace('title = 0', "title = 'Catalog'"));
    await expect.poll(log, { timeout: 120_000 }).toMatch(/shell {2}types: every use fits its remotes' types again/);
  }, 300_000);
});
