import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '@tessera/build';
import { buildIsolated } from '../support/isolated-build.js';
import { serve } from '@tessera/cli';
import { launchChromium } from '../e2e/chromium.js';
import { federationInfo, openPage, scriptsWithReact } from '../e2e/page.js';

// Issue #5, part 4: a host on Module Federation 2.0's runtime (`@module-federation/enhanced/runtime`:
// createInstance + loadRemote, bundled for the browser with esbuild) loads a Tessera remote, by its
// remote entry URL and by its mf-manifest.json URL, and provides React to it.
const fixtures = join(import.meta.dirname, '..', 'fixtures');
const hostDir = join(fixtures, 'interop-mf-host');
let browser: Browser;
let remote: Awaited<ReturnType<typeof serve>>;
let host: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  const dist = join(hostDir, 'dist');
  mkdirSync(dist, { recursive: true });
  cpSync(join(hostDir, 'index.html'), join(dist, 'index.html'));
  let remoteConfig: ResolvedConfig;
  [browser, remoteConfig] = await Promise.all([
    launchChromium(),
    buildIsolated(join(fixtures, 'interop-remote')),
    build({
      entryPoints: [join(hostDir, 'src', 'main.tsx')],
      outfile: join(dist, 'main.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      minify: true,
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    }),
  ]);
  remote = await serve({ dir: remoteConfig.outDir, port: 0 });
  host = await serve({ dir: dist, port: 0 });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await remote?.close();
});

describe('a Module Federation 2.0 runtime host loading a Tessera remote', () => {
  for (const file of ['remoteEntry.js', 'mf-manifest.json']) {
    it(`by ${file}: renders the Tessera component with the host's React, and it responds to clicks`, async () => {
      const { page, errors, scripts, settle } = await openPage(browser, `${host.url}?entry=${encodeURIComponent(remote.url + file)}`);
      try {
        const button = page.getByTestId('tessera-clicker-button');
        await button.click();
        await button.click();
        await button.click();
        await expect.poll(() => button.textContent()).toBe('Tessera remote in MF 2.0 host: 3');

        await settle();
        // React's code arrived once, in the host's bundle; the remote's React chunk was never fetched.
        expect(scriptsWithReact(scripts)).toEqual([`${host.url}main.js`]);
        const remoteFiles = scripts.map((s) => s.url).filter((url) => url.startsWith(remote.url)).map((url) => url.slice(remote.url.length));
        expect(remoteFiles).toContain('remoteEntry.js');
        expect(remoteFiles.some((f) => /^react-[A-Z0-9]{8}\.js$/.test(f))).toBe(false);

        // The Tessera remote negotiated in the MF 2.0 share scope: React came from the host.
        const info = await federationInfo(page);
        const react = info.shared.find((s) => s.key === 'react')!;
        expect(react.consumers.map((c) => `${c.consumer} got ${c.version} from ${c.from}`)).toEqual([
          expect.stringMatching(/^tesseraRemote got 19\.\d+\.\d+ from mfHost$/),
        ]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
