import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker.js';
import { bustUrl, fetchChecked, unbustUrl, withRetries } from './fetch-with-retry.js';

let server: Server | undefined;
afterEach(() => void server?.close());

/** A server on a free port answering each request with the next of `statuses` (-1: never answers). */
async function serveStatuses(statuses: number[]): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((req, res) => {
    seen.push(req.url!);
    const status = statuses.shift() ?? 200;
    if (status !== -1) res.writeHead(status).end('{}');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mf-manifest.json`, seen };
}

const get = (url: string) => withRetries(url, { timeout: 300, retries: 2 }, 'app', (u, signal) => fetchChecked(fetch, u, signal, 'app'));

describe('withRetries', () => {
  it('retries HTTP 5xx on cache-busted URLs and succeeds', async () => {
    const { url, seen } = await serveStatuses([503, 500, 200]);
    expect((await get(url)).status).toBe(200);
    expect(seen[0]).toBe('/mf-manifest.json');
    expect(seen.slice(1)).toEqual([expect.stringMatching(/^\/mf-manifest\.json\?tessera-retry=\w+$/), expect.stringMatching(/tessera-retry=/)]);
    expect(new Set(seen).size).toBe(3);
  });

  it('never retries an HTTP 4xx', async () => {
    const { url, seen } = await serveStatuses([404]);
    await expect(get(url)).rejects.toMatchObject({ code: 'TESSERA_MANIFEST_FETCH_FAILED', remote: 'app', url, message: expect.stringContaining('HTTP 404') });
    expect(seen).toHaveLength(1);
  });

  it('aborts a hung attempt after the timeout, retries, then fails with TESSERA_REMOTE_TIMEOUT naming the URL', async () => {
    const { url, seen } = await serveStatuses([-1, -1, -1]);
    const started = performance.now();
    await expect(get(url)).rejects.toMatchObject({ code: 'TESSERA_REMOTE_TIMEOUT', url });
    expect(performance.now() - started).toBeLessThan(3 * 300 + 600 + 500);
    expect(seen).toHaveLength(3);
  });

  it('stops, with its timers, when the remote is unloaded', async () => {
    const { url } = await serveStatuses([-1]);
    const lifetime = new AbortController();
    const pending = withRetries(url, { timeout: 60_000, retries: 5 }, 'app', (u, signal) => fetch(u, { signal }), { lifetime: lifetime.signal });
    lifetime.abort(new Error('unloaded'));
    await expect(pending).rejects.toThrow('unloaded');
  });
});

describe('bustUrl', () => {
  it('adds a query no cache has seen, which unbustUrl takes off again', () => {
    for (const url of ['https://cdn.example/remoteEntry.js', 'http://localhost:4001/chunk.js?v=2']) {
      const busted = bustUrl(url);
      expect(busted).not.toBe(url);
      expect(bustUrl(url)).not.toBe(busted);
      expect(unbustUrl(busted)).toBe(url);
      expect(unbustUrl(url)).toBe(url);
    }
    expect(bustUrl('data:text/javascript,1')).toBe('data:text/javascript,1');
  });
});

describe('createCircuitBreaker', () => {
  it('fails fast after 3 failed loads in a row, lets one through after the cooldown, and closes on success', async () => {
    const breaker = createCircuitBreaker('app', 'http://x/', 3, 50);
    breaker.record(false);
    breaker.record(false);
    expect(() => breaker.check()).not.toThrow();
    breaker.record(false);
    expect(() => breaker.check()).toThrow(expect.objectContaining({ code: 'TESSERA_REMOTE_UNAVAILABLE', remote: 'app' }));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(() => breaker.check()).not.toThrow();
    breaker.record(true);
    breaker.record(false);
    expect(() => breaker.check()).not.toThrow();
  });
});
