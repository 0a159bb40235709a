import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIsolated } from '../../../test/support/isolated-build.js';
import { COMPILE_HINT } from './page-hints.js';

const shop = join(import.meta.dirname, '..', '..', '..', 'examples', 'shop');
const preloads = (html: string) => [...html.matchAll(/<link rel="modulepreload" href="\.\/([^"]+)"/g)].map((m) => m[1]!).sort();

describe('the host page\'s start-up scripts', () => {
  it('are module-preloaded by index.html and start with V8\'s compile hint; no other file does, and a remote\'s files are left as they are', async () => {
    const shell = await buildIsolated(join(shop, 'shell'), (config) => void (config.dts = false));
    const html = readFileSync(join(shell.outDir, 'index.html'), 'utf8');
    const hinted = readdirSync(shell.outDir).filter((file) => file.endsWith('.js') && readFileSync(join(shell.outDir, file), 'utf8').startsWith(`${COMPILE_HINT}\n`)).sort();
    // The main chunk, React and react-dom (the fallbacks main consumes): not main.js itself, nor the inspector's lazy panel.
    expect(hinted).toEqual(preloads(html));
    expect(hinted.map((file) => file.replace(/-[A-Z0-9]{8}\.js$/, ''))).toEqual(['main', 'react', 'react-dom']);

    const catalog = await buildIsolated(join(shop, 'catalog'), (config) => void (config.dts = false));
    for (const file of readdirSync(catalog.outDir).filter((f) => f.endsWith('.js'))) expect(readFileSync(join(catalog.outDir, file), 'utf8'), file).not.toContain(COMPILE_HINT);
  });

  it('get no hint in a build with source maps (the added line would shift them)', async () => {
    const shell = await buildIsolated(join(shop, 'shell'), (config) => {
      config.dts = false;
      config.sourcemap = true;
    });
    for (const file of readdirSync(shell.outDir).filter((f) => f.endsWith('.js'))) expect(readFileSync(join(shell.outDir, file), 'utf8'), file).not.toContain(COMPILE_HINT);
  });
});
