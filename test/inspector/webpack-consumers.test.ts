import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Configuration } from 'webpack';
import type { FederationInfo } from '@tessera/runtime';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '@tessera/cli';
import { launchChromium } from '../e2e/chromium.js';
import { openPage } from '../e2e/page.js';
import { importConfig, runWebpack } from '../interop/webpack-build.js';
import { buildIsolated } from '../support/isolated-build.js';

// Issue 16: with webpack remotes on the page, federation info lists what the webpack consumers
// took, although webpack records only a `loaded` flag in the share scope. The complete view
// (`@tessera/runtime/federation-info`, which the inspector uses) is added to the page as devtools do.
async function completeInfoScript(): Promise<string> {
  const result = await build({
    stdin: { contents: 'import { getFederationInfo } from "@tessera/runtime/federation-info"; globalThis.__completeInfo = getFederationInfo;', resolveDir: import.meta.dirname },
    bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
const fixtures = join(import.meta.dirname, '..', 'fixtures');
const webpackDist = mkdtempSync(join(tmpdir(), 'tessera-webpack-remote-'));
let browser: Browser;
let host: Awaited<ReturnType<typeof serve>>;
let remotes: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  const { remoteConfigs } = await importConfig<{ remoteConfigs(outDir: string): Configuration[] }>(join(fixtures, 'webpack-remote', 'webpack.config.js'));
  const [launched, , hostConfig] = await Promise.all([launchChromium(), runWebpack(remoteConfigs(webpackDist)), buildIsolated(join(fixtures, 'interop-host'))]);
  browser = launched;
  remotes = await serve({ dir: webpackDist, port: 0 });
  host = await serve({ dir: hostConfig.outDir, port: 0 });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await remotes?.close();
  rmSync(webpackDist, { recursive: true, force: true });
});

describe('federation info with webpack remotes on the page', () => {
  it('lists each webpack consumer with the React version it took, from whom, next to the Tessera host', async () => {
    const query = new URLSearchParams({ var: `${remotes.url}webpackVar/remoteEntry.js`, esm: `${remotes.url}webpackEsm/remoteEntry.js` });
    const { page, errors } = await openPage(browser, `${host.url}?${query}`);
    try {
      await page.getByTestId('slot-esm').getByTestId('webpack-counter-button').waitFor();
      await page.getByTestId('slot-var').getByTestId('webpack-counter-button').waitFor();
      await page.addScriptTag({ content: await completeInfoScript() });
      const info = await page.evaluate(() => (globalThis as unknown as { __completeInfo(): FederationInfo }).__completeInfo());
      const react = info.shared.find((s) => s.key === 'react')!;
      const version = react.versions[0]!.version;
      expect(react.versions).toEqual([expect.objectContaining({ from: 'tesseraHost', loaded: true })]);
      expect(react.consumers.map((c) => `${c.consumer} (${c.runtime}): ${c.version} from ${c.from}, ${c.rule}`).sort()).toEqual([
        `tesseraHost (tessera): ${version} from tesseraHost, singleton-highest`,
        `webpackEsm (webpack): ${version} from tesseraHost, foreign`,
        `webpackVar (webpack): ${version} from tesseraHost, foreign`,
      ]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
