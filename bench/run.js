// `npm run bench`: Tessera next to the tools users would pick instead, as ratios to anchors
// measured in the same run. Prints a table; writes bench/results.json and BENCHMARKS.md.
// `--quick` runs every section with few iterations (the smoke test uses it); `--out DIR` writes there.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTime } from './build-time.js';
import { bytes } from './bytes.js';
import { negotiation } from './negotiation.js';
import { pageLoad } from './page-load.js';
import { throughput } from './throughput.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
const quick = values.quick;
const root = join(import.meta.dirname, '..');
const started = performance.now();

const results = {
  date: new Date().toISOString().slice(0, 10),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  quick,
  buildTime: await buildTime({ quick }),
  bytes: await bytes(),
  pageLoad: await pageLoad({ quick }),
  negotiation: await negotiation({ quick }),
  throughput: throughput({ quick }),
};
results.durationSeconds = Math.round((performance.now() - started) / 1000);

const r = results;
const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
const rows = [
  ['build time, cold (3 apps)', `${fmt(r.buildTime.tessera.coldMs, 0)} ms`, 'plain esbuild, no federation', `${fmt(r.buildTime.esbuild.coldMs, 0)} ms`, fmt(r.buildTime.esbuildRatioToTessera.cold)],
  ['build time, warm (3 apps)', `${fmt(r.buildTime.tessera.warmMs, 0)} ms`, 'plain esbuild, no federation', `${fmt(r.buildTime.esbuild.warmMs, 0)} ms`, fmt(r.buildTime.esbuildRatioToTessera.warm)],
  ['runtime, gzipped', `${r.bytes.runtimeGzip.tessera} B`, '@module-federation/runtime', `${r.bytes.runtimeGzip.moduleFederationRuntime} B`, fmt(r.bytes.runtimeGzip.ratioToTessera)],
  ['remote entry catalog / cart, gzipped', `${r.bytes.remoteEntryGzip.catalog} / ${r.bytes.remoteEntryGzip.cart} B`, '', '', ''],
  ['shop page: both remotes rendered', `${fmt(r.pageLoad.tessera.renderedMs, 0)} ms`, '', '', ''],
  ['shop page: requests / JS gzipped', `${r.pageLoad.tessera.requests} / ${r.pageLoad.tessera.jsGzipBytes} B`, '', '', ''],
  ['loadShare, warm scope', `${fmt(r.negotiation.loadShareMicroseconds)} µs`, 'import() of a loaded module', `${fmt(r.negotiation.importMicroseconds)} µs`, fmt(r.negotiation.ratioToImport)],
  ['store update + notify', `${fmt(r.throughput.storeUpdateNotify.opsPerSecond.tessera / 1e6)} M/s`, 'zustand', `${fmt(r.throughput.storeUpdateNotify.opsPerSecond.zustand / 1e6)} M/s`, fmt(r.throughput.storeUpdateNotify.ratioToZustand)],
  ['bus publish', `${fmt(r.throughput.busPublish.opsPerSecond.tessera / 1e6)} M/s`, 'mitt', `${fmt(r.throughput.busPublish.opsPerSecond.mitt / 1e6)} M/s`, fmt(r.throughput.busPublish.ratioToMitt)],
];
const header = ['measure', 'Tessera', 'anchor', 'anchor value', 'ratio'];
const table = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
const notes = [
  'Ratios: anchor ÷ Tessera for times and sizes (above 1: Tessera is faster or smaller); Tessera ÷ anchor for throughput (above 1: Tessera is faster).',
  'Every timing is the median of several runs (build: 5 processes; page: 10 loads after a warm-up, each in a fresh browser context; throughput: 7 rounds).',
];
console.log(`${table}\n\n${notes.join('\n')}\n\n${results.date} · ${results.machine.cores} cores · ${results.machine.cpu} · Node ${results.machine.node} · ${results.durationSeconds} s`);

const outDir = values.out ?? join(root, 'bench');
writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(
  join(values.out ?? root, 'BENCHMARKS.md'),
  `# Benchmarks\n\n\`npm run bench\`, ${results.date}, on ${results.machine.cores} cores (${results.machine.cpu}), Node ${results.machine.node}${quick ? ' (quick run)' : ''}.\n\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`,
);
