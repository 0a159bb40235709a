// Build time of the shop (three apps): Tessera against plain esbuild of the same code without
// federation (the floor). Cold: the first build in a fresh Node process; warm: the second.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median } from './measure.js';

const here = import.meta.dirname;

async function timeInChild(tool) {
  const { stdout } = await promisify(execFile)(process.execPath, [join(here, 'build-once.js'), tool], { cwd: join(here, '..') });
  return JSON.parse(stdout);
}

export async function buildTime({ quick }) {
  const rounds = quick ? 1 : 5;
  const results = {};
  for (const tool of ['tessera', 'esbuild']) {
    const runs = [];
    for (let i = 0; i < rounds; i++) runs.push(await timeInChild(tool));
    results[tool] = { coldMs: median(runs.map((r) => r.coldMs)), warmMs: median(runs.map((r) => r.warmMs)) };
  }
  return {
    ...results,
    esbuildRatioToTessera: { cold: results.esbuild.coldMs / results.tessera.coldMs, warm: results.esbuild.warmMs / results.tessera.warmMs },
  };
}
