import { join } from 'node:path';
import type { Configuration } from 'webpack';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig } from '@tessera/build';
import { serve } from '@tessera/cli';
import { launchChromium } from '../e2e/chromium.js';
import { federationInfo, openPage, scriptsWithReact } from '../e2e/page.js';
import { importConfig, runWebpack } from './webpack-build.js';

// Issue #5, part 2: a Tessera host loads real webpack 5 remotes (library types 'var' and
// 'module') through loadRemote, and provides React to them: one React, hooks across builds.
const fixtures = join(import.meta.dirname, '..', 'fixtures');
let browser: Browser;
let host: Awaited<ReturnType<typeof serve>>;
let remotes: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  const webpackDist = join(fixtures, 'webpack-remote', 'dist');
  const { remoteConfigs } = await importConfig<{ remoteConfigs(outDir: string): Configuration[] }>(join(fixtures, 'webpack-remote', 'webpack.config.js'));
  const hostConfig = await loadConfig(join(fixtures, 'interop-host'));
  [browser] = await Promise.all([launchChromium(), runWebpack(remoteConfigs(webpackDist)), buildApp(hostConfig)]);
  remotes = await serve({ dir: webpackDist, port: 0 });
  host = await serve({ dir: hostConfig.outDir, port: 0 });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await remotes?.close();
});

describe('a Tessera host loading webpack 5 remotes', () => {
  it('renders both webpack components (var script and ES module) with the host React, hooks working', async () => {
    const query = new URLSearchParams({ var: `${remotes.url}webpackVar/remoteEntry.js`, esm: `${remotes.url}webpackEsm/remoteEntry.js` });
    const { page, errors, scripts, settle } = await openPage(browser, `${host.url}?${query}`);
    try {
      const varButton = page.getByTestId('slot-var').getByTestId('webpack-counter-button');
      const esmButton = page.getByTestId('slot-esm').getByTestId('webpack-counter-button');
      await varButton.click();
      await varButton.click();
      await esmButton.click();
      // useState in the webpack components runs on the host's React (a second React would throw "Invalid hook call").
      await expect.poll(() => varButton.textContent()).toBe('var remote: 2');
      await expect.poll(() => esmButton.textContent()).toBe('module remote: 1');
      const hostReact = await page.getByTestId('host-react').textContent();
      expect(await page.getByTestId('slot-var').getByTestId('webpack-counter-react').textContent()).toBe(hostReact);

      await settle();
      // React's code arrived once, from the host; the remotes' own React chunks were never fetched.
      expect(scriptsWithReact(scripts).map((url) => new URL(url).origin)).toEqual([new URL(host.url).origin]);
      const fetched = scripts.map((s) => s.url).filter((url) => url.startsWith(remotes.url)).map((url) => url.slice(remotes.url.length));
      expect(fetched).toContain('webpackVar/remoteEntry.js');
      expect(fetched).toContain('webpackEsm/remoteEntry.js');

      const info = await federationInfo(page);
      expect(info.remotes.map((r) => `${r.name}: ${r.type} ${r.status}`).sort()).toEqual(['webpackEsm: module loaded', 'webpackVar: var loaded']);
      // The webpack remotes registered React 19 too (from '@fixture/webpack-var', '@fixture/webpack-esm'):
      // for equal versions the greater `from` wins, so the host's entry stayed, and it is the one loaded.
      const react = info.shared.find((s) => s.key === 'react')!;
      expect(react.versions).toEqual([expect.objectContaining({ from: 'tesseraHost', loaded: true })]);
      expect(await page.evaluate(() => typeof (globalThis as { webpackVar?: { get?: unknown } }).webpackVar?.get)).toBe('function');

      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
