import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const shop = join(import.meta.dirname, '..', '..', 'examples', 'shop');

/**
 * A temporary copy of the shop's three apps inside test/dev (so packages resolve from the
 * repository's node_modules): tests edit the copy, never the real sources.
 */
export function copyShop(): { dir: string; edit(file: string, change: (text: string) => string): void; remove(): void } {
  const dir = mkdtempSync(join(import.meta.dirname, '.shop-'));
  for (const app of ['catalog', 'cart', 'shell']) {
    cpSync(join(shop, app), join(dir, app), {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|dist|\.tessera)$/.test(src),
    });
  }
  return {
    dir,
    edit(file, change) {
      const path = join(dir, file);
      writeFileSync(path, change(readFileSync(path, 'utf8')));
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
