// Child process of build-time.js: builds the shop twice with one tool (bench/shop-builds.js),
// prints both times in ms. Cold: the first build in this fresh Node process; warm: the second.
// The tool's own modules are imported before the clock starts.
import { builders } from './shop-builds.js';

const tool = process.argv[2];
const build = builders[tool];
if (!build) throw new Error(`unknown tool ${tool}; one of ${Object.keys(builders).join(', ')}`);
const preload = { tessera: ['@tessera/build'], tesseraNoDts: ['@tessera/build'], esbuild: ['esbuild'], webpack: ['webpack', './webpack/config.js'], rspack: ['@rspack/core', './rspack/config.js'] };
await Promise.all(preload[tool].map((specifier) => import(specifier)));

const times = [];
for (let i = 0; i < 2; i++) {
  const started = performance.now();
  await build();
  times.push(performance.now() - started);
}
console.log(JSON.stringify({ coldMs: times[0], warmMs: times[1] }));
