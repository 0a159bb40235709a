import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', 'bin', 'tessera.js');
const repo = join(import.meta.dirname, '..', '..', '..');
const work = join(repo, 'tmp', `build-command-test-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the shop's apps (their dist/ stays untouched for the tests that serve it). */
function copyShop(into: string): void {
  for (const app of ['catalog', 'cart', 'shell']) {
    cpSync(join(repo, 'examples', 'shop', app), join(into, app), { recursive: true, filter: (src) => !/node_modules|dist|\.tessera/.test(src) });
  }
}
const appsInOutput = (stdout: string) => [...stdout.matchAll(/^(\w+) → /gm)].map((m) => m[1]);

describe('tessera build with several roots', () => {
  it('builds the shop\'s three apps in one process, remotes before the host', async () => {
    const shop = join(work, 'shop');
    copyShop(shop);
    // The host first on the command line: the report still lists the remotes first.
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'build', 'shell', 'catalog', 'cart'], { cwd: shop });
    expect(stderr).toBe('');
    expect(appsInOutput(stdout)).toEqual(['catalog', 'cart', 'shell']);
    expect(stdout).toMatch(/declarations \(isolated emitter\) in [\d.]+ ms/);
    for (const app of ['catalog', 'cart']) {
      const manifest = JSON.parse(readFileSync(join(shop, app, 'dist', 'mf-manifest.json'), 'utf8'));
      expect(manifest.metaData.types.files).toContain('index.d.ts');
    }
    expect(existsSync(join(shop, 'shell', 'dist', 'main.js'))).toBe(true);
  }, 60_000);

  it('keeps the shared fallbacks in node_modules/.cache/tessera, and --no-cache neither reads nor writes anything there (same output)', async () => {
    const shop = join(work, 'cache');
    copyShop(shop);
    const build = (...flags: string[]) => promisify(execFile)(process.execPath, [bin, 'build', ...flags, 'catalog'], { cwd: shop });
    const kept = join(shop, 'catalog', 'node_modules', '.cache', 'tessera', 'fallbacks');
    const { stdout } = await build('--no-cache');
    expect(stdout).toMatch(/runtime \(@tessera\/runtime, minified\): \d+ bytes gzipped/);
    expect(existsSync(join(shop, 'catalog', 'node_modules', '.cache', 'tessera'))).toBe(false);
    const uncached = readFileSync(join(shop, 'catalog', 'dist', 'mf-manifest.json'), 'utf8');
    await build();
    expect(existsSync(join(kept, 'catalog-build', 'entry.json'))).toBe(true);
    expect(readFileSync(join(shop, 'catalog', 'dist', 'mf-manifest.json'), 'utf8')).toBe(uncached);
  }, 60_000);

  it('builds every workspace package with a federation.config.* from a workspace root', async () => {
    const root = join(work, 'workspace');
    copyShop(join(root, 'apps'));
    mkdirSync(join(root, 'apps', 'no-config'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ private: true, workspaces: ['apps/*'] }));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'build', root], { cwd: repo });
    expect(appsInOutput(stdout).sort()).toEqual(['cart', 'catalog', 'shell']);
    expect(appsInOutput(stdout).at(-1)).toBe('shell');
  }, 60_000);
});
