// Build time of the shop (three apps, same sources, production mode): Tessera against webpack 5 +
// ModuleFederationPlugin, Rspack + its Module Federation plugin, and plain esbuild of the same code
// without federation (the floor); also Tessera without type declarations (dts: false), the same
// output the other tools give. Cold: the first build in a fresh Node process; warm: the second in
// that process. Each round runs every tool once, in turn, so drift in the machine's load spreads
// over all tools alike; figures are medians over the rounds.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median } from './measure.js';

const here = import.meta.dirname;
export const buildTools = ['tessera', 'tesseraNoDts', 'webpack', 'rspack', 'esbuild'];

async function timeInChild(tool) {
  const { stdout } = await promisify(execFile)(process.execPath, [join(here, 'build-once.js'), tool], { cwd: join(here, '..'), maxBuffer: 16 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

export async function buildTime({ quick }) {
  const rounds = quick ? 1 : 7;
  const runs = Object.fromEntries(buildTools.map((tool) => [tool, []]));
  for (let i = 0; i < rounds; i++) for (const tool of buildTools) runs[tool].push(await timeInChild(tool));
  const results = Object.fromEntries(
    buildTools.map((tool) => [tool, { coldMs: median(runs[tool].map((r) => r.coldMs)), warmMs: median(runs[tool].map((r) => r.warmMs)) }]),
  );
  const ratios = (base) => Object.fromEntries(
    buildTools.filter((tool) => tool !== base).map((tool) => [tool, {
      cold: results[tool].coldMs / results[base].coldMs,
      warm: results[tool].warmMs / results[base].warmMs,
    }]),
  );
  return {
    rounds,
    ...results,
    // Every round's times, in run order, per tool.
    samples: Object.fromEntries(buildTools.map((tool) => [tool, { coldMs: runs[tool].map((r) => Math.round(r.coldMs)), warmMs: runs[tool].map((r) => Math.round(r.warmMs)) }])),
    // tool's time ÷ Tessera's time: above 1, Tessera builds faster.
    ratioToTessera: ratios('tessera'),
    ratioToTesseraNoDts: ratios('tesseraNoDts'),
  };
}
