import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getFederationInfo, loadRemote } from '@tessera/runtime';
import { useFixtureBuilds } from '../../../test/support/fixture-builds.js';
import { provideShared } from './provide-shared.js';
import { resetFederation } from './reset-federation.js';
import { createTestHost } from './test-host.js';

type Duration = { parse(text: string): number | undefined; ms: unknown };

const { dist, tempDir } = useFixtureBuilds(['alpha', 'beta']);
const WEEK = 604_800_000;

afterEach(() => resetFederation());

describe('createTestHost', () => {
  it('makes the host that loadRemote uses, with built remotes loaded from their folders', async () => {
    const host = await createTestHost({ remotes: { alpha: dist.alpha!, beta: pathToFileURL(dist.beta!) } });
    expect(host.name).toBe('host');
    // Like a built host's entry, it initialised the share scope: both remotes registered their versions.
    expect(Object.keys(host.shareScopes.default!.ms!).sort()).toEqual(['2.0.0', '2.1.3']);
    expect((await loadRemote<Duration>('alpha/duration')).parse('1w')).toBeUndefined();
    expect((await loadRemote<Duration>('beta/duration')).parse('1w')).toBe(WEEK);
    const info = getFederationInfo();
    expect(info.instances.sort()).toEqual(['alpha', 'beta', 'host']);
    expect(info.remotes.map((r) => `${r.name}:${r.status}`)).toEqual(['alpha:loaded', 'beta:loaded']);
  });

  it('starts each host on a blank page: same name, same folders, nothing carried over', async () => {
    const first = await createTestHost({ name: 'shell', remotes: { alpha: dist.alpha! } });
    await first.loadRemote('alpha/duration');
    const second = await createTestHost({ name: 'shell', remotes: { beta: dist.beta! }, shared: provideShared({ ms: await import('ms') }) });
    expect(second).not.toBe(first);
    await expect(loadRemote('alpha/duration')).rejects.toMatchObject({ code: 'TESSERA_REMOTE_NOT_FOUND' });
    // beta takes the host's copy of ms 2.1.3 (eager wins a tie); the remote is a new instance.
    expect((await loadRemote<Duration>('beta/duration')).ms).toBe((await import('ms')).default);
    expect(getFederationInfo().instances.sort()).toEqual(['beta', 'shell']);

    const third = await createTestHost({ name: 'shell', remotes: { alpha: dist.alpha! } });
    expect((await third.loadRemote<Duration>('alpha/duration')).parse('2h')).toBe(7_200_000);
  });

  it('takes RemoteInput objects, relative paths, and URLs it leaves to the runtime', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await createTestHost({
        remotes: {
          alpha: { entry: join(dist.alpha!, 'mf-manifest.json'), alias: 'durations' },
          beta: `./${relative(process.cwd(), dist.beta!)}`,
          down: 'http://127.0.0.1:9/remoteEntry.js',
          legacy: 'legacy@http://127.0.0.1:9/remoteEntry.var.js',
        },
      });
      expect((await loadRemote<Duration>('durations/duration')).parse('2h')).toBe(7_200_000);
      expect((await loadRemote<Duration>('beta/duration')).parse('1w')).toBe(WEEK);
      await expect(loadRemote('down/Thing')).rejects.toMatchObject({ code: 'TESSERA_REMOTE_LOAD_FAILED', remote: 'down' });
      await expect(loadRemote('legacy/Thing')).rejects.toMatchObject({ remote: 'legacy', url: 'http://127.0.0.1:9/remoteEntry.var.js' });
      expect(warn).toHaveBeenCalled(); // start-up went on without the remote that is down
    } finally {
      warn.mockRestore();
    }
  });

  it('throws TESSERA_REMOTE_LOAD_FAILED for a folder that holds no build', async () => {
    const empty = tempDir('empty');
    await expect(createTestHost({ remotes: { empty } })).rejects.toMatchObject({ code: 'TESSERA_REMOTE_LOAD_FAILED', remote: 'empty' });
  });
});

describe('resetFederation', () => {
  it('leaves a blank page: no remotes, no instances in the federation info', async () => {
    await createTestHost({ remotes: { alpha: dist.alpha! } });
    await resetFederation();
    await expect(loadRemote('alpha/duration')).rejects.toMatchObject({ code: 'TESSERA_REMOTE_NOT_FOUND' });
    expect(getFederationInfo()).toMatchObject({ instances: [], remotes: [], shared: [] });
  });
});
