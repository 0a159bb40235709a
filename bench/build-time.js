// Build time of the shop (three apps, same sources, production mode), each tool as a whole process,
// as a user runs it: Tessera's CLI (`tessera build catalog cart shell`: one process, the three apps
// at once), with declarations (its default) and without (`--no-dts`), each warm (its shared
// fallbacks and share keys kept in node_modules/.cache/tessera, as in any build after the first)
// and cold (that cache deleted before each run, untimed); webpack 5 +
// ModuleFederationPlugin minified by terser (its default) and by esbuild; Rspack + its
// ModuleFederationPlugin; Module Federation 2.0's Rspack plugin with type generation (`dts`); and
// plain esbuild bundling the same entries without federation (the floor); and, like for like with
// Tessera's warm rows, webpack (esbuild minifier) with `cache: { type: 'filesystem' }` and Rspack
// with `cache: { type: 'persistent' }`. Every cached tool (Tessera's warm rows included) runs once,
// untimed, before the rounds, so its rounds are all warm. Each anchor runs as
// `node bench/build-process.js <tool>`, which imports the tool after the process started. The
// clock runs from spawn to exit. Each round runs every tool once, in turn; ratios are paired (the
// anchor's time ÷ Tessera's in the same round) and given as min / median / max over the rounds.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median } from './measure.js';
import { apps } from './shop-builds.js';

const here = import.meta.dirname;
const root = join(here, '..');
const cli = join(root, 'packages', 'cli', 'bin', 'tessera.js');
const appDirs = apps.map((app) => join('examples', 'shop', app));

/** Every tool timed, and the command line of its process. */
export const buildCommands = {
  tessera: [cli, 'build', ...appDirs],
  tesseraNoDts: [cli, 'build', '--no-dts', ...appDirs],
  tesseraCold: [cli, 'build', ...appDirs],
  tesseraNoDtsCold: [cli, 'build', '--no-dts', ...appDirs],
  esbuild: [join(here, 'build-process.js'), 'esbuild'],
  esbuildOwnSources: [join(here, 'build-process.js'), 'esbuildOwnSources'],
  rspack: [join(here, 'build-process.js'), 'rspack'],
  webpack: [join(here, 'build-process.js'), 'webpack'],
  webpackEsbuildMinify: [join(here, 'build-process.js'), 'webpackEsbuildMinify'],
  webpackEsbuildMinifyCached: [join(here, 'build-process.js'), 'webpackEsbuildMinifyCached'],
  rspackCached: [join(here, 'build-process.js'), 'rspackCached'],
  mf2Dts: [join(here, 'build-process.js'), 'mf2Dts'],
};
/** Left out of quick mode (the smoke test): the slowest anchor, tens of seconds a run on 2 cores. */
const slow = ['mf2Dts'];

/** Tessera's caches of the three apps (node_modules/.cache/tessera). */
const clearTesseraCache = () => {
  for (const app of apps) rmSync(join(root, 'examples', 'shop', app, 'node_modules', '.cache', 'tessera'), { recursive: true, force: true });
};
/** Tools whose persistent cache is warmed by one untimed run before the rounds. */
const cached = ['tessera', 'tesseraNoDts', 'webpackEsbuildMinifyCached', 'rspackCached'];
/** The cold rows: Tessera's cache deleted before each run (not timed). */
const cold = ['tesseraCold', 'tesseraNoDtsCold'];

async function timeProcess(tool) {
  if (cold.includes(tool)) clearTesseraCache();
  const started = performance.now();
  await promisify(execFile)(process.execPath, buildCommands[tool], { cwd: root, maxBuffer: 16 << 20 });
  return performance.now() - started;
}

const spread = (values) => ({ min: Math.min(...values), median: median(values), max: Math.max(...values) });

export async function buildTime({ quick }) {
  const rounds = quick ? 1 : 5;
  const tools = Object.keys(buildCommands).filter((tool) => !quick || !slow.includes(tool));
  const samples = Object.fromEntries(tools.map((tool) => [tool, []]));
  // The cached tools start from an empty cache, which one untimed run fills (see BENCHMARKS.md).
  clearTesseraCache();
  for (const dir of ['bench-webpack-cache', 'bench-rspack-cache']) rmSync(join(root, 'tmp', dir), { recursive: true, force: true });
  for (const tool of tools.filter((t) => cached.includes(t))) await timeProcess(tool);
  for (let i = 0; i < rounds; i++) for (const tool of tools) samples[tool].push(await timeProcess(tool));
  /** Paired ratios of every other tool to `base`: above 1, `base` (a Tessera build) is faster. */
  const ratios = (base) => Object.fromEntries(
    tools.filter((tool) => tool !== base).map((tool) => [tool, spread(samples[tool].map((ms, i) => ms / samples[base][i]))]),
  );
  return {
    rounds,
    tools,
    ms: Object.fromEntries(tools.map((tool) => [tool, spread(samples[tool])])),
    samples: Object.fromEntries(tools.map((tool) => [tool, samples[tool].map(Math.round)])),
    ratioToTessera: ratios('tessera'),
    ratioToTesseraNoDts: ratios('tesseraNoDts'),
    ratioToTesseraCold: ratios('tesseraCold'),
    ratioToTesseraNoDtsCold: ratios('tesseraNoDtsCold'),
  };
}
