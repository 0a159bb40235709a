import { it } from 'vitest';
import { openShell, useFaultShop } from '../faults/fault-shop.js';
const shop = useFaultShop();
it('debug', async () => {
  shop().proxy.faults.push({ path: /mf-manifest\.json$/, kind: 'hang' });
  const opened = await openShell(shop());
  const r = await opened.page.evaluate(() => ({ h: (globalThis as any).headerAt, r: performance.getEntriesByType('resource').map((e: any) => [e.name.replace(/http:\/\/127.0.0.1:/, ''), Math.round(e.startTime), Math.round(e.responseEnd)]) }));
  console.log('startup', opened.startupMs, 'header', r.h, JSON.stringify(r.r, null, 0), opened.logs.join('\n'));
  await shop().proxy.heal();
}, 60000);
