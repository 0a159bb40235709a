import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createContainer } from './container.js';
import { createInstance } from './federation-instance.js';
import type { InstanceInfoSource } from './federation-info.js';
import type { FederationPlugin } from './hooks.js';
import type { SharedInput } from './shared-options.js';
import type { Container } from './types.js';

// Differential: a Tessera remote offers its shared versions from its manifest before its entry
// loads (share-offers.ts); every app must get what it gets when the entries registered first (the
// remote given by its entry URL: webpack's version-first start-up). Each remote entry is a real ES
// module file that waits for `release()` before it evaluates, so the manifest is known first.
const dir = mkdtempSync(join(tmpdir(), 'tessera-offers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const registry = ((globalThis as Record<string, unknown>).__offerTests = {} as Record<string, { container: Container; gate: Promise<void>; imported?: boolean }>);
const manifests: Record<string, unknown> = {};
/** Serves the manifests written here (the runtime's `fetch` hook: a remote on disk, as @tessera/testing reads one). */
const manifestFiles: FederationPlugin = {
  name: 'manifest-files',
  fetch: (url) => (manifests[url.replace(/\?.*/, '')] ? Promise.resolve(new Response(JSON.stringify(manifests[url.replace(/\?.*/, '')]))) : undefined),
};

type Shared = Record<string, SharedInput & { version: string }>;
let run = 0;

/**
 * A remote app (its own runtime instance behind a container, as the build makes it) whose entry
 * file evaluates once `release()` is called. `manifest`: the `shared` its manifest states
 * (default: what it provides). Returns its entry and manifest URLs.
 */
function remoteApp(name: string, shared: Shared, manifest: { name: string; version: string; eager: boolean }[] = offersOf(shared)) {
  const id = `${name}-${++run}`;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const instance = createInstance({ name, shared });
  registry[id] = { container: createContainer(instance, { './App': async () => ({ default: name }) }), gate };
  const folder = join(dir, id);
  const entry = join(dir, `${id}.mjs`);
  writeFileSync(entry, `const r = globalThis.__offerTests[${JSON.stringify(id)}];\nr.imported = true;\nawait r.gate;\nexport const init = (...a) => r.container.init(...a);\nexport const get = (...a) => r.container.get(...a);\n`);
  const manifestUrl = pathToFileURL(`${folder}-mf-manifest.json`).href;
  manifests[manifestUrl] = {
    name,
    metaData: { name, remoteEntry: { name: `${id}.mjs`, path: '', type: 'module' }, pluginVersion: 'tessera', publicPath: 'auto' },
    shared: manifest.map((s) => ({ ...s, shareScope: 'default', singleton: true, requiredVersion: false })),
    exposes: [{ name: 'App', path: './App', assets: { js: { sync: [], async: [] }, css: { sync: [], async: [] } } }],
  };
  return { instance, entry: pathToFileURL(entry).href, manifest: manifestUrl, release, imported: () => !!registry[id]!.imported };
}

const offersOf = (shared: Shared) => Object.entries(shared).map(([name, s]) => ({ name, version: s.version, eager: !!s.eager }));
const provide = (version: string, rule: Partial<SharedInput> = {}): SharedInput & { version: string } => ({
  version, singleton: true, requiredVersion: false, ...rule, get: () => () => ({ version }),
});

interface Scenario {
  title: string;
  host: { name: string; shared: Shared };
  remotes: { name: string; shared: Shared }[];
}

/** What each app got for 'react' (version and provider, or the error code), and what the scope holds. */
async function outcome(scenario: Scenario, viaManifest: boolean) {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const remotes = scenario.remotes.map((r) => ({ ...r, app: remoteApp(r.name, r.shared) }));
  const host = createInstance({
    name: scenario.host.name,
    shared: scenario.host.shared,
    plugins: [manifestFiles],
    shareInitTimeout: 60_000,
    remotes: Object.fromEntries(remotes.map((r) => [r.name, viaManifest ? r.app.manifest : r.app.entry])),
  });
  const started = host.initShareScope();
  if (viaManifest) {
    // Start-up waits for the manifests only: it is done while every entry is still held.
    await started;
    const hostGot = host.loadShare('react').then((f) => f(), (e) => e.code);
    for (const r of remotes) r.app.release();
    // A remote's own code runs only after its container initialised (as on a page): wait for every
    // entry before asking the remotes' instances, or one may consume from its own scope first.
    await host.preloadRemote(remotes.map((r) => ({ nameOrAlias: r.name })));
    return collect(host, remotes, await hostGot);
  }
  for (const r of remotes) r.app.release();
  await started;
  return collect(host, remotes, await host.loadShare('react').then((f) => f(), (e) => e.code));
}

async function collect(host: ReturnType<typeof createInstance>, remotes: { name: string; app: { instance: ReturnType<typeof createInstance> } }[], hostGot: unknown) {
  const got: Record<string, unknown> = { [host.name]: hostGot };
  for (const r of remotes) got[r.name] = await r.app.instance.loadShare('react').then((f) => f(), (e) => e.code);
  const scope = Object.fromEntries(Object.entries(host.shareScopes.default!.react ?? {}).map(([v, e]) => [v, `${e.from}${e.loaded ? ' loaded' : ''}`]));
  const records = (host as unknown as InstanceInfoSource).consumptions().map((c) => `${c.key} ${c.version} from ${c.from} (${c.rule})`);
  return { got, scope, records };
}

const scenarios: Scenario[] = [
  {
    title: 'host lower, remote higher: the singleton takes the remote\'s',
    host: { name: 'shell', shared: { react: provide('18.3.1') } },
    remotes: [{ name: 'catalog', shared: { react: provide('19.1.0') } }],
  },
  {
    title: 'equal versions: the greater container name provides (host greater)',
    host: { name: 'shell', shared: { react: provide('19.1.0') } },
    remotes: [{ name: 'catalog', shared: { react: provide('19.1.0') } }, { name: 'cart', shared: { react: provide('19.1.0') } }],
  },
  {
    title: 'equal versions: the greater container name provides (a remote greater)',
    host: { name: 'app', shared: { react: provide('19.1.0') } },
    remotes: [{ name: 'catalog', shared: { react: provide('19.1.0') } }, { name: 'zoo', shared: { react: provide('19.1.0') } }],
  },
  {
    title: 'equal versions: an eager remote provides',
    host: { name: 'shell', shared: { react: provide('19.1.0') } },
    remotes: [{ name: 'catalog', shared: { react: provide('19.1.0', { eager: true }) } }],
  },
  {
    title: 'strictVersion conflict: the host fails with the remote\'s higher singleton',
    host: { name: 'shell', shared: { react: provide('18.3.1', { requiredVersion: '^18.0.0', strictVersion: true }) } },
    remotes: [{ name: 'catalog', shared: { react: provide('19.1.0') } }],
  },
  {
    title: 'not a singleton: the highest version in range, the remote\'s out of range is left',
    host: { name: 'shell', shared: { react: provide('18.2.0', { singleton: false, requiredVersion: '^18.0.0' }) } },
    remotes: [{ name: 'catalog', shared: { react: provide('19.1.0', { singleton: false }) } }, { name: 'cart', shared: { react: provide('18.3.1', { singleton: false }) } }],
  },
];

describe('selection from manifests equals selection after the entries registered', () => {
  for (const scenario of scenarios) {
    it(scenario.title, async () => {
      const fromEntries = await outcome(scenario, false);
      const fromManifests = await outcome(scenario, true);
      expect(fromManifests).toEqual(fromEntries);
    });
  }

  it('a remote whose entry fails after its manifest offered a higher version: the host takes its own', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const remote = remoteApp('catalog', {}, [{ name: 'react', version: '19.1.0', eager: false }]);
    const broken = remote.manifest.replace(/-mf-manifest\.json$/, '-broken-mf-manifest.json');
    manifests[broken] = { ...(manifests[remote.manifest] as object), metaData: { ...(manifests[remote.manifest] as { metaData: object }).metaData, remoteEntry: { name: 'missing.mjs', path: '' } } };
    const host = createInstance({ name: 'shell', shared: { react: provide('18.3.1') }, plugins: [manifestFiles], retries: 0, remotes: { catalog: broken } });
    await host.initShareScope();
    expect(host.shareScopes.default!.react!['19.1.0']).toMatchObject({ from: 'catalog' });
    expect((await host.loadShare('react'))()).toEqual({ version: '18.3.1' });
    expect(Object.keys(host.shareScopes.default!.react!)).toEqual(['18.3.1']);
  });
});

describe('a manifest that does not match its entry', () => {
  it('an entry providing a version its manifest does not list: TESSERA_MANIFEST_MISMATCH, its registration undone, the host unharmed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const remote = remoteApp('catalog', { react: provide('19.2.0') }, [{ name: 'react', version: '18.0.0', eager: false }]);
    const host = createInstance({ name: 'shell', shared: { react: provide('18.3.1') }, plugins: [manifestFiles], remotes: { catalog: remote.manifest } });
    await host.initShareScope();
    const hostGot = host.loadShare('react');
    remote.release();
    expect((await hostGot)()).toEqual({ version: '18.3.1' });
    await expect(host.loadRemote('catalog/App')).rejects.toMatchObject({ code: 'TESSERA_MANIFEST_MISMATCH', remote: 'catalog', message: expect.stringContaining('react 19.2.0') });
    expect(Object.keys(host.shareScopes.default!.react!)).toEqual(['18.3.1']);
  });

  it('a version the manifest lists but the entry does not provide is withdrawn: nothing selected it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const remote = remoteApp('catalog', {}, [{ name: 'react', version: '19.1.0', eager: false }]);
    const host = createInstance({ name: 'shell', shared: { react: provide('18.3.1') }, plugins: [manifestFiles], remotes: { catalog: remote.manifest } });
    await host.initShareScope();
    const hostGot = host.loadShare('react');
    remote.release();
    expect((await hostGot)()).toEqual({ version: '18.3.1' });
    expect(await host.loadRemote('catalog/App')).toMatchObject({ default: 'catalog' });
  });

  it('a consumer that is not Tessera\'s and took that offer from the scope gets TESSERA_MANIFEST_MISMATCH naming the remote, not a TypeError', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const remote = remoteApp('catalog', {}, [{ name: 'react', version: '19.1.0', eager: false }]);
    const host = createInstance({ name: 'shell', shared: { react: provide('18.3.1') }, plugins: [manifestFiles], remotes: { catalog: remote.manifest } });
    await host.initShareScope();
    // What webpack's consume does: the highest version in the scope, its get().
    const offered = host.shareScopes.default!.react!['19.1.0']!;
    const got = offered.get();
    remote.release();
    await expect(got).rejects.toMatchObject({
      name: 'FederationError', code: 'TESSERA_MANIFEST_MISMATCH', remote: 'catalog', url: remote.entry, message: expect.stringContaining('react 19.1.0'),
    });
  });
});

describe('start-up leaves a Tessera remote\'s entry until something needs it', () => {
  it('reads the manifest only; the entry loads when a module of it is asked for', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const remote = remoteApp('catalog', { react: provide('19.1.0') });
    const host = createInstance({ name: 'shell', shared: { react: provide('19.1.0') }, plugins: [manifestFiles], remotes: { catalog: remote.manifest } });
    await host.initShareScope();
    // Equal versions, 'shell' > 'catalog': the remote's entry could not change the host's selection.
    expect((await host.loadShare('react'))()).toEqual({ version: '19.1.0' });
    expect(remote.imported()).toBe(false);
    expect((host as unknown as InstanceInfoSource).remoteStatuses()).toMatchObject([{ name: 'catalog', status: 'registered' }]);
    remote.release();
    expect(await host.loadRemote('catalog/App')).toMatchObject({ default: 'catalog' });
    expect(remote.imported()).toBe(true);
    expect((host as unknown as InstanceInfoSource).remoteStatuses()).toMatchObject([{ name: 'catalog', status: 'loaded' }]);
  });

  it('loads it when a selection its offers could change waits for it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const remote = remoteApp('catalog', { react: provide('19.1.0') });
    const host = createInstance({ name: 'shell', shared: { react: provide('18.3.1') }, plugins: [manifestFiles], remotes: { catalog: remote.manifest } });
    await host.initShareScope();
    expect(remote.imported()).toBe(false);
    const hostGot = host.loadShare('react');
    await vi.waitFor(() => expect(remote.imported()).toBe(true));
    remote.release();
    expect((await hostGot)()).toEqual({ version: '19.1.0' });
  });
});

describe('a snapshot of the manifest (InitOptions.snapshot, written by a build with `snapshot: true`)', () => {
  /** The manifest fetches the host makes, and the hook that serves them. */
  function counted() {
    const fetched: string[] = [];
    const plugin: FederationPlugin = { name: 'counted', fetch: (url, init) => (fetched.push(url), manifestFiles.fetch!(url, init)) };
    return { fetched, plugin };
  }
  const copy = (value: unknown) => JSON.parse(JSON.stringify(value)) as { metaData: { remoteEntry: { name: string } } };

  it('start-up and the load read it, fetch nothing, and its offers take part in the negotiation', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const remote = remoteApp('catalog', { react: provide('19.1.0') });
    const { fetched, plugin } = counted();
    const host = createInstance({
      name: 'shell', shared: { react: provide('18.3.1') }, plugins: [plugin], remotes: { catalog: remote.manifest }, snapshot: { [remote.manifest]: copy(manifests[remote.manifest]) },
    });
    await host.initShareScope();
    expect(host.shareScopes.default!.react!['19.1.0']).toMatchObject({ from: 'catalog' });
    const hostGot = host.loadShare('react');
    remote.release();
    expect((await hostGot)()).toEqual({ version: '19.1.0' });
    expect(await host.loadRemote('catalog/App')).toMatchObject({ default: 'catalog' });
    expect(fetched).toEqual([]);
  });

  it('a remote redeployed since (its entry renamed): the load with the snapshot fails, the manifest is fetched once, and it loads', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const remote = remoteApp('catalog', { react: provide('19.1.0') });
    remote.release();
    const stale = copy(manifests[remote.manifest]);
    stale.metaData.remoteEntry.name = 'before-redeploy.mjs';
    const { fetched, plugin } = counted();
    const host = createInstance({ name: 'shell', shared: { react: provide('18.3.1') }, plugins: [plugin], retries: 0, remotes: { catalog: remote.manifest }, snapshot: { [remote.manifest]: stale } });
    expect(await host.loadRemote('catalog/App')).toMatchObject({ default: 'catalog' });
    expect(fetched).toHaveLength(1);
    const steps = (host as unknown as InstanceInfoSource).remoteStatuses()[0]!.steps!.map((s) => `${s.kind}${s.error ? ` ${s.error}` : ''}`);
    expect(steps).toEqual(['manifest', 'entry TESSERA_REMOTE_LOAD_FAILED', 'manifest', 'entry', 'init', 'expose']);
    // The inspector tells the snapshot's manifest from the fetched one.
    expect((host as unknown as InstanceInfoSource).remoteStatuses()[0]!.steps!.filter((s) => s.kind === 'manifest').map((s) => s.name)).toEqual(['snapshot', undefined]);
  });

  it('a remote that times out with it is not tried again with a fetched manifest', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const remote = remoteApp('catalog', { react: provide('19.1.0') }); // never released: its entry hangs
    const { fetched, plugin } = counted();
    const host = createInstance({
      name: 'shell', plugins: [plugin], timeout: 100, retries: 0, remotes: { catalog: remote.manifest }, snapshot: { [remote.manifest]: copy(manifests[remote.manifest]) },
    });
    await expect(host.loadRemote('catalog/App')).rejects.toMatchObject({ code: 'TESSERA_REMOTE_TIMEOUT', remote: 'catalog' });
    expect(fetched).toEqual([]);
  });

  it('a snapshot is checked as a fetched manifest is: a hostile one is refused (TESSERA_MANIFEST_INVALID), never followed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const remote = remoteApp('catalog', {});
    const hostile = copy(manifests[remote.manifest]) as unknown as { metaData: Record<string, unknown> };
    hostile.metaData.publicPath = 'javascript:alert(1)//';
    const { plugin } = counted();
    const host = createInstance({ name: 'shell', plugins: [plugin], retries: 0, remotes: { catalog: remote.manifest }, snapshot: { [remote.manifest]: hostile } });
    remote.release();
    // The fetched manifest (the remote's real one) is used instead.
    expect(await host.loadRemote('catalog/App')).toMatchObject({ default: 'catalog' });
    expect((host as unknown as InstanceInfoSource).remoteStatuses()[0]!.steps![0]).toMatchObject({ kind: 'manifest', error: 'TESSERA_MANIFEST_INVALID' });
  });
});
