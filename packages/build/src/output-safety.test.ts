import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from './build.js';
import { resolveConfig, type FederationConfig } from './config.js';
import { loadConfig } from './load-config.js';
import { fetchRemoteTypes } from './remote-types.js';
import { useCatalogCopies } from '../../../test/support/app-copy.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const { work, copy: copyCatalog } = useCatalogCopies('output-safety');

const catalogConfig = (extra: Partial<FederationConfig>): FederationConfig => ({
  name: 'catalog',
  exposes: { './ProductList': './src/ProductList.tsx' },
  ...extra,
});

function rejection(config: FederationConfig, root: string): { code: string; message: string } {
  try {
    resolveConfig(config, root);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the config to be rejected');
}

describe('a build never deletes or writes outside its outDir', () => {
  const root = join(repo, 'examples', 'shop', 'catalog');

  it.each(['.', './', 'src', 'src/..', '..', '../..'])('refuses outDir %j (the app, a folder holding it, or its sources)', (outDir) => {
    const error = rejection(catalogConfig({ outDir }), root);
    expect(error.code).toBe('TESSERA_CONFIG_INVALID');
    expect(error.message).toContain('"outDir":');
    expect(error.message).toMatch(/contains (it|the source)|is the app folder/);
  });

  it.each(['../x.js', '/tmp/x.js', 'sub/remoteEntry.js', '..', 'entry.css'])('refuses filename %j (it must be a plain .js name inside outDir)', (filename) => {
    const error = rejection(catalogConfig({ filename }), root);
    expect(error.code).toBe('TESSERA_CONFIG_INVALID');
    expect(error.message).toContain('"filename" must be a plain file name');
  });

  it('accepts an outDir beside the app, and then leaves the files already there alone', async () => {
    const app = copyCatalog('beside');
    const outside = join(work, 'shared-out');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'precious.txt'), 'not the build\'s');
    const config = await loadConfig(app);
    const resolved = resolveConfig(catalogConfig({ outDir: '../shared-out' }), app);
    expect(resolved.cleanOutDir).toBe(false);
    await buildApp({ ...config, outDir: resolved.outDir, cleanOutDir: resolved.cleanOutDir });
    expect(readFileSync(join(outside, 'precious.txt'), 'utf8')).toBe('not the build\'s');
    expect(existsSync(join(outside, 'remoteEntry.js'))).toBe(true);
  });

  it('keeps the app intact when the config file itself says outDir: "."', async () => {
    const app = copyCatalog('dot');
    const file = join(app, 'federation.config.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("name: 'catalog',", "name: 'catalog',\n  outDir: '.',"));
    const before = readdirSync(app).sort();
    await expect(loadConfig(app)).rejects.toMatchObject({ code: 'TESSERA_CONFIG_INVALID' });
    expect(readdirSync(app).sort()).toEqual(before);
    expect(existsSync(join(app, 'package.json'))).toBe(true);
  });
});

describe('tessera types writes only inside .tessera/', () => {
  async function serveManifest(manifest: unknown, files: Record<string, string> = {}): Promise<{ url: string; server: Server }> {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/mf-manifest.json') return void res.end(JSON.stringify(manifest));
      const body = files[path];
      res.writeHead(body === undefined ? 404 : 200).end(body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mf-manifest.json`, server };
  }

  const hostile = (files: unknown, path: unknown = '@types') => ({
    id: 'catalog', name: 'catalog', metaData: { remoteEntry: { name: 'remoteEntry.js', path: '', type: 'module' }, types: { path, name: 'index.d.ts', files } },
    shared: [], exposes: [{ id: 'catalog:ProductList', name: 'ProductList', path: './ProductList' }],
  });

  it.each([
    ['a file climbing out', hostile(['../../../escaped.d.ts'])],
    ['an absolute file', hostile(['/tmp/escaped.d.ts'])],
    ['a path climbing out', hostile(['index.d.ts'], '../..')],
    ['a file that is no declaration', hostile(['payload.js'])],
    ['files that are not a list', hostile('index.d.ts')],
  ])('refuses a manifest with %s, and writes nothing outside', async (_, manifest) => {
    const host = copyCatalog(`host-${Math.random().toString(36).slice(2, 8)}`);
    const body = 'declare module "x" {}\n';
    const { url, server } = await serveManifest(manifest, { '/escaped.d.ts': body, '/@types/index.d.ts': body, '/index.d.ts': body, '/@types/payload.js': body });
    try {
      const config = resolveConfig({ name: 'shell', entry: './src/ProductList.tsx', remotes: { catalog: url } }, host);
      await expect(fetchRemoteTypes(config)).rejects.toMatchObject({ code: 'TESSERA_MANIFEST_INVALID', remote: 'catalog' });
      expect(existsSync(join(work, 'escaped.d.ts'))).toBe(false);
      expect(existsSync(join(repo, 'escaped.d.ts'))).toBe(false);
      expect(existsSync('/tmp/escaped.d.ts')).toBe(false);
    } finally {
      server.close();
    }
  });

  it('refuses a local dist whose manifest points outside it', async () => {
    const host = copyCatalog('host-local');
    const dist = join(work, 'evil-dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'mf-manifest.json'), JSON.stringify(hostile(['index.d.ts'], '..')));
    const config = resolveConfig({ name: 'shell', entry: './src/ProductList.tsx', remotes: { catalog: 'http://127.0.0.1:1/mf-manifest.json' } }, host);
    await expect(fetchRemoteTypes(config, { catalog: dist })).rejects.toMatchObject({ code: 'TESSERA_MANIFEST_INVALID' });
  });
});
