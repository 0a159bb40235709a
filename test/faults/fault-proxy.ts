import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One fault the proxy injects into the responses whose path matches `path`. */
export type Fault = { path: RegExp } & (
  | { kind: 'hang' } // never answers (until healed)
  | { kind: 'status'; status: number }
  | { kind: 'reset' } // headers and half the body, then the connection is destroyed
  | { kind: 'delay'; ms: number }
  | { kind: 'hold'; until: Promise<unknown> } // answers (from upstream) once `until` settles
  | { kind: 'serve'; body: string } // a file that is not upstream
  | { kind: 'rewrite'; rewrite: (body: string) => string; rehash: boolean } // rehash: the manifest's integrity follows the new bytes
);

export interface FaultProxy {
  /** 'http://127.0.0.1:<port>/' */
  url: string;
  /** Active faults, first match wins. */
  faults: Fault[];
  /** Paths requested (with their query), in order. */
  requests: string[];
  /** Closes the port: connections are refused until `heal`. */
  refuse(): Promise<void>;
  /** Clears the faults, ends hung requests, and listens again if refused. */
  heal(): Promise<void>;
  close(): Promise<void>;
}

const sha384 = (body: string) => `sha384-${createHash('sha384').update(body).digest('base64')}`;

/** An HTTP proxy on a free loopback port in front of `upstream` (a served remote), with faults injected on demand. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const faults: Fault[] = [];
  const requests: string[] = [];
  const hung = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  async function fetchUpstream(path: string): Promise<{ body: string; type: string; status: number }> {
    const response = await fetch(new URL(path, upstream));
    return { body: await response.text(), type: response.headers.get('content-type') ?? 'text/plain', status: response.status };
  }

  function rewritten(path: string, body: string): string {
    for (const fault of faults) if (fault.kind === 'rewrite' && fault.path.test(path)) body = fault.rewrite(body);
    return body;
  }

  /** The manifest with the hashes of rewritten files that should still verify. */
  async function rehashed(body: string): Promise<string> {
    const rehash = faults.filter((f) => f.kind === 'rewrite' && f.rehash);
    if (!rehash.length) return body;
    const manifest = JSON.parse(body) as { integrity?: Record<string, string> };
    for (const file of Object.keys(manifest.integrity ?? {})) {
      if (!rehash.some((f) => f.path.test(`/${file}`))) continue;
      manifest.integrity![file] = sha384(rewritten(`/${file}`, (await fetchUpstream(`/${file}`)).body));
    }
    return JSON.stringify(manifest);
  }

  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    requests.push(req.url ?? '/');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    const fault = faults.find((f) => f.kind !== 'rewrite' && f.path.test(pathname));
    if (fault?.kind === 'hang') return void hung.add(res);
    if (fault?.kind === 'status') return void res.writeHead(fault.status, { 'Content-Type': 'text/plain' }).end('injected fault');
    if (fault?.kind === 'serve') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(fault.body);
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'hold') await fault.until.catch(() => {});
    try {
      const { body, type, status } = await fetchUpstream(req.url ?? '/');
      let out = rewritten(pathname, body);
      if (pathname.endsWith('mf-manifest.json') && status === 200) out = await rehashed(out);
      if (fault?.kind === 'reset') {
        res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(out) });
        res.write(out.slice(0, out.length >> 1), () => res.socket?.destroy());
        return;
      }
      res.writeHead(status, { 'Content-Type': type }).end(out);
    } catch {
      if (!res.headersSent) res.writeHead(502).end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => (server.off('error', reject), resolve()));
  });
  await listen(0);
  const { port } = server.address() as AddressInfo;
  const endAll = () => {
    for (const res of hung) res.socket?.destroy();
    hung.clear();
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    faults,
    requests,
    async refuse() {
      endAll();
      await new Promise((resolve) => server.close(resolve));
    },
    async heal() {
      faults.length = 0;
      endAll();
      if (!server.listening) await listen(port);
    },
    async close() {
      endAll();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
}
