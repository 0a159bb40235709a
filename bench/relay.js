// Messages through the relay, next to a plain `ws` broadcast server (the floor) and Socket.IO
// (with its Redis Streams adapter for two instances): delivered messages/s at saturation, then
// latency p50/p99 at half the relay's one-instance rate. 1 KB payloads, 4 publishers and
// 4 subscribers on loopback, servers in their own processes, this process generating the load.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import WebSocket from 'ws';
import { io as connectSocketIO } from 'socket.io-client';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { median } from './measure.js';

const PUBLISHERS = 4;
const SUBSCRIBERS = 4;
const PAYLOAD = 'x'.repeat(1000);
const WINDOW = 2000; // messages published but not yet received by every subscriber

function waitForLine(child, pattern) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(pattern);
      if (match) resolve(match[1]);
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForLine(child, /(Ready to accept connections)/);
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill('SIGKILL') };
}
async function startServer(kind, redis) {
  const profile = process.env.RELAY_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.RELAY_BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, new URL('./relay-server.js', import.meta.url).pathname, kind, ...(redis ? [redis] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await waitForLine(child, /listening (\S+)/);
  return { url, pid: child.pid, stop: () => child.kill(profile.length ? 'SIGINT' : 'SIGKILL') };
}

/** Clients speaking one server's protocol: `publish(i, text)`, and `onMessage(handler(text))` per subscriber. */
async function connect(kind, urls) {
  const at = (i) => urls[i % urls.length];
  if (kind === 'socketio') {
    const open = (url) => new Promise((resolve) => {
      const socket = connectSocketIO(url, { transports: ['websocket'], forceNew: true });
      socket.once('connect', () => resolve(socket));
    });
    const publishers = await Promise.all(Array.from({ length: PUBLISHERS }, (_, i) => open(at(i))));
    const subscribers = await Promise.all(Array.from({ length: SUBSCRIBERS }, (_, i) => open(at(i + 1))));
    for (const s of subscribers) s.emit('sub', 'bench');
    await new Promise((resolve) => setTimeout(resolve, 300)); // joins are not acknowledged
    return {
      publish: (i, data) => publishers[i].emit('pub', 'bench', data),
      onMessage: (handler) => subscribers.forEach((s) => s.on('msg', handler)),
      close: () => [...publishers, ...subscribers].forEach((s) => s.close()),
    };
  }
  const open = (url) => new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws)).once('error', reject);
  });
  const publishers = await Promise.all(Array.from({ length: PUBLISHERS }, (_, i) => open(at(i))));
  const subscribers = await Promise.all(Array.from({ length: SUBSCRIBERS }, (_, i) => open(at(i + 1))));
  if (kind === 'floor') {
    for (const s of subscribers) s.send('sub');
    await new Promise((resolve) => setTimeout(resolve, 100));
  } else {
    await Promise.all(subscribers.map((s) => new Promise((resolve) => {
      s.on('message', function ok(data) {
        if (String(data).includes('"t":"ok"')) s.off('message', ok), resolve();
      });
      s.send(JSON.stringify({ t: 'sub', re: 1, pattern: 'bench' }));
    })));
  }
  let id = 0;
  const prefix = Math.random().toString(36).slice(2, 8); // ids must be new to the relay: it drops a resent id
  return {
    publish: kind === 'floor'
      ? (i, data) => publishers[i].send(JSON.stringify({ topic: 'bench', data }))
      : (i, data) => publishers[i].send(JSON.stringify({ t: 'pub', id: `${prefix}${id++}`, topic: 'bench', data })),
    onMessage: (handler) => subscribers.forEach((s) => s.on('message', (data) => {
      const text = String(data);
      if (kind === 'floor' || text.startsWith('{"t":"msg"')) handler(text);
    })),
    close: () => [...publishers, ...subscribers].forEach((s) => s.terminate()),
  };
}

/**
 * CPU time the processes used so far, in µs (user + system, from /proc: 10 ms ticks). Unlike
 * wall-clock rates it does not depend on what else the shared machine runs at the time.
 */
function cpuMicros(pids) {
  return pids.reduce((sum, pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return sum + (Number(fields[11]) + Number(fields[12])) * 10_000;
  }, 0);
}

/** Saturation: publishers keep WINDOW messages in flight; delivered messages/s over `seconds`, and the servers' CPU µs per delivered message. */
async function saturate(clients, seconds, warmup, pids) {
  let published = 0;
  let delivered = 0;
  let measuring = false;
  let counted = 0;
  const pump = () => {
    while (published - delivered / SUBSCRIBERS < WINDOW) clients.publish(published++ % PUBLISHERS, { ts: 0, pad: PAYLOAD });
  };
  clients.onMessage(() => {
    delivered++;
    if (measuring) counted++;
    if (delivered % 200 === 0) pump();
  });
  pump();
  await new Promise((resolve) => setTimeout(resolve, warmup * 1000));
  measuring = true;
  const started = performance.now();
  const cpuBefore = cpuMicros(pids);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  measuring = false;
  const rate = counted / ((performance.now() - started) / 1000);
  const cpuPerMessage = (cpuMicros(pids) - cpuBefore) / counted;
  if (process.env.RELAY_BENCH_DEBUG) console.error(pids.map((pid) => [pid, cpuMicros([pid])]), counted);
  published = Infinity; // stop pumping
  return { rate, cpuPerMessage };
}

/** Latency at a fixed rate: each message carries its send time; p50/p99 over every delivery. */
async function latency(clients, deliveredPerSecond, seconds) {
  const perTick = Math.max(1, Math.round(deliveredPerSecond / SUBSCRIBERS / 100)); // 10 ms ticks
  const samples = [];
  clients.onMessage((text) => {
    const ts = typeof text === 'string' ? Number(/"ts":([\d.]+)/.exec(text)?.[1]) : text.ts;
    if (ts) samples.push(performance.now() - ts);
  });
  let sent = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < perTick; i++) clients.publish(sent++ % PUBLISHERS, { ts: performance.now(), pad: PAYLOAD });
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(timer);
  await new Promise((resolve) => setTimeout(resolve, 200));
  samples.sort((a, b) => a - b);
  const pick = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50Ms: pick(0.5), p99Ms: pick(0.99), samples: samples.length };
}

/**
 * One setup: `rounds` saturation runs, each on fresh servers, then the latency at `latencyRate`
 * (default: half this setup's rate) on the last round's servers with fresh clients.
 */
async function measure(kind, { instances = 1, seconds, warmup, rounds, redis, latencyRate }) {
  const rates = [];
  const cpu = [];
  let servers;
  for (let round = 0; round < rounds; round++) {
    servers?.forEach((s) => s.stop());
    servers = await Promise.all(Array.from({ length: instances }, () => startServer(kind, redis?.url)));
    const clients = await connect(kind, servers.map((s) => s.url));
    const { rate, cpuPerMessage } = await saturate(clients, seconds, warmup, [...servers.map((s) => s.pid), ...(redis ? [redis.pid] : [])]);
    rates.push(rate);
    cpu.push(cpuPerMessage);
    clients.close();
  }
  const deliveredPerSecond = median(rates);
  const clients = await connect(kind, servers.map((s) => s.url));
  const lat = await latency(clients, latencyRate ?? deliveredPerSecond / 2, seconds);
  clients.close();
  servers.forEach((s) => s.stop());
  return { deliveredPerSecond, serverCpuMicrosPerMessage: median(cpu), ...lat };
}

const SETUPS = [['relay', 'relay', 1], ['floor', 'floor', 1], ['socketio', 'socketio', 1], ['relayRedis2', 'relay', 2], ['socketioRedis2', 'socketio', 2]];

/** Bytes (minified, gzip -9) a page downloads for the client: ours on top of the bus it extends, Socket.IO's whole. */
async function clientBytes() {
  const size = async (contents) => {
    const result = await build({ stdin: { contents, resolveDir: import.meta.dirname, loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
    return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
  };
  const bus = await size("export { createBus } from '@tessera/bus';");
  const withRelay = await size("export { createBus, websocketTransport } from '@tessera/bus';");
  return { tesseraAddedToBus: withRelay - bus, socketioClient: await size("export { io } from 'socket.io-client';") };
}

export async function relayBench({ quick, only }) {
  const options = { seconds: quick ? 0.3 : 3, warmup: quick ? 0.2 : 0.5, rounds: quick ? 1 : 3 };
  const redis = quick && !only ? undefined : await startRedis();
  try {
    const rows = {};
    // --quick (the smoke test): only the relay and its floor, to show the section runs
    const setups = SETUPS.filter(([n]) => (only ? n === only : !quick || n === 'relay' || n === 'floor'));
    for (const [name, kind, instances] of setups) {
      // every setup's latency at the same rate: half the relay's own (1 instance)
      rows[name] = await measure(kind, { ...options, instances, redis: instances > 1 ? redis : undefined, latencyRate: rows.relay && rows.relay.deliveredPerSecond / 2 });
    }
    if (only) return rows;
    return {
      socketioVersion: JSON.parse(readFileSync(new URL('../node_modules/socket.io/package.json', import.meta.url), 'utf8')).version,
      clientBytesGzip: await clientBytes(),
      publishers: PUBLISHERS,
      subscribers: SUBSCRIBERS,
      payloadBytes: PAYLOAD.length,
      seconds: options.seconds,
      rounds: options.rounds,
      latencyRate: rows.relay.deliveredPerSecond / 2,
      ...rows,
      relayRatioToFloor: rows.relay.deliveredPerSecond / rows.floor.deliveredPerSecond,
      relayCpuRatioToFloor: rows.relay.serverCpuMicrosPerMessage / rows.floor.serverCpuMicrosPerMessage,
    };
  } finally {
    redis?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  console.log(JSON.stringify(await relayBench({ quick: process.argv.includes('--quick'), only }), null, 2));
}
