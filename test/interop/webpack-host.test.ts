import { join } from 'node:path';
import type { Configuration } from 'webpack';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '@tessera/build';
import { buildIsolated } from '../support/isolated-build.js';
import { serve } from '@tessera/cli';
import { launchChromium } from '../e2e/chromium.js';
import { federationInfo, openPage, scriptsWithReact } from '../e2e/page.js';
import { importConfig, runWebpack } from './webpack-build.js';

// Issue #5, part 3: a real webpack 5 host (ModuleFederationPlugin `remotes`) loads a Tessera remote,
// as a classic script (`remoteType: 'script'`, remoteEntry.var.js) and as an ES module
// (`remoteType: 'module'`, remoteEntry.js), and shares its React with it.
const fixtures = join(import.meta.dirname, '..', 'fixtures');
type RemoteType = 'script' | 'module';
let browser: Browser;
let remote: Awaited<ReturnType<typeof serve>>;
let hosts: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  let remoteConfig: ResolvedConfig;
  [browser, remoteConfig] = await Promise.all([launchChromium(), buildIsolated(join(fixtures, 'interop-remote'))]);
  // The remote is served first: its URL goes into the webpack host's config.
  remote = await serve({ dir: remoteConfig.outDir, port: 0 });
  type HostConfig = (options: { outDir: string; remoteType: RemoteType; remoteEntry: string }) => Configuration;
  const { hostConfig } = await importConfig<{ hostConfig: HostConfig }>(join(fixtures, 'webpack-host', 'webpack.config.js'));
  const dist = join(fixtures, 'webpack-host', 'dist');
  await runWebpack([
    hostConfig({ outDir: join(dist, 'script'), remoteType: 'script', remoteEntry: `tesseraRemote@${remote.url}remoteEntry.var.js` }),
    hostConfig({ outDir: join(dist, 'module'), remoteType: 'module', remoteEntry: `${remote.url}remoteEntry.js` }),
  ]);
  hosts = await serve({ dir: dist, port: 0 });
});

afterAll(async () => {
  await browser?.close();
  await hosts?.close();
  await remote?.close();
});

describe('a webpack 5 host loading a Tessera remote', () => {
  for (const [remoteType, entry] of [['script', 'remoteEntry.var.js'], ['module', 'remoteEntry.js']] as const) {
    it(`remoteType '${remoteType}' (${entry}): renders the Tessera component with the host's React, and it responds to clicks`, async () => {
      const { page, errors, scripts, settle } = await openPage(browser, `${hosts.url}${remoteType}/`);
      try {
        const button = page.getByTestId('tessera-clicker-button');
        await button.click();
        await button.click();
        await expect.poll(() => button.textContent()).toBe('Tessera remote in webpack host: 2');
        expect(await page.getByTestId('webpack-host').textContent()).toContain(
          (await page.getByTestId('tessera-clicker-react').textContent())!.replace('React ', ''),
        );

        await settle();
        const remoteFiles = scripts.map((s) => s.url).filter((url) => url.startsWith(remote.url)).map((url) => url.slice(remote.url.length));
        expect(remoteFiles).toContain(entry);
        expect(remoteFiles.some((file) => /^Clicker-[A-Z0-9]{8}\.js$/.test(file))).toBe(true);
        // React's code arrived once, from the webpack host; the remote's React chunk was never fetched.
        expect(scriptsWithReact(scripts).map((url) => new URL(url).origin)).toEqual([new URL(hosts.url).origin]);
        expect(remoteFiles.some((file) => /^react-[A-Z0-9]{8}\.js$/.test(file))).toBe(false);

        // The Tessera remote's runtime saw webpack's share scope: React came from the webpack host.
        const info = await federationInfo(page);
        const react = info.shared.find((s) => s.key === 'react')!;
        expect(react.consumers.map((c) => `${c.consumer} got ${c.version} from ${c.from}`)).toEqual([
          expect.stringMatching(/^tesseraRemote got 19\.\d+\.\d+ from webpackHost$/),
        ]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
