// `npm run demo`: builds the shop example's three apps at once (as `tessera build catalog cart shell`
// does: one process, remotes first), serves each on its own port, and starts the relay (embedded
// broker, port 4010) that carries the shop's bus between browsers.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApps, loadConfig, runtimeSize } from '@tessera/build';
import { formatReport, serve } from '@tessera/cli';
import { startRelay } from '@tessera/relay';

const shop = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'shop');
const ports = { catalog: 4001, cart: 4002, shell: 4000 };

const configs = await Promise.all(Object.keys(ports).map((app) => loadConfig(join(shop, app))));
const [results, runtime] = await Promise.all([buildApps(configs), runtimeSize(shop)]);
const servers = [];
for (const { config, report, error } of results) {
  if (error) throw error;
  console.log(formatReport(report, runtime));
  for (const warning of report.warnings) console.warn(`warning: ${warning}`);
  servers.push({ name: config.name, ...(await serve({ dir: config.outDir, port: ports[config.name] })) });
}
const relay = await startRelay({ port: 4010 });
for (const s of servers) console.log(`${s.name.padEnd(8)} ${s.url}`);
console.log(`relay    ${relay.url}`);
const page = `${servers.find((s) => s.name === 'shell').url}?relay=${relay.url.replace('127.0.0.1', 'localhost')}`;
console.log(`\nShop running: open ${page} in two browsers (Ctrl+C to stop)`);
