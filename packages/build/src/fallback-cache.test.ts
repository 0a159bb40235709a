import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from './build.js';
import type { ResolvedConfig } from './config.js';
import { loadConfig } from './load-config.js';
import { useCatalogCopies } from '../../../test/support/app-copy.js';

const { copy: copyApp } = useCatalogCopies('fallback-cache');

/** Every file below `dir` with its bytes (paths relative to `dir`), sorted. */
function filesOf(dir: string): [string, string][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map((path): [string, string] => [relative(dir, path), readFileSync(path).toString('base64')])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

const cacheDir = (root: string) => join(root, 'node_modules', '.cache', 'tessera');
const entryOf = (root: string, kind = 'build') => join(cacheDir(root), 'fallbacks', `catalog-${kind}`);

/** Builds and returns every output file's bytes and the manifest's integrity hashes. */
async function output(config: ResolvedConfig): Promise<{ files: [string, string][]; integrity: Record<string, string> }> {
  await buildApp(config);
  const manifest = JSON.parse(readFileSync(join(config.outDir, 'mf-manifest.json'), 'utf8')) as { integrity: Record<string, string> };
  return { files: filesOf(config.outDir), integrity: manifest.integrity };
}

describe('the shared-fallback cache', () => {
  it('gives the same bytes as a build without it: cold, warm and with cache: false, in production and development', async () => {
    const root = copyApp('same-bytes');
    const production = await loadConfig(root);
    const development: ResolvedConfig = { ...production, mode: 'development', minify: false, sourcemap: 'linked' };
    for (const config of [production, development]) {
      const kind = 'build';
      rmSync(cacheDir(root), { recursive: true, force: true });
      const cold = await output(config);
      const entry = entryOf(root, kind);
      expect(existsSync(join(entry, 'entry.json'))).toBe(true);
      const kept = statSync(entry).ino;
      const warm = await output(config);
      // Reused, not built again: the entry is the same folder (a new pass moves a new one into place).
      expect(statSync(entry).ino).toBe(kept);
      const uncached = await output({ ...config, cache: false });
      expect(warm.files).toEqual(cold.files);
      expect(uncached.files).toEqual(cold.files);
      expect(warm.integrity).toEqual(cold.integrity);
      expect(uncached.integrity).toEqual(cold.integrity);
      // The fallbacks are in the output (react, react-dom, react/jsx-runtime), with their source maps in development.
      const names = cold.files.map(([file]) => file);
      for (const group of ['react', 'react-dom', 'jsx-runtime']) expect(names.some((f) => new RegExp(`^${group}-[A-Z0-9]{8}\\.js$`).test(f))).toBe(true);
      // The remote's own runtime chunk, built by the same pass: one, in every build.
      expect(names.filter((f) => /^runtime-[A-Z0-9]{8}\.js$/.test(f))).toHaveLength(1);
      if (config === development) expect(names.some((f) => /^react-dom-[A-Z0-9]{8}\.js\.map$/.test(f))).toBe(true);
    }
  });

  it('builds a corrupt, partial or removed entry again instead of trusting it', async () => {
    const root = copyApp('corrupt');
    const config = await loadConfig(root);
    rmSync(cacheDir(root), { recursive: true, force: true });
    const cold = await output(config);
    const entry = entryOf(root);
    const kept = join(entry, 'files', readdirSync(join(entry, 'files')).find((f) => f.startsWith('react-dom-'))!);
    const good = readFileSync(kept);

    // A kept file's bytes changed (same length): its SHA-256 no longer matches.
    writeFileSync(kept, Buffer.from(good.toString('utf8').replace(/function/, 'fnuction')));
    expect((await output(config)).files).toEqual(cold.files);
    expect(readFileSync(kept)).toEqual(good);

    // A kept file missing (a partial entry).
    rmSync(kept);
    expect((await output(config)).files).toEqual(cold.files);
    expect(readFileSync(kept)).toEqual(good);

    // The description cut short, then gone.
    const description = join(entry, 'entry.json');
    writeFileSync(description, readFileSync(description, 'utf8').slice(0, 100));
    expect((await output(config)).files).toEqual(cold.files);
    expect(JSON.parse(readFileSync(description, 'utf8')).files).toBeDefined();
    rmSync(description);
    expect((await output(config)).files).toEqual(cold.files);
    expect(existsSync(description)).toBe(true);

    // A description naming a file outside outDir (with the right hash): not used, nothing written there.
    const whole = JSON.parse(readFileSync(description, 'utf8'));
    const [name, digest] = Object.entries(whole.files as Record<string, string>)[0]!;
    const escapes = `../escaped-${name}`;
    writeFileSync(join(entry, 'files', escapes), readFileSync(join(entry, 'files', name)));
    writeFileSync(description, JSON.stringify({ ...whole, files: { ...whole.files, [escapes]: digest } }));
    expect((await output(config)).files).toEqual(cold.files);
    expect(existsSync(join(config.outDir, escapes))).toBe(false);
  });

  it('writes only into outDir and the app\'s node_modules/.cache/tessera, and nothing to the cache with cache: false', async () => {
    const root = copyApp('where');
    const config = await loadConfig(root);
    rmSync(join(root, 'node_modules'), { recursive: true, force: true });
    const outside = () => filesOf(root).filter(([file]) => !file.startsWith('dist/') && !file.startsWith('node_modules/.cache/tessera/'));
    const before = outside();
    await buildApp({ ...config, cache: false });
    // Nothing at all: the fallbacks, the share keys, the report's gzip sizes.
    expect(existsSync(cacheDir(root))).toBe(false);
    await buildApp(config);
    expect(existsSync(join(entryOf(root), 'entry.json'))).toBe(true);
    await buildApp(config);
    expect(outside()).toEqual(before);
    // Only this app's entry and the share-key cache: no temporary folder left behind.
    expect(readdirSync(join(cacheDir(root), 'fallbacks'))).toEqual(['catalog-build']);
  });
});
