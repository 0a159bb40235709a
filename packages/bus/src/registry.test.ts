import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { getBus } from './registry.js';

type BusModule = typeof import('./index.js');

const REGISTRY = Symbol.for('tessera.bus.registry');
const dir = mkdtempSync(join(tmpdir(), 'tessera-bus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles the package the way an app build does: its own private copy, nothing shared by module identity. */
async function bundledCopy(file: string): Promise<BusModule> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'index.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const path = join(dir, file);
  writeFileSync(path, result.outputFiles[0]!.text);
  return import(pathToFileURL(path).href);
}

describe('getBus', () => {
  it('returns one bus per name', () => {
    expect(getBus('registry-a')).toBe(getBus('registry-a'));
    expect(getBus('registry-a')).not.toBe(getBus('registry-b'));
    expect(getBus().name).toBe('default');
  });

  it('is shared by two independently bundled copies of the package', async () => {
    const [app1, app2] = await Promise.all([bundledCopy('app1.js'), bundledCopy('app2.js')]);
    expect(app1.getBus).not.toBe(app2.getBus);
    expect(app1.BusError).not.toBe(app2.BusError);

    const bus1 = app1.getBus<{ 'cart.added': { sku: string } }>('shop');
    const bus2 = app2.getBus<{ 'cart.added': { sku: string } }>('shop');
    expect(bus1).toBe(bus2);
    expect(getBus('shop')).toBe(bus1); // and this (unbundled) copy too

    const handler = vi.fn();
    bus2.subscribe('cart.added', handler);
    bus1.publish('cart.added', { sku: 'x' });
    expect(handler).toHaveBeenCalledWith({ sku: 'x' }, { topic: 'cart.added', source: 'local' });

    // errors thrown by the bus of another copy are recognised by code, not by class
    let error: unknown;
    try {
      bus2.subscribe('cart.**.x' as 'cart.added', () => {});
    } catch (e) {
      error = e;
    }
    expect(app2.isBusError(error) && app1.isBusError(error)).toBe(true);
  });

  it('throws TESSERA_BUS_PROTOCOL_MISMATCH when the page registry speaks another protocol', () => {
    const g = globalThis as Record<symbol, unknown>;
    const registry = g[REGISTRY];
    g[REGISTRY] = { protocol: 2, buses: new Map() };
    try {
      expect(() => getBus()).toThrow(expect.objectContaining({ code: 'TESSERA_BUS_PROTOCOL_MISMATCH' }));
      expect(() => getBus()).toThrow(/protocol 2, this @tessera\/bus 1/);
    } finally {
      g[REGISTRY] = registry;
    }
  });
});
