// One server process for bench/relay.js: `node relay-server.js <kind> [redisUrl]`, prints
// `listening <url>` once ready. Kinds: `relay` (@tessera/relay; with redisUrl, on Redis),
// `floor` (plain `ws` broadcast: each publisher frame written to every subscriber, nothing else),
// `socketio` (Socket.IO with a room per topic; with redisUrl, its Redis Streams adapter).
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const [kind, redis] = process.argv.slice(2);

if (kind === 'relay') {
  const { startRelay } = await import('@tessera/relay');
  // no rate limit in the way of the load: the bench measures the relay's own ceiling
  const relay = await startRelay({ port: 0, redis, rateLimit: { perSecond: 1e9, burst: 1e9 }, maxQueueBytes: 64 * 1024 * 1024 });
  console.log(`listening ${relay.url}`);
} else if (kind === 'floor') {
  const server = createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  const subscribers = new Set();
  wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('close', () => subscribers.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (data.length < 16 && String(data) === 'sub') return void subscribers.add(ws);
      for (const subscriber of subscribers) subscriber.send(data, { binary: isBinary });
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(`listening ws://127.0.0.1:${server.address().port}`));
} else if (kind === 'socketio') {
  const { Server } = await import('socket.io');
  const server = createServer();
  const io = new Server(server, { transports: ['websocket'], perMessageDeflate: false, maxHttpBufferSize: 1e6 });
  if (redis) {
    // the adapter reads XREAD replies in node-redis 4's shape (redis 6 maps them differently: no cross-instance delivery)
    const { createClient } = await import('redis-v4');
    const { createAdapter } = await import('@socket.io/redis-streams-adapter');
    const client = createClient({ url: redis });
    await client.connect();
    io.adapter(createAdapter(client));
  }
  io.on('connection', (socket) => {
    socket.on('sub', (topic) => socket.join(topic));
    socket.on('pub', (topic, data) => io.to(topic).emit('msg', data));
  });
  server.listen(0, '127.0.0.1', () => console.log(`listening http://127.0.0.1:${server.address().port}`));
} else {
  throw new Error(`unknown kind ${kind}`);
}
process.on('SIGINT', () => process.exit(0));
