import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useCatalogCopies } from '../../../test/support/app-copy.js';
import { buildApp } from './build.js';
import { loadConfig } from './load-config.js';

const { copy } = useCatalogCopies('gzip-size-cache-test');

/** What the report says of each file, against gzip -9 of the bytes on disk now. */
function truth(outDir: string, files: { file: string; bytes: number; gzipBytes: number }[]) {
  return files.map(({ file }) => {
    const content = readFileSync(join(outDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
}

describe('the report\'s gzip sizes', () => {
  it('are the sizes of the files on disk, whether computed or reused from the cache, and a changed file is measured again', async () => {
    const root = copy('catalog');
    const config = await loadConfig(root);
    const first = await buildApp(config);
    expect(first.files).toEqual(truth(config.outDir, first.files));
    const cache = join(root, 'node_modules', '.cache', 'tessera', 'gzip-sizes-catalog.json');
    const cached = JSON.parse(readFileSync(cache, 'utf8')) as { sizes: [string, number][] };
    expect(cached.sizes.length).toBe(first.files.length);

    const second = await buildApp(config);
    expect(second.files).toEqual(first.files);

    const source = join(root, 'src', 'ProductList.tsx');
    writeFileSync(source, readFileSync(source, 'utf8').replace(/<h2>[^<]*<\/h2>/, '<h2>A heading that makes the chunk longer than it was</h2>'));
    const third = await buildApp(config);
    expect(third.files).not.toEqual(first.files);
    expect(third.files).toEqual(truth(config.outDir, third.files));
  });
});
