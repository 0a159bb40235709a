import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { RELAY_PROTOCOL, RelayClose } from '@tessera/bus/relay-protocol';
import type { Broker, Ephemeral, StoredMessage } from './broker.js';
import { createConnection, type Connection } from './connection.js';
import { createCounters } from './counters.js';
import { createMemoryBroker } from './memory-broker.js';
import { createMetrics } from './metrics.js';
import { resolveRelayOptions, type RelayOptions } from './options.js';

/** A running relay. */
export interface Relay {
  /** `ws://host:port`: what clients connect to. */
  readonly url: string;
  /** The port it listens on (the one the OS chose for `port: 0`). */
  readonly port: number;
  /** This process's id among the relays on one Redis (prefix of its connection ids). */
  readonly instance: string;
  readonly broker: 'memory' | 'redis';
  /** Open connections now. */
  connections(): number;
  /**
   * Graceful shutdown: refuses new connections, answers `/healthz` with 503, asks every client to
   * go (close 1001: they reconnect, to another instance), waits up to `drainMs` for them, cuts off
   * the rest, then closes the broker. Messages already acknowledged stay in the broker.
   */
  close(): Promise<void>;
}

const refuse = (socket: Duplex, status: string) => {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
};

/**
 * Starts a relay: an HTTP server that upgrades to WebSocket (any path), with `GET /healthz`
 * (200 `{"status":"ok",...}`, 503 while shutting down or when Redis is unreachable) and
 * `GET /metrics` (Prometheus text). Embedded broker by default, Redis with `options.redis`.
 * Throws `TESSERA_RELAY_INVALID_OPTIONS`, or the listen error (`EADDRINUSE`).
 */
export async function startRelay(userOptions: RelayOptions = {}): Promise<Relay> {
  const options = resolveRelayOptions(userOptions);
  const instance = randomBytes(6).toString('base64url');
  const broker: Broker = options.redis
    ? await (await import('./redis-broker.js')).createRedisBroker({ ...options, redis: options.redis }, instance)
    : createMemoryBroker(options);
  const counters = createCounters();
  const connections = new Map<string, Connection>();
  const sockets = new Set<WebSocket>();
  let routes = new Map<string, Connection[]>();
  let closing = false;

  const route = (topic: string): Connection[] => {
    let to = routes.get(topic);
    if (!to) {
      to = [...connections.values()].filter((c) => c.matches(topic));
      if (routes.size > 10_000) routes.clear();
      routes.set(topic, to);
    }
    return to;
  };
  const rerouted = () => {
    routes = new Map();
  };

  broker.onMessage((message: StoredMessage) => {
    const to = route(message.topic);
    if (!to.length) return;
    // one UTF-8 encoding per message, shared by every subscriber, not kept with the stored message
    const bytes = Buffer.from(message.frame);
    for (const connection of to) connection.deliver(message, bytes);
  });
  broker.onEphemeral((ephemeral: Ephemeral) => {
    if (ephemeral.kind === 'rep') return connections.get(ephemeral.to)?.sendFrame(ephemeral.frame);
    for (const connection of route(ephemeral.topic)) if (connection.id !== ephemeral.from) connection.sendFrame(ephemeral.frame);
  });

  const metrics = createMetrics(counters, {
    connections: () => sockets.size,
    queuedBytes: () => [...sockets].reduce((sum, ws) => sum + ws.bufferedAmount, 0),
    lagMs: () => broker.lagMs(),
  });

  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://relay').pathname;
    if (path === '/healthz') {
      const ok = !closing && broker.healthy();
      response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: ok ? 'ok' : closing ? 'closing' : 'broker unavailable', broker: broker.kind, instance, connections: sockets.size }));
      return;
    }
    if (path === '/metrics') {
      response.writeHead(200, { 'content-type': metrics.contentType });
      response.end(await metrics.metrics());
      return;
    }
    response.writeHead(426, { 'content-type': 'text/plain' });
    response.end('tessera relay: connect with WebSocket\n');
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes * 4, perMessageDeflate: false });

  const accept = (ws: WebSocket, socket: Duplex, user: unknown) => {
    const id = `${instance}.${randomBytes(9).toString('base64url')}`;
    sockets.add(ws);
    ws.on('error', () => ws.terminate());
    const connection = createConnection(ws, socket, id, options.allow(user), { broker, options, counters, rerouted });
    connections.set(id, connection);
    ws.on('close', () => {
      sockets.delete(ws);
      connections.delete(id);
      rerouted();
    });
    ws.send(JSON.stringify({ t: 'welcome', protocol: RELAY_PROTOCOL, instance, log: broker.log, maxMessageBytes: options.maxMessageBytes }));
  };

  server.on('upgrade', async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (closing) return refuse(socket, '503 Service Unavailable');
    const origin = request.headers.origin;
    if (options.origins && origin !== undefined && !options.origins.has(origin)) return refuse(socket, '403 Forbidden');
    let user: unknown;
    try {
      user = options.verify ? await options.verify(request) : undefined;
    } catch {
      user = false;
    }
    if (user === false) return refuse(socket, '401 Unauthorized');
    if (socket.destroyed || closing) return socket.destroy(); // gone, or shutting down, while verify ran
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws, socket, user));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `ws://${host}:${port}`,
    port,
    instance,
    broker: broker.kind,
    connections: () => sockets.size,
    async close() {
      if (closing) return;
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const ws of sockets) ws.close(RelayClose.goingAway, 'relay shutting down');
      const deadline = Date.now() + options.drainMs;
      while (sockets.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const ws of sockets) ws.terminate();
      server.closeAllConnections();
      await closed;
      await broker.close();
    },
  };
}
