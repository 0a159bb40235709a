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

/** Whether a request is for a page (HTML: `.html`, a folder's index, or an extensionless path sirv serves as `.html`), which other origins must not read. */
function isPage(pathname: string): boolean {
  return /\.html?$/i.test(pathname) || !/\.[^/]+$/.test(pathname);
}

/**
 * Serves a folder over HTTP. Modules, styles, manifests and assets are readable from every origin
 * (`Access-Control-Allow-Origin: *`, `Cross-Origin-Resource-Policy: cross-origin`: hosts load
 * remotes cross-origin, also from pages that set COEP); HTML pages get no CORS headers. Every
 * response carries `X-Content-Type-Options: nosniff`, so a file runs only as the type it is served
 * as. Cache policy as `cacheControlFor`. Resolves once listening, with the URL and a `close()`.
 */
export async function serve({ dir, port, host = '127.0.0.1' }: ServeOptions): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const files = sirv(dir, {
    dev: true,
    etag: true,
    setHeaders(res, pathname) {
      res.setHeader('Cache-Control', cacheControlFor(pathname));
      if (!isPage(pathname)) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      }
    },
  });
  const server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.method === 'OPTIONS') {
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      if (!isPage(pathname)) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
      }
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
