import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopServers } from '../e2e/shop-servers.js';

// Issue 16: @tessera/otel with the OpenTelemetry SDK's in-memory exporters, on the shop's real remotes.
let shop: ShopServers;
let report: {
  failure: string;
  spans: { name: string; parent?: string; attributes: Record<string, unknown>; status: number; durationMs: number; events: string[] }[];
  metrics: { name: string; unit: string; points: { attributes: Record<string, unknown>; value: unknown }[] }[];
  measures: string[];
};

beforeAll(async () => {
  shop = await startShop();
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--import', '@tessera/runtime/node/register', 'otel-host.js',
    `${shop.urls.catalog}mf-manifest.json`, `${shop.urls.cart}mf-manifest.json`, 'http://127.0.0.1:9/mf-manifest.json',
  ], { cwd: import.meta.dirname });
  report = JSON.parse(stdout);
});
afterAll(() => shop?.stopAll());

const ERROR = 2; // SpanStatusCode.ERROR

describe('@tessera/otel', () => {
  it('traces each remote load with child spans for manifest, entry, negotiation and the exposed module', () => {
    const loads = report.spans.filter((s) => s.name === 'tessera.remote.load');
    expect(loads.map((s) => `${s.attributes['tessera.module.id']} hit=${s.attributes['tessera.cache_hit']}`).sort()).toEqual([
      'cart/CartSummary hit=false', 'catalog/ProductList hit=false', 'catalog/ProductList hit=true', 'dead/Thing hit=false',
    ]);
    const catalog = loads.find((s) => s.attributes['tessera.module.id'] === 'catalog/ProductList' && !s.attributes['tessera.cache_hit'])!;
    expect(catalog.attributes).toMatchObject({
      'tessera.remote.name': 'catalog',
      'tessera.host.name': 'otelHost',
      'url.full': `${shop.urls.catalog}remoteEntry.js`,
      'tessera.retry_count': 0,
      'tessera.remote.expose': './ProductList',
    });
    expect(catalog.attributes['tessera.shared.versions']).toEqual(expect.arrayContaining([expect.stringMatching(/^react@19\.\d+\.\d+ from catalog \(singleton-highest\)$/)]));
    for (const remote of ['catalog', 'cart']) {
      const children = report.spans.filter((s) => s.parent === 'tessera.remote.load' && s.attributes['tessera.remote.name'] === remote && s.status !== ERROR);
      expect(children.map((s) => s.name).sort()).toEqual(['tessera.remote.entry', 'tessera.remote.expose', 'tessera.remote.manifest', 'tessera.remote.negotiation']);
      expect(children.find((s) => s.name === 'tessera.remote.manifest')!.attributes['url.full']).toBe(`${shop.urls[remote as 'cart']}mf-manifest.json`);
      for (const child of children) expect(child.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives a failed remote an error span with its code and retry count, and counts it', () => {
    expect(report.failure).toBe('TESSERA_MANIFEST_FETCH_FAILED');
    const dead = report.spans.find((s) => s.name === 'tessera.remote.load' && s.attributes['tessera.remote.name'] === 'dead')!;
    expect(dead.status).toBe(ERROR);
    expect(dead.attributes).toMatchObject({ 'error.type': 'TESSERA_MANIFEST_FETCH_FAILED', 'tessera.retry_count': 1, 'url.full': 'http://127.0.0.1:9/mf-manifest.json' });
    expect(dead.events).toEqual(['exception']);
    const manifest = report.spans.find((s) => s.name === 'tessera.remote.manifest' && s.attributes['tessera.remote.name'] === 'dead')!;
    expect(manifest).toMatchObject({ parent: 'tessera.remote.load', status: ERROR, attributes: expect.objectContaining({ 'error.type': 'TESSERA_MANIFEST_FETCH_FAILED' }) });

    const failures = report.metrics.find((m) => m.name === 'tessera.remote.load.failures')!;
    expect(failures.points).toEqual([{ attributes: { 'tessera.remote.name': 'dead', 'error.type': 'TESSERA_MANIFEST_FETCH_FAILED' }, value: 1 }]);
    const duration = report.metrics.find((m) => m.name === 'tessera.remote.load.duration')!;
    expect(duration.unit).toBe('ms');
    const counts = duration.points.map((p) => `${p.attributes['tessera.remote.name']} ${p.attributes['tessera.outcome']} ${(p.value as { count: number }).count}`);
    expect(counts.sort()).toEqual(['cart ok 1', 'catalog ok 1', 'catalog ok 1', 'dead error 1']);
  });

  it('adds performance measures for each load and each step', () => {
    expect(report.measures).toEqual(expect.arrayContaining([
      'tessera catalog/ProductList', 'tessera cart/CartSummary', 'tessera dead/Thing',
      'tessera catalog manifest', 'tessera catalog entry', 'tessera catalog init', 'tessera catalog expose',
    ]));
  });
});
