import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runtimeSize } from './runtime-size.js';

describe('runtimeSize', () => {
  it('measures @tessera/runtime as apps carry it, within its budget (the README records the figure)', async () => {
    const { bytes, gzipBytes } = await runtimeSize(import.meta.dirname);
    console.log(`@tessera/runtime: ${bytes} bytes minified, ${gzipBytes} bytes gzipped`);
    expect(gzipBytes).toBeGreaterThan(1000);
    expect(gzipBytes).toBeLessThan(bytes);
    // 8 KiB before issue 9 added timeouts, retries, circuit breaking, manifest checks and
    // integrity (+2.2 KB); issue 12 brings what a host needs down to 6,000 B.
    // Issue 16 (+483 B): the load steps, retries, the rule behind each choice, own registrations
    // and uses by webpack consumers, recorded as they happen; the complete view that reads them is
    // @tessera/runtime/federation-info, which apps do not carry.
    // Issue 12 asks ≤ 6,000 B for the whole namespace (a page shares one runtime: every export is
    // reachable from __TESSERA__.runtime). Shorter messages and hints (the causes and fixes are in
    // docs/errors.md), shared error wrapping and a more compact selectShared took 10,642 → 10,514 B (with the typed hook and provider errors of issue 9 added);
    // semver (~1,350 B), share negotiation and its records (~1,200 B) and remote loading (~1,000 B)
    // are most of the rest. Not there yet: the budget keeps what was won, with room for the page
    // protocol of issue 12 item 1 (`joinPage`, `PROTOCOL`) merging in.
    // Issue 12's one runtime per page (+231 B): the page protocol (joinPage, a registry per
    // protocol), loadedRemote, and re-importing a remote's entry after its rules failed.
    // Issue 12's page path (+890 B, 10,739 → 11,629 B): a Tessera remote's manifest offers its shared
    // versions before its entry loads (share-offers.ts: placeholders, the waits that keep webpack's
    // selection, the check of what the entry registered), and the expose files a manifest names are
    // preloaded while the entry loads. The ≤ 6,000 B goal still stands.
    expect(gzipBytes).toBeLessThanOrEqual(11.375 * 1024);
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(readme, 'update the runtime size recorded in README.md').toContain(`**${gzipBytes} bytes gzipped**`);
  });
});
