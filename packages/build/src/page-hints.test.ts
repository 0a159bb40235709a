import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIsolated } from '../../../test/support/isolated-build.js';

const shop = join(import.meta.dirname, '..', '..', '..', 'examples', 'shop');
const preloads = (html: string) => [...html.matchAll(/<link rel="modulepreload" href="\.\/([^"]+)"/g)].map((m) => m[1]!).sort();

describe('the host page\'s start-up scripts', () => {
  it('are module-preloaded by index.html: the main chunk and the fallbacks it consumes, not main.js itself nor the inspector\'s lazy panel', async () => {
    const shell = await buildIsolated(join(shop, 'shell'), (config) => void (config.dts = false));
    const html = readFileSync(join(shell.outDir, 'index.html'), 'utf8');
    expect(preloads(html).map((file) => file.replace(/-[A-Z0-9]{8}\.js$/, ''))).toEqual(['main', 'react', 'react-dom']);
    for (const file of preloads(html)) expect(readdirSync(shell.outDir)).toContain(file);
  });
});
