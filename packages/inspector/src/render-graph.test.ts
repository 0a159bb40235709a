import { describe, expect, it } from 'vitest';
import { renderGraph } from './render-graph.js';
import type { InspectorView } from './remote-status.js';

const view: InspectorView = {
  instances: ['shell', 'catalog'],
  shared: [],
  remotes: [
    { host: 'shell', name: 'catalog', entry: 'http://c/mf-manifest.json', type: 'module', status: 'loaded', loadTimeMs: 120.4, exposes: ['./List', './Item'], loadedExposes: ['./List'] },
    { host: 'shell', name: 'cart', entry: 'http://k/mf-manifest.json', type: 'module', status: 'error', error: { code: 'TESSERA_MANIFEST_FETCH_FAILED', message: 'x' } },
    { host: 'shell', name: 'old<b>', entry: 'http://o/remoteEntry.js', type: 'module', status: 'unloaded' },
    { host: 'catalog', name: 'reviews', entry: 'http://r/remoteEntry.js', type: 'module', status: 'error', circuitOpen: true, error: { code: 'TESSERA_REMOTE_UNAVAILABLE', message: 'y' } },
  ],
};

describe('renderGraph', () => {
  it('draws host → remotes → exposed modules, each remote with its state, a remote\'s own remotes one column further', () => {
    const svg = renderGraph(view);
    const nodes = [...svg.matchAll(/<g class="node (\w+)"(?: data-status="([^"]+)")? transform="translate\((\d+),(\d+)\)">.*?class="title">([^<]*)<\/text>.*?class="subtitle">([^<]*)</g)]
      .map(([, kind, status, x, , title, subtitle]) => `${kind} x=${x} ${title}: ${subtitle}${status ? ` [${status}]` : ''}`);
    expect(nodes).toEqual([
      'host x=8 shell: host',
      'remote x=178 catalog: loaded · 120 ms [loaded]',
      'expose x=718 ./List: loaded [loaded]',
      'expose x=718 ./Item: not loaded [idle]',
      'remote x=178 cart: failed · TESSERA_MANIFEST_FETCH_FAILED [failed]',
      'remote x=178 old&#60;b&#62;: unloaded [unloaded]',
      'remote x=448 reviews: circuit open · TESSERA_REMOTE_UNAVAILABLE [circuit open]',
    ]);
    expect(svg.match(/<path class="edge"/g)).toHaveLength(6);
  });
});
