// `npm run demo`: builds the shop example's three apps and serves each on its own port.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, loadConfig, runtimeSize } from '@tessera/build';
import { formatReport, serve } from '@tessera/cli';

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
for (const s of servers) console.log(`${s.name.padEnd(8)} ${s.url}`);
console.log(`\nShop running: open ${servers.find((s) => s.name === 'shell').url} (Ctrl+C to stop)`);
