import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContainer } from './container.js';
import { FederationError } from './errors.js';
import { createInstance } from './federation-instance.js';
import type { Container } from './types.js';

const containers = ((globalThis as Record<string, unknown>).__testContainers = {} as Record<string, Container>);

/** A remote entry module (data: URL) whose container is `containers[name]`. */
function entryUrl(name: string, container: Container): string {
  containers[name] = container;
  const source = `const c = globalThis.__testContainers[${JSON.stringify(name)}];
export const init = (...a) => c.init(...a);
export const get = (...a) => c.get(...a);`;
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/** A remote app: its own runtime instance behind a container, as the build makes it. */
function remoteApp(name: string, shared: Parameters<typeof createInstance>[0]['shared'], exposes: Record<string, unknown>) {
  const instance = createInstance({ name, shared });
  const container = createContainer(
    instance,
    Object.fromEntries(Object.entries(exposes).map(([k, v]) => [k, async () => v as Record<string, unknown>])),
  );
  return { instance, url: entryUrl(name, container) };
}

const DEAD = 'http://127.0.0.1:9/remoteEntry.js';
afterEach(() => vi.restoreAllMocks());

describe('loadRemote', () => {
  it('loads an exposed module as webpack-style exports', async () => {
    const button = remoteApp('ui', {}, { './Button': { default: 'Button', size: 3 } });
    const host = createInstance({ name: 'host1', remotes: { ui: button.url } });
    const module = await host.loadRemote<{ default: string; size: number; __esModule: boolean }>('ui/Button');
    expect(module).toMatchObject({ default: 'Button', size: 3 });
    expect(module.__esModule).toBe(true);
  });

  it('rejects an unknown remote, an unknown expose and a dead remote with codes, names and URLs', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ui = remoteApp('ui2', {}, { './Button': { default: 1 } });
    const host = createInstance({ name: 'host2', remotes: { ui2: ui.url, dead: DEAD } });
    // A dead remote nobody asked for does not break start-up.
    await expect(host.initShareScope()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalled();

    await expect(host.loadRemote('nope/Button')).rejects.toMatchObject({ code: 'TESSERA_REMOTE_NOT_FOUND' });
    await expect(host.loadRemote('ui2/Missing')).rejects.toMatchObject({ code: 'TESSERA_EXPOSE_NOT_FOUND', remote: 'ui2' });
    const error = (await host.loadRemote("dead/Button").catch((e: unknown) => e)) as FederationError;
    expect(error).toBeInstanceOf(FederationError);
    expect(error).toMatchObject({ code: 'TESSERA_REMOTE_LOAD_FAILED', remote: 'dead', url: DEAD });
    expect(error.message).toContain('remote "dead" at http://127.0.0.1:9/remoteEntry.js');
  });

  it('does not hold start-up back for a remote that never answers', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const silent = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const host = createInstance({ name: 'host12', remotes: { slow: `http://127.0.0.1:${port}/mf-manifest.json` }, shareInitTimeout: 50 });
      const started = performance.now();
      await host.initShareScope();
      expect(performance.now() - started).toBeLessThan(2000);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('Remote "slow" is slow'));
    } finally {
      silent.close();
    }
  });

  it('lets errorLoadRemote return a fallback module, and hooks rewrite and replace', async () => {
    const ui = remoteApp('ui3', {}, { './Button': { default: 'real' } });
    const seen: string[] = [];
    const host = createInstance({
      name: 'host3',
      remotes: { ui3: ui.url, dead: DEAD },
      plugins: [
        {
          name: 'test',
          beforeRequest: ({ id }) => ({ id: id.replace('legacy/', 'ui3/') }),
          afterResolve: ({ remote, expose }) => void seen.push(`${remote.name} ${expose}`),
          onLoad: ({ module }) => ({ ...(module as object), wrapped: true }),
          errorLoadRemote: ({ error, lifecycle }) => ({ default: `fallback for ${error.remote} (${lifecycle})` }),
        },
      ],
      shareStrategy: 'loaded-first',
    });
    expect(await host.loadRemote('legacy/Button')).toMatchObject({ default: 'real', wrapped: true });
    expect(seen).toEqual(['ui3 ./Button']);
    expect(await host.loadRemote('dead/Button')).toEqual({ default: 'fallback for dead (loadEntry)' });
  });

  it('types what a plugin hook throws: TESSERA_PLUGIN_FAILED naming the plugin, hook and remote, with the cause', async () => {
    const ui = remoteApp('ui19', {}, { './Button': { default: 'real' } });
    const boom = new Error('boom');
    const throwing = (hook: string) => createInstance({
      name: `host19-${hook}`, remotes: { ui19: ui.url }, shareStrategy: 'loaded-first',
      plugins: [{ name: 'bad', [hook]: () => { throw boom; } }],
    });
    for (const hook of ['beforeRequest', 'afterResolve', 'onLoad']) {
      const error = await throwing(hook).loadRemote('ui19/Button').catch((e: unknown) => e);
      expect(error, hook).toMatchObject({ name: 'FederationError', code: 'TESSERA_PLUGIN_FAILED', cause: boom, message: expect.stringContaining(`bad.${hook}: boom`) });
      if (hook !== 'beforeRequest') expect(error).toMatchObject({ remote: 'ui19' });
    }
    // A rejecting errorLoadRemote hook, after the load itself failed: named, with the failed remote and URL.
    const host = createInstance({ name: 'host19b', remotes: { dead: DEAD }, shareStrategy: 'loaded-first', plugins: [{ name: 'bad', errorLoadRemote: async () => { throw boom; } }] });
    await expect(host.loadRemote('dead/Button')).rejects.toMatchObject({ code: 'TESSERA_PLUGIN_FAILED', remote: 'dead', url: DEAD, cause: boom });
    // Share hooks: beforeLoadShare (async) and resolveShare (sync, also in an eager consumption).
    for (const hook of ['beforeLoadShare', 'resolveShare']) {
      const sharing = createInstance({ name: `host19-${hook}`, shared: { lib: { version: '1.0.0', lib: () => ({}) } }, plugins: [{ name: 'bad', [hook]: () => { throw boom; } }] });
      await expect(sharing.loadShare('lib'), hook).rejects.toMatchObject({ code: 'TESSERA_PLUGIN_FAILED', cause: boom });
      if (hook === 'resolveShare') expect(() => sharing.consumed('lib')).toThrow(expect.objectContaining({ code: 'TESSERA_PLUGIN_FAILED' }));
    }
    // The fetch hook (synchronous), for a manifest: named with the remote and the manifest's URL.
    const manifest = 'https://cdn.test/m/mf-manifest.json';
    const fetching = createInstance({ name: 'host19d', remotes: { m: manifest }, shareStrategy: 'loaded-first', plugins: [{ name: 'bad', fetch: () => { throw boom; } }] });
    await expect(fetching.loadRemote('m/Button')).rejects.toMatchObject({ code: 'TESSERA_PLUGIN_FAILED', remote: 'm', url: manifest, cause: boom });
    // A FederationError a plugin throws on purpose passes as it is.
    const refused = new FederationError('TESSERA_REMOTE_NOT_FOUND', 'not for you');
    const refusing = createInstance({ name: 'host19c', remotes: { ui19: ui.url }, plugins: [{ name: 'gate', beforeRequest: () => { throw refused; } }] });
    await expect(refusing.loadRemote('ui19/Button')).rejects.toBe(refused);
  });

  it("types a failing share provider's get(): TESSERA_SHARE_LOAD_FAILED naming the app that registered it", async () => {
    const boom = new Error('provider broke');
    for (const get of [() => { throw boom; }, () => Promise.reject(boom)]) {
      const host = createInstance({ name: 'host20', shared: { lib: { import: false } }, shareStrategy: 'loaded-first' });
      // A foreign provider (as webpack registers into the scope), whose get() fails.
      await host.initShareScope();
      host.shareScopes.default!.lib = { '1.0.0': { get, from: 'webpackApp', eager: false } };
      await expect(host.loadShare('lib')).rejects.toMatchObject({
        name: 'FederationError', code: 'TESSERA_SHARE_LOAD_FAILED', remote: 'webpackApp', cause: boom, message: expect.stringContaining('provider broke'),
      });
    }
  });

  it('reads the remote entry from a manifest, and reports a malformed one', async () => {
    const manifests: Record<string, unknown> = {
      'https://cdn.test/ui4/mf-manifest.json': { name: 'ui4', metaData: { remoteEntry: { name: 'ignored.js', path: '', type: 'module' }, publicPath: 'auto' } },
      'https://cdn.test/bad/mf-manifest.json': { name: 'bad', metaData: {} },
    };
    const fetched: string[] = [];
    const host = createInstance({
      name: 'host4',
      remotes: { ui4: 'https://cdn.test/ui4/mf-manifest.json', bad: 'https://cdn.test/bad/mf-manifest.json' },
      shareStrategy: 'loaded-first',
      plugins: [
        { name: 'fetch', fetch: (url) => (fetched.push(url), Promise.resolve(new Response(JSON.stringify(manifests[url])))) },
      ],
    });
    const bad = (await host.loadRemote("bad/Button").catch((e: unknown) => e)) as FederationError;
    expect(bad).toMatchObject({ code: 'TESSERA_MANIFEST_INVALID', remote: 'bad', url: 'https://cdn.test/bad/mf-manifest.json' });
    expect(bad.message).toContain('metaData.remoteEntry.name');
    const ui4 = await host.loadRemote('ui4/Button').catch((e) => e);
    // The entry is resolved next to the manifest: https://cdn.test/ui4/ignored.js (not reachable here).
    expect(ui4).toMatchObject({ remote: 'ui4', url: 'https://cdn.test/ui4/ignored.js' });
    expect(fetched).toContain('https://cdn.test/ui4/mf-manifest.json');
  });

  it('keeps a registered remote unless forced, and a forced one is reloaded', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const v1 = remoteApp('v1', {}, { './X': { default: 1 } });
    const v2 = remoteApp('v2', {}, { './X': { default: 2 } });
    const host = createInstance({ name: 'host5', remotes: [{ name: 'app', entry: v1.url }], shareStrategy: 'loaded-first' });
    expect(await host.loadRemote<{ default: number }>('app/X')).toMatchObject({ default: 1 });
    host.registerRemotes([{ name: 'app', entry: v2.url }]);
    expect(await host.loadRemote<{ default: number }>('app/X')).toMatchObject({ default: 1 });
    host.registerRemotes([{ name: 'app', entry: v2.url }], { force: true });
    expect(await host.loadRemote<{ default: number }>('app/X')).toMatchObject({ default: 2 });
  });
});

describe('resilience', () => {
  it("ignores a remote's shared registration with an invalid version, warning with its code and name (issue 9, item 1)", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const react19 = { version: '19.1.0' };
    const broken = remoteApp('broken13', { react: { version: 'banana', singleton: true, get: () => () => ({ broken: true }) } }, { './A': { default: 'A' } });
    const host = createInstance({
      name: 'host13',
      remotes: { broken13: broken.url },
      shared: { react: { version: '19.1.0', singleton: true, get: () => () => react19 } },
    });
    expect((await host.loadShare('react'))()).toBe(react19);
    expect(await host.loadRemote('broken13/A')).toMatchObject({ default: 'A' });
    expect(Object.keys(host.shareScopes.default!.react!)).toEqual(['19.1.0']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/TESSERA_VERSION_INVALID.*banana.*remote "broken13"/));
  });

  it('tries the mirrors of a remote in order', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ui = remoteApp('ui14', {}, { './Button': { default: 'mirror' } });
    const host = createInstance({ name: 'host14', remotes: [{ name: 'ui14', entry: [DEAD, ui.url], retries: 0 }], shareStrategy: 'loaded-first' });
    expect(await host.loadRemote('ui14/Button')).toMatchObject({ default: 'mirror' });
  });

  it('unloadRemote forgets the remote, its container and its cached modules', async () => {
    const ui = remoteApp('ui15', {}, { './Button': { default: 1 } });
    const host = createInstance({ name: 'host15', remotes: { ui15: ui.url }, shareStrategy: 'loaded-first' });
    const first = await host.loadRemote('ui15/Button');
    expect(await host.loadRemote('ui15/Button')).toBe(first);
    expect(host.unloadRemote('ui15')).toBe(true);
    expect(host.unloadRemote('ui15')).toBe(false);
    await expect(host.loadRemote('ui15/Button')).rejects.toMatchObject({ code: 'TESSERA_REMOTE_NOT_FOUND' });
    host.registerRemotes({ ui15: ui.url });
    expect(await host.loadRemote('ui15/Button')).not.toBe(first);
  });

  it('a second init replaces the network options, and wrong ones are refused', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const silent = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const host = createInstance({ name: 'host16', shareInitTimeout: 60_000 });
      host.initOptions({ shareInitTimeout: 50, remotes: { slow: `http://127.0.0.1:${port}/mf-manifest.json` } });
      const started = performance.now();
      await host.initShareScope();
      expect(performance.now() - started).toBeLessThan(2000);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('after 50 ms'));
      host.unloadRemote('slow');
    } finally {
      silent.close();
    }
    expect(() => createInstance({ name: 'host17', timeout: -1 })).toThrow(/TESSERA_INVALID_OPTIONS.*timeout/);
    expect(() => createInstance({ name: 'host18', remotes: [{ name: 'a', entry: DEAD, retries: '2' as never }] })).toThrow(/retries/);
  });
});

describe('sharing between a host and its remotes', () => {
  it('negotiates over one share scope object: the singleton with the highest version wins for all', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const react18 = { version: '18.3.1' };
    const react19 = { version: '19.1.0' };
    const remote = remoteApp('remote6', { react: { version: '19.1.0', singleton: true, requiredVersion: '^18 || ^19', get: () => () => react19 } }, { './A': { default: 'A' } });
    const host = createInstance({
      name: 'host6',
      remotes: { remote6: remote.url },
      shared: { react: { version: '18.3.1', singleton: true, requiredVersion: '^18.0.0', get: () => () => react18 } },
    });
    const factory = await host.loadShare('react');
    expect(factory()).toBe(react19);
    expect((await remote.instance.loadShare('react'))()).toBe(react19);
    expect(host.shareScopes.default).toBe(remote.instance.shareScopes.default);
    expect(host.shareScopes.default!.react!['19.1.0']).toMatchObject({ from: 'remote6', loaded: 1 });
  });

  it('loadShare of a module nobody provides fails with TESSERA_SHARE_NOT_FOUND', async () => {
    const host = createInstance({ name: 'host7', shared: { lodash: { import: false } } });
    await expect(host.loadShare('lodash')).rejects.toMatchObject({ code: 'TESSERA_SHARE_NOT_FOUND' });
  });

  it('consumed() is synchronous for eager modules and explains a missing async boundary otherwise', async () => {
    const lib = { eager: true };
    const host = createInstance({ name: 'host8', shared: { eagerLib: { version: '1.0.0', lib: () => lib }, lazyLib: { version: '1.0.0', get: () => () => ({}) } } });
    expect(host.consumed('eagerLib')).toBe(lib);
    expect(() => host.consumed('lazyLib')).toThrow(/TESSERA_SHARE_NOT_LOADED.*not available for eager consumption/);
    await host.loadChunk('x', async () => undefined);
  });

  it('a container initialised twice with different scopes throws TESSERA_SHARE_SCOPE_CONFLICT', async () => {
    const remote = createInstance({ name: 'remote9' });
    await remote.initContainer({});
    await expect(remote.initContainer({})).rejects.toMatchObject({ code: 'TESSERA_SHARE_SCOPE_CONFLICT' });
  });

  it('rejects options without a name, and a provided module without a version', () => {
    expect(() => createInstance({} as never)).toThrow(/TESSERA_INVALID_OPTIONS/);
    expect(() => createInstance({ name: 'x', shared: { a: { get: () => () => 1 } } })).toThrow(/without a version/);
  });

  it('keeps modules of a named share scope apart from the default scope', async () => {
    const legacy = { v: 'legacy' };
    const host = createInstance({
      name: 'host10',
      shared: { lodash: { version: '3.10.1', shareScope: 'legacy', get: () => () => legacy } },
    });
    await host.initShareScope('legacy');
    expect(Object.keys(host.shareScopes.legacy!)).toEqual(['lodash']);
    expect(host.shareScopes.default).toBeUndefined();
    expect((await host.loadShare('lodash'))()).toBe(legacy);
    await expect(host.loadShare('lodash', { shareScope: 'default' })).resolves.toBeTypeOf('function');
  });

  it('lets resolveShare override the negotiated version', async () => {
    const old = { v: 1 };
    const host = createInstance({
      name: 'host11',
      shared: { lib: { version: '2.0.0', get: () => () => ({ v: 2 }) } },
      plugins: [{ name: 'pin', resolveShare: ({ scope }) => ({ kind: 'scope', version: '1.0.0', entry: scope.lib!['1.0.0']!, reason: 'pinned by plugin' }) }],
    });
    host.shareScopes.default = { lib: { '1.0.0': { get: () => () => old, from: 'elsewhere', eager: false } } };
    expect((await host.loadShare('lib'))()).toBe(old);
  });
});

