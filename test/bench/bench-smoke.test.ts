import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const out = join(repo, 'tmp', `bench-smoke-${process.pid}`);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const coldWarm = { coldMs: expect.any(Number), warmMs: expect.any(Number) };
const ratios = { cold: expect.any(Number), warm: expect.any(Number) };
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
    for (const measure of ['build time, cold (3 apps)', 'build time, warm (3 apps)', 'remote entry catalog', 'shop page: JS gzipped, all', 'shop page: both remotes rendered']) {
      expect(stdout).toContain(`| ${measure}`);
    }
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results).toMatchObject({
      machine: { cores: expect.any(Number), node: process.version },
      tools: { webpack: expect.stringMatching(/^5\./), rspack: expect.any(String), esbuild: expect.any(String) },
      buildTime: {
        rounds: 1,
        tessera: coldWarm, tesseraNoDts: coldWarm, webpack: coldWarm, rspack: coldWarm, esbuild: coldWarm,
        ratioToTessera: { webpack: ratios, rspack: ratios, esbuild: ratios, tesseraNoDts: ratios },
        ratioToTesseraNoDts: { webpack: ratios, rspack: ratios, esbuild: ratios },
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
      pageLoad: { tessera: page, webpack: page, rspack: page, ratioToTessera: { webpack: pageRatios, rspack: pageRatios } },
      negotiation: { loadShareMicroseconds: expect.any(Number), importMicroseconds: expect.any(Number) },
      throughput: { storeUpdateNotify: { ratioToZustand: expect.any(Number) }, busPublish: { ratioToMitt: expect.any(Number) } },
      durationSeconds: expect.any(Number),
    });
    // Every build was timed, and every app of every build served JavaScript to the page.
    for (const tool of ['tessera', 'tesseraNoDts', 'webpack', 'rspack', 'esbuild']) expect(results.buildTime[tool].coldMs).toBeGreaterThan(0);
    for (const tool of ['tessera', 'webpack', 'rspack']) {
      const { jsGzipBytesByApp, jsGzipBytes } = results.pageLoad[tool];
      for (const app of ['shell', 'catalog', 'cart']) expect(jsGzipBytesByApp[app]).toBeGreaterThan(0);
      const sum = jsGzipBytesByApp.shell + jsGzipBytesByApp.catalog + jsGzipBytesByApp.cart;
      expect(Math.abs(sum - jsGzipBytes)).toBeLessThanOrEqual(jsGzipBytes * 0.01); // medians per app vs of the totals
      expect(results.bytes.remoteEntryGzip[tool].catalog.withStaticImports).toBeGreaterThanOrEqual(results.bytes.remoteEntryGzip[tool].catalog.entry);
    }
    expect(readFileSync(join(out, 'BENCHMARKS.md'), 'utf8')).toMatch(/^# Benchmarks\n\n`npm run bench`, \d{4}-\d\d-\d\d, on \d+ cores \(.*\), Node v\d+\.\d+\.\d+/);
  }, 120_000);
});
