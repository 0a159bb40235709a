import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, serve } from './serve.js';

const dir = join(import.meta.dirname, '..', '..', '..', 'tmp', `serve-test-${process.pid}`);
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'remoteEntry.js'), 'export const init = 1;');
  writeFileSync(join(dir, 'mf-manifest.json'), '{}');
  writeFileSync(join(dir, 'ProductList-5HRJIL6H.js'), 'export default 1;');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  server = await serve({ dir, port: 0 });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tessera serve', () => {
  it('serves entries and manifests uncached, hashed chunks immutable, with CORS', async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    const entry = await fetch(new URL('remoteEntry.js', base));
    expect(entry.status).toBe(200);
    expect(entry.headers.get('cache-control')).toBe('no-cache');
    expect(entry.headers.get('access-control-allow-origin')).toBe('*');
    expect(entry.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(new URL('mf-manifest.json', base))).headers.get('cache-control')).toBe('no-cache');
    const chunk = await fetch(new URL('ProductList-5HRJIL6H.js', base));
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(new URL('nope.js', base))).status).toBe(404);
    const preflight = await fetch(new URL('remoteEntry.js', base), { method: 'OPTIONS', headers: { 'access-control-request-headers': 'x-a' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-a');
  });

  it('sends nosniff on everything, and CORS on modules and manifests but not on HTML pages (issue 9 item 10)', async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    for (const path of ['remoteEntry.js', 'mf-manifest.json', 'ProductList-5HRJIL6H.js', '', 'index.html', 'nope.js']) {
      const response = await fetch(new URL(path, base), { headers: { origin: 'http://other.example' } });
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      const page = path === '' || path === 'index.html';
      expect(response.headers.get('access-control-allow-origin'), path).toBe(page || path === 'nope.js' ? null : '*');
      if (!page && path !== 'nope.js') expect(response.headers.get('cross-origin-resource-policy'), path).toBe('cross-origin');
    }
    const pagePreflight = await fetch(new URL('index.html', base), { method: 'OPTIONS', headers: { origin: 'http://other.example' } });
    expect(pagePreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('tells hashed file names from fixed ones', () => {
    expect(cacheControlFor('/assets/logo-ABCDEFGH.svg')).toContain('immutable');
    expect(cacheControlFor('/index.html')).toBe('no-cache');
    expect(cacheControlFor('/main.js')).toBe('no-cache');
  });
});
