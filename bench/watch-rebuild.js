// Watch rebuild of the catalog after a one-line change: from the source file's write to the new
// output on disk. Each tool watches its own copy of the catalog (tmp/bench-watch/<tool>) in its own
// process: `tessera build --watch` (the CLI), Rspack + ModuleFederationPlugin in watch mode, plain
// esbuild's incremental context (bench/watch-process.js). Each change edits one JSX text line of
// ProductList.tsx; this process then waits (fs.watch on the output folder) until an output file
// holds the new text and the file that names the new chunk has changed (remoteEntry.js for Tessera
// and Rspack, ProductList.js for esbuild). The
// tools take turns, change after change; the first change of each is a warm-up and is dropped.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './measure.js';

const root = join(import.meta.dirname, '..');
const work = join(root, 'tmp', 'bench-watch');

const tools = {
  tessera: (dir) => ({ args: [join(root, 'packages', 'cli', 'bin', 'tessera.js'), 'build', '--watch', dir], ready: /watching/, marker: join(dir, 'dist', 'remoteEntry.js') }),
  rspack: (dir) => ({ args: [join(import.meta.dirname, 'watch-process.js'), 'rspack', dir, join(dir, 'dist')], ready: /ready/, marker: join(dir, 'dist', 'remoteEntry.js') }),
  esbuild: (dir) => ({ args: [join(import.meta.dirname, 'watch-process.js'), 'esbuild', dir, join(dir, 'dist')], ready: /ready/, marker: join(dir, 'dist', 'ProductList.js') }),
};

function start(tool) {
  const dir = join(work, tool, 'catalog');
  cpSync(join(root, 'examples', 'shop', 'catalog'), dir, { recursive: true, filter: (src) => !/node_modules|dist/.test(src) });
  const { args, ready, marker } = tools[tool](dir);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${tool} --watch did not start: ${output}`)), 120_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (ready.test(output)) { clearTimeout(timer); resolve(); }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`${tool} --watch exited (${code}): ${output}`)));
  });
  return { tool, dir, marker, child, started, source: join(dir, 'src', 'ProductList.tsx') };
}

/**
 * Writes a one-line change and resolves with the ms until the output holds it: a file of the
 * output folder contains the new text, and `marker` (the file naming the new chunk) has changed.
 * (A rebuild started by the write's first event may read a half-written source: its output does
 * not count.)
 */
function change(watcher, round) {
  const before = existsSync(watcher.marker) ? readFileSync(watcher.marker, 'utf8') : '';
  const line = `added (${round})`;
  const text = readFileSync(watcher.source, 'utf8').replace(/\{total\} added[^<]*</, `{total} ${line}<`);
  const outDir = join(watcher.marker, '..');
  return new Promise((resolve, reject) => {
    let started;
    let sawText = false;
    // An output can vanish between the event and the read (Tessera renames the hashed entry it wrote): it reads as empty.
    const read = (file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    };
    const check = (name) => {
      if (started === undefined) return;
      if (!sawText && name && /\.js$/.test(name)) sawText = read(join(outDir, name)).includes(line);
      if (!sawText || read(watcher.marker) === before) return;
      const ms = performance.now() - started;
      clearTimeout(timer);
      fsWatcher.close();
      resolve(ms);
    };
    const fsWatcher = watch(outDir, (event, name) => check(name?.toString()));
    const timer = setTimeout(() => { fsWatcher.close(); reject(new Error(`${watcher.tool}: no new output 10 s after a change`)); }, 10_000);
    started = performance.now();
    writeFileSync(watcher.source, text);
  });
}

export async function watchRebuild({ quick }) {
  const changes = quick ? 2 : 16;
  rmSync(work, { recursive: true, force: true });
  const watchers = Object.keys(tools).map(start);
  try {
    await Promise.all(watchers.map((w) => w.started));
    const samples = Object.fromEntries(watchers.map((w) => [w.tool, []]));
    for (let round = 1; round <= changes; round++) {
      for (const w of watchers) {
        samples[w.tool].push(await change(w, round));
        // The tool finishes its rebuild (declarations, stats, report) before the next one starts.
        await new Promise((resolve) => setTimeout(resolve, quick ? 300 : 1_000));
      }
    }
    const measured = Object.fromEntries(Object.entries(samples).map(([tool, all]) => [tool, all.slice(1)]));
    const spread = (values) => ({ min: Math.min(...values), median: median(values), max: Math.max(...values) });
    return {
      changes: changes - 1,
      ms: Object.fromEntries(Object.entries(measured).map(([tool, values]) => [tool, spread(values)])),
      samples: Object.fromEntries(Object.entries(measured).map(([tool, values]) => [tool, values.map((v) => Math.round(v * 10) / 10)])),
      ratioToTessera: Object.fromEntries(Object.keys(measured).filter((t) => t !== 'tessera')
        .map((tool) => [tool, spread(measured[tool].map((ms, i) => ms / measured.tessera[i]))])),
    };
  } finally {
    for (const w of watchers) w.child.kill();
    rmSync(work, { recursive: true, force: true });
  }
}
