import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createInstance } from '@tessera/runtime';
import { useFixtureBuilds } from '../../../test/support/fixture-builds.js';
import { loadContainer } from './load-container.js';
import { provideShared } from './provide-shared.js';
import { resetFederation } from './reset-federation.js';

type Duration = { parse(text: string): number | undefined; ms: unknown };

const { dist, tempDir } = useFixtureBuilds(['alpha', 'beta']);
const WEEK = 604_800_000;

afterEach(() => resetFederation());
describe('loadContainer', () => {
  it('loads a built remote from disk into a new share scope', async () => {
    const alpha = await loadContainer(dist.alpha!);
    expect(alpha).toMatchObject({ name: 'alpha', url: pathToFileURL(join(dist.alpha!, 'remoteEntry.js')).href });
    expect(alpha.shareScope).toBe(alpha.host.shareScopes.default);
    expect(alpha.shareScope.ms!['2.0.0']).toMatchObject({ from: 'alpha', eager: false });
    const { parse } = await alpha.load<Duration>('./duration');
    expect(parse('2h')).toBe(7_200_000);
    expect(parse('1w')).toBeUndefined(); // ms 2.0.0 has no weeks
    expect(alpha.shareScope.ms!['2.0.0']!.loaded).toBeTruthy();
  });

  it('negotiates between remotes initialised with one host scope, by webpack rules', async () => {
    const host = createInstance({ name: 'negotiating-host' });
    const alpha = await loadContainer(dist.alpha!, { host });
    const beta = await loadContainer(dist.beta!, { host });
    expect(beta.shareScope).toBe(alpha.shareScope);
    expect(Object.keys(alpha.shareScope.ms!).sort()).toEqual(['2.0.0', '2.1.3']);
    // alpha needs ~2.0.0 (its own copy), beta ^2.1.0 (2.1.3), 'duration' without the './' works too.
    expect((await alpha.load<Duration>('duration')).parse('1w')).toBeUndefined();
    expect((await beta.load<Duration>('./duration')).parse('1w')).toBe(WEEK);
  });

  it("gives the remote the test's own copy of a shared package, provided from node_modules", async () => {
    const ms = await import('ms');
    const beta = await loadContainer(dist.beta!, { shared: provideShared({ ms }) });
    // Same version as beta's (2.1.3): the eager copy of the test wins.
    expect(beta.shareScope.ms!['2.1.3']).toMatchObject({ from: 'test', eager: true });
    expect((await beta.load<Duration>('./duration')).ms).toBe(ms.default);
  });

  it('loads the same folder again as a new instance, so another scope does not conflict', async () => {
    const first = await loadContainer(dist.beta!);
    const second = await loadContainer(dist.beta!);
    expect(second.container).not.toBe(first.container);
    expect(second.url).not.toBe(first.url);
    expect(second.shareScope).not.toBe(first.shareScope);
    expect((await second.load<Duration>('./duration')).parse('1w')).toBe(WEEK);
  });

  it('finds the entry the manifest names, or takes the manifest or entry file itself', async () => {
    expect((await loadContainer(join(dist.alpha!, 'mf-manifest.json'))).name).toBe('alpha');
    expect((await loadContainer(pathToFileURL(join(dist.alpha!, 'remoteEntry.js')))).name).toBe('alpha');
  });

  it('fails with codes for a folder without a build, a broken manifest, a file that is no container, an unknown expose', async () => {
    const empty = tempDir('empty');
    await expect(loadContainer(empty)).rejects.toMatchObject({ code: 'TESSERA_REMOTE_LOAD_FAILED', url: pathToFileURL(join(empty, 'remoteEntry.js')).href });

    const broken = tempDir('broken');
    writeFileSync(join(broken, 'mf-manifest.json'), '{ "name": "broken", "metaData": {} }');
    await expect(loadContainer(broken)).rejects.toMatchObject({ code: 'TESSERA_MANIFEST_INVALID' });

    const notAContainer = join(tempDir('plain'), 'lib');
    mkdirSync(notAContainer);
    writeFileSync(join(notAContainer, 'remoteEntry.js'), 'export const answer = 42;\n');
    await expect(loadContainer(notAContainer)).rejects.toMatchObject({ code: 'TESSERA_REMOTE_INVALID_CONTAINER', remote: 'lib' });

    const alpha = await loadContainer(dist.alpha!);
    await expect(alpha.load('./nope')).rejects.toMatchObject({ code: 'TESSERA_EXPOSE_NOT_FOUND', remote: 'alpha' });
  });
});
