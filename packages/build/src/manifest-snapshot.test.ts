import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readManifest } from '@tessera/runtime/options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type FederationConfig } from './config.js';
import { readManifestSnapshot, trimManifest } from './manifest-snapshot.js';

const shell = join(import.meta.dirname, '..', '..', '..', 'examples', 'shop', 'shell');

/** A manifest as `tessera build` writes one, with what the runtime does not read (types, build info, async files, declaration hashes). */
const manifest = {
  id: 'catalog',
  name: 'catalog',
  metaData: {
    name: 'catalog', type: 'app', buildInfo: { buildVersion: '1.0.0', buildName: 'catalog' }, pluginVersion: 'tessera', publicPath: 'auto', globalName: 'catalog',
    remoteEntry: { name: 'remoteEntry.js', path: '', type: 'module' },
    types: { path: '@types', name: 'index.d.ts', zip: '', api: '' },
  },
  shared: [{ id: 'catalog:react', name: 'react', version: '19.2.0', singleton: true, requiredVersion: '^19.0.0', eager: false, import: undefined, shareScope: 'default', assets: { js: { sync: ['react-1.js'], async: [] } } }],
  remotes: [],
  exposes: [{ id: 'catalog:ProductList', name: 'ProductList', path: './ProductList', assets: { js: { sync: ['ProductList-A.js', 'chunk-B.js'], async: ['lazy-C.js'] }, css: { sync: ['ProductList-A.css'], async: [] } } }],
  integrity: { 'remoteEntry.js': 'sha384-aaaa', 'ProductList-A.js': 'sha384-bbbb', 'ProductList-A.css': 'sha384-cccc', '@types/ProductList.d.ts': 'sha384-dddd' },
};

let server: Server;
let origin: string;
const dir = mkdtempSync(join(tmpdir(), 'tessera-snapshot-'));
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/catalog/mf-manifest.json') res.end(JSON.stringify(manifest));
    else if (req.url === '/hostile/mf-manifest.json') res.end(JSON.stringify({ ...manifest, metaData: { ...manifest.metaData, publicPath: 'javascript:alert(1)//' } }));
    else if (req.url === '/not-json/mf-manifest.json') res.end('<html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const config = (remotes: FederationConfig['remotes'], more: Partial<FederationConfig> = {}) =>
  resolveConfig({ name: 'shell', entry: './src/main.tsx', remotes, snapshot: true, ...more }, shell);

describe('readManifestSnapshot (`snapshot: true`)', () => {
  it('reads a manifest over HTTP and keeps what the runtime reads of it: the same entry, offers, files and hashes', async () => {
    const url = `${origin}/catalog/mf-manifest.json`;
    const { manifests, warnings } = await readManifestSnapshot(config({ catalog: url }));
    expect(warnings).toEqual([]);
    const kept = manifests[url] as Record<string, unknown>;
    // Only the hashes of files a page loads are kept (the declarations' are for `tessera types`, which reads the live manifest).
    const full = readManifest(manifest, url, 'catalog');
    const loaded = Object.fromEntries(Object.entries(full.integrity).filter(([file]) => !file.endsWith('.d.ts')));
    expect(readManifest(kept, url, 'catalog')).toEqual({ ...full, integrity: loaded });
    expect(Object.keys(loaded)).toHaveLength(3);
    expect(JSON.stringify(kept)).not.toMatch(/buildInfo|types|lazy-C|d\.ts/);
  });

  it('reads a file: manifest from disk', async () => {
    const file = join(dir, 'mf-manifest.json');
    writeFileSync(file, JSON.stringify(manifest));
    const url = pathToFileURL(file).href;
    const { manifests, warnings } = await readManifestSnapshot(config({ catalog: url }));
    expect(warnings).toEqual([]);
    expect(readManifest(manifests[url], url, 'catalog').url).toBe(pathToFileURL(join(dir, 'remoteEntry.js')).href);
  });

  it('never throws: each manifest it cannot read or refuses is a warning naming the remote and URL, and is left to the run time', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const refused = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/mf-manifest.json`;
    await new Promise((resolve) => closed.close(resolve));
    const remotes = {
      missing: `${origin}/missing/mf-manifest.json`,
      hostile: `${origin}/hostile/mf-manifest.json`,
      garbled: `${origin}/not-json/mf-manifest.json`,
      down: refused,
      relative: '/catalog/mf-manifest.json',
      catalog: `${origin}/catalog/mf-manifest.json`,
    };
    const { manifests, warnings } = await readManifestSnapshot(config(remotes));
    expect(Object.keys(manifests)).toEqual([remotes.catalog]);
    const about = (name: keyof typeof remotes) => warnings.find((w) => w.includes(`remote "${name}" (${remotes[name]})`));
    expect(about('missing')).toContain('HTTP 404');
    expect(about('hostile')).toContain('[TESSERA_MANIFEST_INVALID]');
    expect(about('garbled')).toContain('JSON');
    expect(about('down')).toBeDefined();
    expect(about('relative')).toContain('relative to the page');
    expect(warnings).toHaveLength(5);
    for (const warning of warnings) expect(warning).toContain('the host reads it at run time');
  });

  it('the config: `snapshot` must be a boolean; true without a manifest remote is a warning', () => {
    expect(() => config({}, { snapshot: 'yes' as unknown as boolean })).toThrow('"snapshot" must be a boolean (got "yes")');
    expect(config({ catalog: `${origin}/remoteEntry.js` }).warnings.join('\n')).toContain('"snapshot": no remote is given by its mf-manifest.json URL');
    expect(resolveConfig({ name: 'shell', entry: './src/main.tsx' }, shell).snapshot).toBe(false);
  });
});
