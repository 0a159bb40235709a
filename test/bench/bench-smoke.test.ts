import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const out = join(repo, 'tmp', `bench-smoke-${process.pid}`);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const spread = { min: expect.any(Number), median: expect.any(Number), max: expect.any(Number) };
const entry = { entry: expect.any(Number), withStaticImports: expect.any(Number), files: expect.any(Number) };
const page = {
  loads: expect.any(Number),
  renderedMs: expect.any(Number),
  requests: expect.any(Number),
  jsGzipBytes: expect.any(Number),
  jsGzipBytesByApp: { shell: expect.any(Number), catalog: expect.any(Number), cart: expect.any(Number) },
};
const pageRatios = { renderedMs: expect.any(Number), requests: expect.any(Number), jsGzipBytes: expect.any(Number) };

describe('npm run bench', () => {
  it('starts, prints the table and writes results.json and BENCHMARKS.md (quick mode)', async () => {
    mkdirSync(out, { recursive: true });
    const { stdout } = await promisify(execFile)(process.execPath, [join(repo, 'bench', 'run.js'), '--quick', '--out', out], { cwd: repo });
    expect(stdout).toContain('| measure | Tessera | webpack 5 MF | ratio | Rspack MF | ratio | other anchor | anchor value | ratio |');
    for (const measure of [
      'build, 3 apps, whole process, with declarations (default)', 'build, 3 apps, whole process, without declarations (--no-dts)',
      'watch rebuild, catalog, one-line change', 'declarations of the shop\'s exposes', 'remote entry catalog', 'shop page: JS gzipped, all', 'shop page: both remotes rendered',
      'shop page, the shell built with `snapshot: true`: header shown',
    ]) {
      expect(stdout).toContain(`| ${measure}`);
    }
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results).toMatchObject({
      machine: { cores: expect.any(Number), node: process.version },
      tools: { webpack: expect.stringMatching(/^5\./), rspack: expect.any(String), esbuild: expect.any(String) },
      buildTime: {
        rounds: 1,
        ms: { tessera: spread, tesseraNoDts: spread, webpack: spread, webpackEsbuildMinify: spread, rspack: spread, esbuild: spread },
        ratioToTessera: { webpack: spread, webpackEsbuildMinify: spread, rspack: spread, esbuild: spread, tesseraNoDts: spread },
        ratioToTesseraNoDts: { webpack: spread, webpackEsbuildMinify: spread, rspack: spread, esbuild: spread },
      },
      declarations: { oxcMs: expect.any(Number), transpileMs: expect.any(Number), ratioToOxc: { transpile: expect.any(Number) } },
      watchRebuild: {
        changes: 1,
        ms: { tessera: spread, rspack: spread, esbuild: spread },
        ratioToTessera: { rspack: spread, esbuild: spread },
      },
      bytes: {
        runtimeGzip: { tessera: expect.any(Number), moduleFederationRuntime: expect.any(Number), ratioToTessera: expect.any(Number) },
        remoteEntryGzip: {
          tessera: { catalog: entry, cart: entry },
          webpack: { catalog: entry, cart: entry },
          rspack: { catalog: entry, cart: entry },
        },
        remoteEntryRatioToTessera: { webpack: { catalog: expect.any(Number), cart: expect.any(Number) }, rspack: { catalog: expect.any(Number), cart: expect.any(Number) } },
      },
      pageLoad: {
        tessera: page, tesseraSnapshot: page, webpack: page, rspack: page, ratioToTessera: { webpack: pageRatios, rspack: pageRatios },
        ratioToTesseraSnapshot: { webpack: pageRatios, rspack: pageRatios, tessera: pageRatios },
      },
      negotiation: { loadShareMicroseconds: expect.any(Number), importMicroseconds: expect.any(Number) },
      throughput: { storeUpdateNotify: { ratioToZustand: expect.any(Number) }, busPublish: { ratioToMitt: expect.any(Number) } },
      durationSeconds: expect.any(Number),
    });
    // Every build was timed, and every app of every build served JavaScript to the page.
    for (const tool of ['tessera', 'tesseraNoDts', 'webpack', 'webpackEsbuildMinify', 'rspack', 'esbuild']) expect(results.buildTime.ms[tool].median).toBeGreaterThan(0);
    for (const tool of ['tessera', 'rspack', 'esbuild']) expect(results.watchRebuild.ms[tool].median).toBeGreaterThan(0);
    for (const tool of ['tessera', 'webpack', 'rspack']) {
      const { jsGzipBytesByApp, jsGzipBytes } = results.pageLoad[tool];
      for (const app of ['shell', 'catalog', 'cart']) expect(jsGzipBytesByApp[app]).toBeGreaterThan(0);
      const sum = jsGzipBytesByApp.shell + jsGzipBytesByApp.catalog + jsGzipBytesByApp.cart;
      expect(Math.abs(sum - jsGzipBytes)).toBeLessThanOrEqual(jsGzipBytes * 0.01); // medians per app vs of the totals
      expect(results.bytes.remoteEntryGzip[tool].catalog.withStaticImports).toBeGreaterThanOrEqual(results.bytes.remoteEntryGzip[tool].catalog.entry);
    }
    // The snapshot shell fetched no manifest: fewer requests than the default shell, the same remotes.
    expect(results.pageLoad.tesseraSnapshot.requests).toBe(results.pageLoad.tessera.requests - 2);
    expect(readFileSync(join(out, 'BENCHMARKS.md'), 'utf8')).toMatch(/^# Benchmarks\n\n`npm run bench`, \d{4}-\d\d-\d\d, on \d+ cores \(.*\), Node v\d+\.\d+\.\d+/);
  }, 120_000);
});
