import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@tessera/build';
import { useCatalogCopies } from '../../../test/support/app-copy.js';
import { appModules } from './app-modules.js';
import { createDevBuild } from './dev-build.js';

const { copy } = useCatalogCopies('module-list-cache-test');

describe("a dev build's module list cache", () => {
  it('is written after the first build, and a stale list (a module gone, one missing) still gives the right build and is corrected', async () => {
    const root = copy('catalog');
    const config = { ...(await loadConfig(root)), outDir: join(root, '.tessera', 'dev'), cleanOutDir: false, minify: false, dts: false };
    const truth = await appModules(config);
    const cacheFile = join(root, 'node_modules', '.cache', 'tessera', 'dev-modules-catalog.json');

    const first = await createDevBuild(config);
    expect((await first.rebuild()).kind).toBe('built');
    await first.dispose();
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).modules).toEqual(truth);

    // The list of another session: one module left out, one file that no longer exists.
    const gone = join(root, 'src', 'Removed.tsx');
    writeFileSync(cacheFile, JSON.stringify({ root, modules: [...truth.slice(1), gone] }));
    const second = await createDevBuild(config);
    const outcome = await second.rebuild();
    await second.dispose();
    expect(outcome.kind).toBe('built');
    if (outcome.kind !== 'built') return;
    const inputs = Object.keys(outcome.metafile.inputs).map((path) => join(root, path));
    expect(inputs).toEqual(expect.arrayContaining(truth.filter((file) => file.startsWith(root))));
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).modules).toEqual(truth);
  });
});
