import { describe, expect, it } from 'vitest';
import { createContainer } from './container.js';
import { createInstance } from './federation-instance.js';
import { completeFederationInfo, type InstanceInfoSource } from './federation-info.js';
import { recordedInfo } from './recorded-info.js';
import type { Container } from './types.js';

const containers = ((globalThis as Record<string, unknown>).__infoContainers = {} as Record<string, Container>);

function remoteApp(name: string, shared: Parameters<typeof createInstance>[0]['shared'], exposes: Record<string, unknown>) {
  const instance = createInstance({ name, shared });
  containers[name] = createContainer(instance, Object.fromEntries(Object.entries(exposes).map(([k, v]) => [k, async () => v as Record<string, unknown>])));
  const source = `const c = globalThis.__infoContainers[${JSON.stringify(name)}];
export const init = (...a) => c.init(...a);
export const get = (...a) => c.get(...a);`;
  return { instance, url: `data:text/javascript,${encodeURIComponent(source)}` };
}

const lib = (version: string) => ({ version, singleton: true, requiredVersion: '^1.0.0', get: () => () => ({ version }) });
const info = (...instances: object[]) => completeFederationInfo(recordedInfo(instances as InstanceInfoSource[]), instances as InstanceInfoSource[]);

describe('federation info', () => {
  it('names the rule of each choice, keeps the host\'s registration that lost, and records the load steps', async () => {
    const remote = remoteApp('infoRemote', { lib: lib('1.0.0') }, { './Widget': { default: 'W' } });
    // Equal versions: the greater `from` ('infoRemote' > 'infoHost') stays in the scope.
    const host = createInstance({ name: 'infoHost', shared: { lib: lib('1.0.0') }, remotes: { infoRemote: remote.url } });
    await host.loadRemote('infoRemote/Widget');
    await host.loadShare('lib');
    await remote.instance.loadShare('lib');

    const { shared, remotes } = info(host, remote.instance);
    const libInfo = shared.find((s) => s.key === 'lib')!;
    expect(libInfo.versions).toEqual([{ version: '1.0.0', from: 'infoRemote', eager: false, loaded: true, providers: ['infoRemote', 'infoHost'] }]);
    expect(libInfo.consumers.map((c) => `${c.consumer}: ${c.version} from ${c.from} (${c.rule}, ${c.runtime})`).sort()).toEqual([
      'infoHost: 1.0.0 from infoRemote (singleton-highest, tessera)',
      'infoRemote: 1.0.0 from infoRemote (singleton-highest, tessera)',
    ]);

    const status = remotes.find((r) => r.name === 'infoRemote')!;
    expect(status).toMatchObject({ host: 'infoHost', status: 'loaded', circuitOpen: false, integrity: 'unchecked', retries: 0, loadedExposes: ['./Widget'] });
    expect(status.steps!.map((s) => s.kind)).toEqual(['entry', 'init', 'expose']);
    for (const step of status.steps!) expect(step.endMs).toBeGreaterThanOrEqual(step.startMs);
  });

  it('lists what a consumer outside Tessera took: by the caller of get, by webpack\'s loaded flag, by MF 2.0\'s useIn', async () => {
    const host = createInstance({ name: 'infoHost2', shared: { lib: lib('1.2.0') } });
    const scope = host.shareScopes.default ?? (await host.initShareScope(), host.shareScopes.default!);
    // A webpack consumer: `entry.loaded = 1; entry.get()` (ConsumeSharedRuntimeModule's `get`).
    scope.lib!['1.2.0']!.loaded = 1;
    await scope.lib!['1.2.0']!.get();
    // A version a webpack remote registered and took itself; one an MF 2.0 host used.
    scope.lib!['1.1.0'] = { get: () => () => ({}), from: 'wpRemote', eager: false, loaded: 1 };
    scope.other = { '2.0.0': Object.assign({ get: () => () => ({}), from: 'mfRemote', eager: false, loaded: true }, { useIn: ['mfHost'] }) };

    const { shared } = info(host);
    const consumers = shared.flatMap((s) => s.consumers).map((c) => `${c.key} ${c.consumer}: ${c.version} from ${c.from} (${c.rule}, ${c.runtime})`);
    expect(consumers.sort()).toEqual([
      'lib webpack: 1.1.0 from wpRemote (foreign, webpack)',
      'lib webpack: 1.2.0 from infoHost2 (foreign, webpack)',
      'other mfHost: 2.0.0 from mfRemote (foreign, module-federation)',
    ]);
  });

});
