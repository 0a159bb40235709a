// `npm run demo`: builds the shop example's three apps, serves each on its own port, and starts
// the relay (embedded broker, port 4010) that carries the shop's bus between browsers.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, loadConfig, runtimeSize } from '@tessera/build';
import { formatReport, serve } from '@tessera/cli';
import { startRelay } from '@tessera/relay';

const shop = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'shop');
const apps = [
  { name: 'catalog', port: 4001 },
  { name: 'cart', port: 4002 },
  { name: 'shell', port: 4000 },
];

const servers = [];
for (const app of apps) {
  const config = await loadConfig(join(shop, app.name));
  console.log(formatReport(await buildApp(config), await runtimeSize(config.root)));
  servers.push({ ...app, ...(await serve({ dir: config.outDir, port: app.port })) });
}
const relay = await startRelay({ port: 4010 });
for (const s of servers) console.log(`${s.name.padEnd(8)} ${s.url}`);
console.log(`relay    ${relay.url}`);
const page = `${servers.find((s) => s.name === 'shell').url}?relay=${relay.url.replace('127.0.0.1', 'localhost')}`;
console.log(`\nShop running: open ${page} in two browsers (Ctrl+C to stop)`);
