// One cold start of a dev setup for the shop's three apps, in this fresh Node process; prints
// { startMs } as the last line. `node bench/dev-once.js tessera <shop copy>`: `tessera dev`'s
// startDev until every app has built and its server listens. `node bench/dev-once.js rspack`:
// Rspack's compilers for the three apps in development mode (the bench's Rspack MF configs with
// mode 'development' and source maps) in watch mode, until the first compilation is done.
import { join } from 'node:path';

const [tool, shopDir] = process.argv.slice(2);
const started = performance.now();
if (tool === 'tessera') {
  const { startDev } = await import('@tessera/dev');
  const session = await startDev({ roots: [shopDir], port: 0, types: false, log: () => {} });
  const startMs = performance.now() - started;
  await session.close();
  console.log(JSON.stringify({ startMs }));
} else if (tool === 'rspack') {
  const [{ rspack }, { rspackDevConfigs }] = await Promise.all([import('@rspack/core'), import('./dev-rspack.js')]);
  const compiler = rspack(rspackDevConfigs(join(import.meta.dirname, '..', 'tmp', 'bench-rspack-dev')));
  await new Promise((resolve, reject) => {
    const watching = compiler.watch({}, (error, stats) => {
      if (error || stats?.hasErrors()) return reject(error ?? new Error(stats.toString({ all: false, errors: true })));
      const startMs = performance.now() - started;
      watching.close(() => resolve(console.log(JSON.stringify({ startMs }))));
    });
  });
} else {
  throw new Error(`unknown dev tool ${tool}`);
}
