import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOT_PATH, type HotMessage } from './hot-messages.js';

export interface DevOutputServerOptions {
  name: string;
  outDir: string;
  port: number;
  host: string;
  /** Resolves when no build is writing files: requests wait for it (except the fast path's `/hot/` files). */
  idle(): Promise<void>;
  /** The current build's id, sent to each page that connects. */
  buildId(): number;
}

/** An app's dev output over HTTP, and its hot-update channel. */
export interface DevOutputServer {
  url: string;
  /** Sends a message to every connected page; a build error is also sent to pages that connect later, until the next message. */
  broadcast(message: HotMessage): void;
  close(): Promise<void>;
}

/**
 * Serves a dev output folder (CORS open to every origin, `no-cache`), its `mf-manifest.json` with
 * `metaData.devServer.hotUpdate` (the WebSocket URL of the hot-update channel, as the request's
 * host reaches it), and the channel itself on `HOT_PATH` (the `ws` package). Listens at once.
 */
export async function createDevOutputServer(options: DevOutputServerOptions): Promise<DevOutputServer> {
  const { name, outDir } = options;
  const files = sirv(outDir, { dev: true, etag: false });
  const sockets = new Set<WebSocket>();
  let pendingError: HotMessage | undefined;

  const serveManifest = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const manifest = JSON.parse(await readFile(join(outDir, 'mf-manifest.json'), 'utf8')) as { metaData: Record<string, unknown> };
      manifest.metaData.devServer = { hotUpdate: `ws://${req.headers.host}${HOT_PATH}`, protocol: 1 };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(manifest, null, 2));
    } catch {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end(`${name} has no manifest: its build failed or it exposes nothing (see the dev server's output)`);
    }
  };

  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-cache');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
      res.writeHead(204).end();
      return;
    }
    // A page never loads half of two builds; the fast path's own files are complete when announced.
    const ready = req.url?.startsWith('/hot/') ? Promise.resolve() : options.idle();
    void ready.then(() => {
      if (req.url?.split('?')[0] === '/mf-manifest.json') return serveManifest(req, res);
      files(req, res, () => void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found'));
    });
  });
  const hot = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.split('?')[0] !== HOT_PATH) return socket.destroy();
    hot.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.send(JSON.stringify({ type: 'connected', app: name, buildId: options.buildId() } satisfies HotMessage));
      if (pendingError) ws.send(JSON.stringify(pendingError));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => done());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host === '127.0.0.1' || options.host === '0.0.0.0' || options.host === '::' || options.host === '::1' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    broadcast(message) {
      pendingError = message.type === 'error' ? message : undefined;
      const text = JSON.stringify(message);
      for (const socket of sockets) socket.send(text);
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      hot.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
