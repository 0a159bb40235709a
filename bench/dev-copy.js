// A temporary copy of the shop's three apps under tmp/ (packages resolve from the repository's
// node_modules): the dev bench edits the copy, never examples/shop.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

export function copyShop(name) {
  const dir = join(root, 'tmp', `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const app of ['catalog', 'cart', 'shell']) {
    cpSync(join(root, 'examples', 'shop', app), join(dir, app), { recursive: true, filter: (src) => !/[\\/](node_modules|dist|\.tessera)$/.test(src) });
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
