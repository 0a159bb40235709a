import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface ServeOptions {
  /** Folder to serve (a build's `dist/`). */
  dir: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** Interface to listen on. Default '127.0.0.1'. */
  host?: string;
}

/** esbuild's content hash in a file name: `ProductList-5HRJIL6H.js`. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

/**
 * Cache policy of federated apps: the remote entry, manifest, HTML and host entry are looked up
 * by fixed names and must be revalidated on every load (`no-cache`); content-hashed chunks,
 * CSS and assets never change (`immutable`, one year).
 */
export function cacheControlFor(pathname: string): string {
  return HASHED.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves a folder over HTTP with CORS open to every origin (remotes are loaded cross-origin)
 * and the cache policy above. Resolves once listening, with the URL and a `close()`.
 */
export async function serve({ dir, port, host = '127.0.0.1' }: ServeOptions): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const files = sirv(dir, {
    dev: true,
    etag: true,
    setHeaders(res, pathname) {
      res.setHeader('Cache-Control', cacheControlFor(pathname));
    },
  });
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
      res.writeHead(204).end();
      return;
    }
    files(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${address.port}/`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
