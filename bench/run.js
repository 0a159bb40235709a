// `npm run bench`: Tessera side by side with webpack 5 + ModuleFederationPlugin and Rspack + its
// Module Federation plugin, and other anchors, as ratios to figures measured in the same run.
// Prints a table; writes bench/results.json and BENCHMARKS.md.
// `--quick` runs every section with few iterations (the smoke test uses it); `--out DIR` writes there.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { version as esbuildVersion } from 'esbuild';
import { buildTime } from './build-time.js';
import { watchRebuild } from './watch-rebuild.js';
import { declarations } from './declarations.js';
import { devLoop } from './dev-loop.js';
import { bytes } from './bytes.js';
import { negotiation } from './negotiation.js';
import { pageLoad } from './page-load.js';
import { storeTabs } from './store-tabs.js';
import { throughput } from './throughput.js';
import { relayBench } from './relay.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
const quick = values.quick;
const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const started = performance.now();

const results = {
  date: new Date().toISOString().slice(0, 10),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  tools: {
    webpack: require('webpack/package.json').version,
    rspack: require('@rspack/core/package.json').version,
    esbuild: esbuildVersion,
    moduleFederationRuntime: require('@module-federation/runtime/package.json').version,
    moduleFederationEnhanced: JSON.parse(readFileSync(join(root, 'node_modules', '@module-federation', 'enhanced', 'package.json'), 'utf8')).version,
  },
  quick,
  buildTime: await buildTime({ quick }),
  watchRebuild: await watchRebuild({ quick }),
  declarations: await declarations({ quick }),
  // The last build round left every tool's output in place: pageLoad serves and loads those, bytes reads them.
  pageLoad: await pageLoad({ quick, build: false }),
  bytes: await bytes(),
  negotiation: await negotiation({ quick }),
  throughput: throughput({ quick }),
  storeTabs: await storeTabs({ quick }),
  devLoop: await devLoop({ quick }),
  relay: await relayBench({ quick }),
};
results.durationSeconds = Math.round((performance.now() - started) / 1000);

const r = results;
const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
const ms = (n) => `${fmt(n, 0)} ms`;
const b = (n) => `${Math.round(n)} B`;
/** A row with Tessera, webpack (value, ratio), Rspack (value, ratio) and another anchor (name, value, ratio). */
const row = (measure, tessera, webpack = ['', ''], rspack = ['', ''], other = ['', '', '']) => [measure, tessera, ...webpack, ...rspack, ...other];
const bt = r.buildTime;
/** A paired ratio: median (min–max) over the rounds. */
const paired = (ratio) => (ratio ? `${fmt(ratio.median)} (${fmt(ratio.min)}–${fmt(ratio.max)})` : 'not run (quick mode)');
const toolMs = (tool) => (bt.ms[tool] ? ms(bt.ms[tool].median) : 'not run');
/** A build row: Tessera (with or without declarations) against webpack, Rspack and another anchor, paired ratios. */
const ratiosTo = (base) => ({ tessera: bt.ratioToTessera, tesseraNoDts: bt.ratioToTesseraNoDts, tesseraCold: bt.ratioToTesseraCold, tesseraNoDtsCold: bt.ratioToTesseraNoDtsCold })[base] ?? {};
const buildRow = (label, base, otherLabel, other) => {
  const ratios = ratiosTo(base);
  return row(label, toolMs(base), [toolMs('webpack'), paired(ratios.webpack)], [toolMs('rspack'), paired(ratios.rspack)],
    [otherLabel, toolMs(other), paired(ratios[other])]);
};
/** Tessera warm against webpack and Rspack with their own persistent caches warm (the webpack column: esbuild minifier + filesystem cache). */
const warmRow = (label, base) => {
  const ratios = ratiosTo(base);
  return row(label, toolMs(base), [toolMs('webpackEsbuildMinifyCached'), paired(ratios.webpackEsbuildMinifyCached)], [toolMs('rspackCached'), paired(ratios.rspackCached)]);
};
const wr = r.watchRebuild;
const watchRow = row('watch rebuild, catalog, one-line change: file write → new output on disk', ms(wr.ms.tessera.median), undefined,
  [ms(wr.ms.rspack.median), paired(wr.ratioToTessera.rspack)], ['plain esbuild, incremental context, no federation', ms(wr.ms.esbuild.median), paired(wr.ratioToTessera.esbuild)]);
const re = r.bytes.remoteEntryGzip;
const entryRow = (app) => row(
  `remote entry ${app} + its static imports, on a page without a Tessera runtime, gzipped`,
  `${b(re.tessera[app].withStaticImports)} (remoteEntry.js ${b(re.tessera[app].entry)} + its runtime chunk)`,
  [b(re.webpack[app].withStaticImports), fmt(r.bytes.remoteEntryRatioToTessera.webpack[app])],
  [b(re.rspack[app].withStaticImports), fmt(r.bytes.remoteEntryRatioToTessera.rspack[app])],
);
const pl = r.pageLoad;
const pageJsRow = (label, pick) => row(label, b(pick(pl.tessera)),
  [b(pick(pl.webpack)), fmt(pick(pl.webpack) / pick(pl.tessera))], [b(pick(pl.rspack)), fmt(pick(pl.rspack) / pick(pl.tessera))]);
/** The relay's rows: Tessera's figure, and an anchor from the same run (ratio: Tessera ÷ anchor for rates, anchor ÷ Tessera for times, CPU and bytes). */
function relayRows(rl) {
  const skipped = { deliveredPerSecond: NaN, serverCpuMicrosPerMessage: NaN, p50Ms: NaN, p99Ms: NaN };
  for (const name of ['socketio', 'relayRedis2', 'socketioRedis2']) rl[name] ??= skipped; // not measured with --quick
  const rate = (n) => (Number.isFinite(n) ? `${fmt(n / 1000, 1)} k/s` : 'skipped (--quick)');
  const lat = (x) => (Number.isFinite(x.p99Ms) ? `${fmt(x.p50Ms, 1)} / ${fmt(x.p99Ms, 1)} ms` : 'skipped (--quick)');
  const cpu = (x) => (Number.isFinite(x.serverCpuMicrosPerMessage) ? `${fmt(x.serverCpuMicrosPerMessage, 1)} µs` : 'skipped (--quick)');
  return [
    row('relay: delivered msg/s, 1 instance', rate(rl.relay.deliveredPerSecond), undefined, undefined,
      ['plain ws broadcast (floor)', rate(rl.floor.deliveredPerSecond), fmt(rl.relay.deliveredPerSecond / rl.floor.deliveredPerSecond)]),
    row('relay: delivered msg/s, 1 instance', rate(rl.relay.deliveredPerSecond), undefined, undefined,
      ['Socket.IO 4, 1 instance', rate(rl.socketio.deliveredPerSecond), fmt(rl.relay.deliveredPerSecond / rl.socketio.deliveredPerSecond)]),
    row('relay: delivered msg/s, 2 instances on Redis', rate(rl.relayRedis2.deliveredPerSecond), undefined, undefined,
      ['Socket.IO + Redis Streams adapter, 2 instances', rate(rl.socketioRedis2.deliveredPerSecond), fmt(rl.relayRedis2.deliveredPerSecond / rl.socketioRedis2.deliveredPerSecond)]),
    row('relay: server CPU per delivered msg, 1 instance', cpu(rl.relay), undefined, undefined,
      ['plain ws broadcast (floor)', cpu(rl.floor), fmt(rl.floor.serverCpuMicrosPerMessage / rl.relay.serverCpuMicrosPerMessage)]),
    row('relay: server + Redis CPU per delivered msg, 2 instances', cpu(rl.relayRedis2), undefined, undefined,
      ['Socket.IO + Redis Streams adapter', cpu(rl.socketioRedis2), fmt(rl.socketioRedis2.serverCpuMicrosPerMessage / rl.relayRedis2.serverCpuMicrosPerMessage)]),
    row(`relay: latency p50 / p99 at ${rate(rl.latencyRate)}, 1 instance`, lat(rl.relay), undefined, undefined,
      ['plain ws broadcast (floor)', lat(rl.floor), fmt(rl.floor.p99Ms / rl.relay.p99Ms)]),
    row(`relay: latency p50 / p99 at ${rate(rl.latencyRate)}, 1 instance`, lat(rl.relay), undefined, undefined,
      ['Socket.IO 4, 1 instance', lat(rl.socketio), fmt(rl.socketio.p99Ms / rl.relay.p99Ms)]),
    row(`relay: latency p50 / p99 at ${rate(rl.latencyRate)}, 2 instances on Redis`, lat(rl.relayRedis2), undefined, undefined,
      ['Socket.IO + Redis Streams adapter', lat(rl.socketioRedis2), fmt(rl.socketioRedis2.p99Ms / rl.relayRedis2.p99Ms)]),
    row('relay client added to the page, gzipped', b(rl.clientBytesGzip.tesseraAddedToBus), undefined, undefined,
      ['socket.io-client', b(rl.clientBytesGzip.socketioClient), fmt(rl.clientBytesGzip.socketioClient / rl.clientBytesGzip.tesseraAddedToBus)]),
  ];
}

const rows = [
  buildRow('build, 3 apps, whole process, with declarations (default)', 'tessera', 'MF 2.0 Rspack plugin, dts: true', 'mf2Dts'),
  buildRow('build, 3 apps, whole process, with declarations (default)', 'tessera', 'webpack 5 MF, esbuild minifier', 'webpackEsbuildMinify'),
  buildRow('build, 3 apps, whole process, without declarations (--no-dts)', 'tesseraNoDts', 'plain esbuild, no federation', 'esbuild'),
  buildRow('build, 3 apps, whole process, without declarations (--no-dts)', 'tesseraNoDts', 'webpack 5 MF, esbuild minifier', 'webpackEsbuildMinify'),
  buildRow('build, 3 apps, whole process, with declarations (default)', 'tessera', 'floor: plain esbuild of the apps\' own sources only, every package external', 'esbuildOwnSources'),
  buildRow('build, 3 apps, whole process, with declarations, Tessera\'s cache deleted before each run (cold)', 'tesseraCold', 'webpack 5 MF, esbuild minifier', 'webpackEsbuildMinify'),
  buildRow('build, 3 apps, whole process, without declarations (--no-dts), Tessera\'s cache deleted before each run (cold)', 'tesseraNoDtsCold', 'plain esbuild, no federation', 'esbuild'),
  warmRow('build, 3 apps, whole process, with declarations, every tool\'s persistent cache warm (webpack column: esbuild minifier + cache: filesystem; Rspack: cache: persistent)', 'tessera'),
  warmRow('build, 3 apps, whole process, without declarations (--no-dts), every tool\'s persistent cache warm (as above)', 'tesseraNoDts'),
  watchRow,
  row('declarations of the shop\'s exposes (3 files), warm', `${fmt(r.declarations.oxcMs, 1)} ms (oxc isolatedDeclaration)`, undefined, undefined,
    ['TypeScript transpileDeclaration', `${fmt(r.declarations.transpileMs, 1)} ms`, fmt(r.declarations.ratioToOxc.transpile)]),
  row('declarations of the shop\'s exposes (3 files), warm', `${fmt(r.declarations.oxcMs, 1)} ms (oxc isolatedDeclaration)`, undefined, undefined,
    ['TypeScript compiler, full emit, types: []', r.declarations.compilerMs === undefined ? 'not run (quick mode)' : ms(r.declarations.compilerMs),
      r.declarations.ratioToOxc.compiler === undefined ? '' : fmt(r.declarations.ratioToOxc.compiler)]),
  entryRow('catalog'),
  entryRow('cart'),
  pageJsRow('shop page: JS gzipped, shell app', (t) => t.jsGzipBytesByApp.shell),
  pageJsRow('shop page: JS gzipped, catalog app', (t) => t.jsGzipBytesByApp.catalog),
  pageJsRow('shop page: JS gzipped, cart app', (t) => t.jsGzipBytesByApp.cart),
  pageJsRow('shop page: JS gzipped, all', (t) => t.jsGzipBytes),
  row('shop page: requests', String(pl.tessera.requests), [String(pl.webpack.requests), fmt(pl.ratioToTessera.webpack.requests)],
    [String(pl.rspack.requests), fmt(pl.ratioToTessera.rspack.requests)]),
  row('shop page: both remotes rendered (paired ratio)', ms(pl.tessera.renderedMs), [ms(pl.webpack.renderedMs), fmt(pl.ratioToTessera.webpack.renderedMsPaired)],
    [ms(pl.rspack.renderedMs), fmt(pl.ratioToTessera.rspack.renderedMsPaired)]),
  row('shop page: header shown (paired ratio)', ms(pl.tessera.headerMs), [ms(pl.webpack.headerMs), fmt(pl.ratioToTessera.webpack.headerMsPaired)],
    [ms(pl.rspack.headerMs), fmt(pl.ratioToTessera.rspack.headerMsPaired)]),
  ...[['both remotes rendered', 'renderedMs'], ['header shown', 'headerMs']].map(([what, field]) => {
    const snap = pl.ratioToTesseraSnapshot;
    return row(`shop page, the shell built with \`snapshot: true\`: ${what} (paired ratio)`, ms(pl.tesseraSnapshot[field]), [ms(pl.webpack[field]), fmt(snap.webpack[`${field}Paired`])],
      [ms(pl.rspack[field]), fmt(snap.rspack[`${field}Paired`])], ['Tessera\'s default build (manifests fetched at start-up)', ms(pl.tessera[field]), fmt(snap.tessera[`${field}Paired`])]);
  }),
  row('dev: start-up, 3 apps, fresh process', ms(r.devLoop.tessera.startMs), undefined, [ms(r.devLoop.rspack.startMs), fmt(r.devLoop.ratioToTessera.startMs)]),
  row(`dev: save of a remote's component → new DOM in the host page (median of ${r.devLoop.edits})`, `${ms(r.devLoop.tessera.editToDomMs)}, no reload`, undefined,
    [`no update across apps; the remote's own rebuild: ${ms(r.devLoop.rspack.remoteRebuildMs)}`, fmt(r.devLoop.ratioToTessera.edit)]),
  row('runtime, gzipped, whole (every export in one file, its lazily loaded parts included)', b(r.bytes.runtimeGzip.tessera), undefined, undefined,
    ['@module-federation/runtime', b(r.bytes.runtimeGzip.moduleFederationRuntime), fmt(r.bytes.runtimeGzip.ratioToTessera)]),
  row('loadShare, warm scope', `${fmt(r.negotiation.loadShareMicroseconds)} µs`, undefined, undefined,
    ['import() of a loaded module', `${fmt(r.negotiation.importMicroseconds)} µs`, fmt(r.negotiation.ratioToImport)]),
  row('store update + notify', `${fmt(r.throughput.storeUpdateNotify.opsPerSecond.tessera / 1e6)} M/s`, undefined, undefined,
    ['zustand', `${fmt(r.throughput.storeUpdateNotify.opsPerSecond.zustand / 1e6)} M/s`, fmt(r.throughput.storeUpdateNotify.ratioToZustand)]),
  row('replicated store: dispatch → confirmed in 2 tabs', `${fmt(r.storeTabs.opsPerSecond.twoTabs / 1e3, 1)} k/s`, undefined, undefined,
    ['the same store alone in 1 tab', `${fmt(r.storeTabs.opsPerSecond.oneTab / 1e3, 1)} k/s`, fmt(r.storeTabs.ratioToOneTab)]),
  row('bus publish', `${fmt(r.throughput.busPublish.opsPerSecond.tessera / 1e6)} M/s`, undefined, undefined,
    ['mitt', `${fmt(r.throughput.busPublish.opsPerSecond.mitt / 1e6)} M/s`, fmt(r.throughput.busPublish.ratioToMitt)]),
  ...relayRows(r.relay),
];
const header = ['measure', 'Tessera', 'webpack 5 MF', 'ratio', 'Rspack MF', 'ratio', 'other anchor', 'anchor value', 'ratio'];
const table = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
const loads = pl.tessera.loads;
const notes = [
  'Ratios: anchor ÷ Tessera for times, sizes and requests (above 1: Tessera is faster, smaller, or makes fewer requests); Tessera ÷ anchor for throughput (above 1: Tessera is faster).',
  `Build rows: each tool as a whole process, timed from spawn to exit (Node's start, the tool's imports, config loading, the build, writing): Tessera as its CLI, \`tessera build examples/shop/catalog examples/shop/cart examples/shop/shell\` (one process, the three apps at once, remotes first), with \`--no-dts\` for the rows without declarations; every anchor as \`node bench/build-process.js <tool>\`, which imports the tool after the process started. The floor row's anchor is plain esbuild bundling only the three apps' own source files with every package external (no React, no valibot, no @tessera/* code, no federation, no declarations): no build of these apps that bundles what they import can take less, so a target below it (10× webpack with esbuild's minifier) is out of reach for a build that builds. ${bt.rounds} round${bt.rounds === 1 ? '' : 's'}; in each, every tool runs once, in turn. Times are medians; ratios are paired (the anchor's time ÷ Tessera's in the same round), median (min–max) over the rounds; above 1, Tessera is faster. Page: ${loads} loads per build${quick ? '' : ' after a warm-up round'}, each in a fresh browser context, the builds taking turns; throughput, ${quick ? 3 : 7} rounds (store update + notify: ${quick ? 3 : 61} rounds in which Tessera and zustand take turns, the order alternating; the same state shape, listener and update on both sides; ratio: median of the per-round ratios).`,
  `Replicated store (bench/store-tabs.js): two tabs of one Chromium profile each dispatch ${r.storeTabs.actionsPerTab} actions at once (\`sync: 'tabs'\`, \`persist: 'local'\`), timed until both tabs hold all of them confirmed (leader tab ordering, BroadcastChannel, localStorage); anchor: the same store alone in one tab (no sync, no persistence) dispatching as many. Median of ${quick ? 1 : 5} rounds, each in a fresh browser context.`,
  `Same sources for every tool (examples/shop/*/src, unchanged), production mode, \`shared: { react, react-dom }\` as singletons, word for word from the apps' federation.config.ts (webpack and Rspack share exactly those keys and bundle subpaths such as react-dom/client with the app importing them; Tessera shares the subpaths too). webpack ${r.tools.webpack}: \`webpack.container.ModuleFederationPlugin\`, esbuild-loader (TSX, jsx automatic), css-loader + mini-css-extract-plugin, terser (webpack's production default). Rspack ${r.tools.rspack}: \`rspack.container.ModuleFederationPlugin\` (Module Federation 2.0's runtime), builtin:swc-loader, native CSS, its default SWC minifier. Configs: bench/webpack/config.js, bench/rspack/config.js; remote entries are \`var\` scripts (webpack's default library type).`,
  `webpack and Rspack build the 3 apps as one multi-compiler run (in parallel); plain esbuild builds them at once in one process (three build() calls, one esbuild service), as Tessera does. Declarations: Tessera's default build writes the exposed modules' .d.ts (\`dts: true\`; oxc's isolated-declarations emitter, the TypeScript compiler in a worker only for sources that need inference, none in the shop), as the JavaScript is written; webpack, Rspack and plain esbuild write none, so the "with declarations" rows compare Tessera doing more work with them, and the "without declarations" rows compare like with like. The anchor that also writes declarations is Module Federation 2.0: @module-federation/enhanced ${r.tools.moduleFederationEnhanced}'s Rspack plugin with \`dts\` on for catalog and cart (bench/rspack/mf2-config.js; its type generation needs a tsconfig with a rootDir, bench/mf2/tsconfig.<app>.json) and off for the shell, whose consuming side downloads the remotes' types from their URLs and fails with no server running during a build${quick ? '; quick mode leaves it out (tens of seconds a run)' : ''}. webpack runs twice: with terser (its production default) and with esbuild-loader's EsbuildPlugin as minimizer.`,
  `Caches: Tessera keeps the shared fallbacks' build (react, react-dom… built in an esbuild pass of their own, as Vite pre-bundles dependencies; keyed on the lockfile, each input file's size and mtime, esbuild's version, Tessera's build code, the config file's text, the share keys and every esbuild option of the pass; a kept entry gives the same bytes as a fresh build), the share-key scan and the report's gzip sizes in each app's node_modules/.cache/tessera. The default and --no-dts rows are warm, as any build after the first: one untimed run before the rounds filled the cache. The cold rows delete every app's node_modules/.cache/tessera before each run (untimed), so they pay the fallback pass, the scan and the gzip sizes each time, as a first build or a CI build without a restored cache does. webpack and Rspack have no persistent cache in the rows without "cache" in their label (off by default in both); the "persistent cache warm" rows give them theirs (webpack \`cache: { type: 'filesystem' }\`, Rspack \`cache: { type: 'persistent' }\`, each warmed by one untimed run), like for like with Tessera's warm rows. All rounds: ${JSON.stringify(bt.samples)}.`,
  `Declarations: in the bench's process, each emitter's module imported first (oxc-transform with @tessera/build: ${ms(r.declarations.oxcImportMs)}; typescript: ${ms(r.declarations.typescriptImportMs)}; not in the row), then the median of ${quick ? 5 : 30} emits of catalog's and cart's exposes (the full compiler: ${quick ? 'not run' : '3'}). oxc's and TypeScript's isolated emit give the same declarations (test/types/declarations.test.ts compares oxc's with the compiler's); Tessera uses oxc for its speed and its async API (it runs on libuv's threads, never on the thread that serves esbuild's plugin callbacks), the compiler only for sources that need inference.`,
  `Watch rebuild: each tool watches its own copy of the catalog in its own process (\`tessera build --watch\`; Rspack's compiler.watch with aggregateTimeout 0; plain esbuild's incremental context rebuilt on fs.watch events), and the bench edits one JSX text line of ProductList.tsx, then waits (fs.watch on the output folder) until an output file holds the new text and the file that names the new chunk has changed (remoteEntry.js for Tessera and Rspack, ProductList.js for esbuild; an output built from the half-written source does not count). ${wr.changes} changes per tool after a warm-up change, the tools taking turns; medians, paired ratios as above. Tessera's declarations are re-emitted after that moment (not in the time); all samples: ${JSON.stringify(wr.samples)}.`,
  'The webpack and Rspack shells start from a bench-only entry, bench/<tool>/shell-entry.js: the async boundary (`import()` of the example\'s main.tsx). The example\'s <RemoteComponent> loads remotes with @tessera/runtime\'s loadRemote, so that entry registers the tool-built remotes (ports 4101-4102, 4201-4202) with the Tessera runtime and gives it the tool\'s own share scope (`__webpack_share_scopes__.default` after `__webpack_init_sharing__`): the tool\'s federation runtime provides the shell\'s React, and the remotes, pure webpack or Rspack output, consume it. So those shells carry Tessera\'s runtime too (in "JS gzipped, shell app") next to their own federation runtime.',
  'Remote entry + its static imports: what loading the remote entry costs before any exposed module, on a page without a Tessera runtime (a webpack or MF 2.0 host, a plain page), counting the runtime chunk a Tessera remote entry imports only there (on a page whose host brought a runtime of its protocol it uses that one: the shop page downloads one runtime, in the shell\'s main.js), webpack\'s and Rspack\'s entries inline their runtime. Page JS: every script the browser downloaded until both remote components rendered, gzipped (-9), by the app (origin) that served it. Runtime: bundled and minified by esbuild, gzip -9.',
  `Dev loop (bench/dev-loop.js), on a copy of the shop: start-up is a start in a fresh Node process (median of ${r.devLoop.rounds}): \`tessera dev\`'s three dev servers listening and built (development mode, source maps), against Rspack ${r.tools.rspack} compiling the bench's Rspack MF configs in development mode (watch, cheap-module-source-map) without its dev server (@rspack/dev-server is not installed here). The copy starts without node_modules/.cache: Tessera's first start scans the share keys and lists the app's modules (two esbuild passes per app) and keeps both in the copy's node_modules/.cache/tessera, the later starts reuse them (the build checks both against what it met and starts over when they no longer fit)${r.devLoop.samples?.startMs?.tessera ? ` (first start, no cache: ${Math.round(r.devLoop.samples.startMs.tessera[0])} ms; all starts: ${JSON.stringify(r.devLoop.samples.startMs.tessera.map(Math.round))}; Rspack: ${JSON.stringify(r.devLoop.samples.startMs.rspack.map(Math.round))})` : ''}. The edit row saves ProductList.tsx's heading ${r.devLoop.edits} times and times the new heading in the shell's page (Chromium, MutationObserver), with the host's state kept; Rspack MF has no hot update across apps (its host keeps the old component until reloaded), so its figure is only the remote's incremental rebuild, the part before a manual reload: a ratio below 1 there still means Rspack's rebuild alone is faster than Tessera's whole save-to-DOM loop.`,
  `Relay: ${r.relay.publishers} publishers and ${r.relay.subscribers} subscribers of one topic, ${r.relay.payloadBytes}-byte payloads, WebSocket on loopback; each server in its own Node process (Redis: Debian's redis-server, no persistence), this process generating the load. Delivered msg/s: publishers keep 2000 messages in flight, counted at the subscribers over ${r.relay.seconds} s after a warm-up, median of ${r.relay.rounds} round${r.relay.rounds === 1 ? '' : 's'}, each on fresh servers. Latency: send to receive, every message, at half the relay's 1-instance rate, on the last round's servers. CPU per delivered message: user + system time of the server processes (and redis-server) from /proc over the same window, which the other load on a shared machine does not change as much as it changes rates. The floor is a \`ws\` server writing each incoming frame to every subscriber, nothing more; the relay also parses and checks each frame, numbers it per topic, keeps history, acknowledges the publisher (after Redis has it, on Redis), and checks rate and queue limits (set out of the way for the bench). Socket.IO ${r.relay.socketioVersion ?? '4'}: a room per topic, websocket transport only; on Redis its Redis Streams adapter with node-redis 4 (its XREAD parsing does not read node-redis 6's replies). Client bytes: \`websocketTransport\` + the client on top of \`createBus\`, against socket.io-client's \`io\`, each bundled and minified by esbuild, gzip -9.`,
  "Every shell shows each remote with @tessera/react's `<RemoteComponent>` (the example code is the same for all three), which in the browser shows `loading` without a Suspense fallback and the remote as soon as its module has loaded (until 2026-12-02 it suspended, and React 19 reveals a Suspense boundary no sooner than 300 ms after its fallback appeared: that throttle held back the webpack and Rspack shells' remotes, not Tessera's, whose start-up loaded them before the first render). Times are from navigation start, in a MutationObserver: the header (data-testid shell-header) and both remote components, reported by the page through a binding (nothing of the harness runs in the page while it loads; waiting with Playwright's waitForFunction injected its script at the page's load event, 30-70 ms of main thread that fell just before the Tessera shell's first render); ratios are paired per round (the anchor's load ÷ Tessera's load of the same round, median over the rounds). What the Tessera build adds to the page on its own, and the webpack and Rspack shells (bench-only entries) do not have: preload hints in the shell's index.html (the remotes' mf-manifest.json, main.js's static imports, the main chunk, the shared fallbacks it provides, its stylesheet), every CommonJS module's factory written as a parenthesized function expression (V8 compiles it as the file streams in, off the main thread, where webpack's and Rspack's module functions are compiled on the main thread at their first call: react-dom's, 200 KB in one function, took about 60 ms there in Tessera's build before this), a start-up that initialises the share scope from the remotes' mf-manifest.json (their `shared` versions take part in version-first negotiation: the shell's own modules are selected without waiting for the entries, which load only when a module of theirs is asked for, here by `<RemoteComponent>` at the shell's first render, so no remote code runs before the header). The \`snapshot: true\` rows load a fourth build in the same rounds: Tessera's shell built with the remotes' manifests written into its entry (read from Tessera's catalog and cart, served while it builds), so its start-up fetches no manifest and its page preloads none; the remotes are the same files as the default build's.",
];
console.log(`${table}\n\n${notes.join('\n')}\n\n${results.date} · ${results.machine.cores} cores · ${results.machine.cpu} · Node ${results.machine.node} · ${results.durationSeconds} s`);

const outDir = values.out ?? join(root, 'bench');
writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(
  join(values.out ?? root, 'BENCHMARKS.md'),
  `# Benchmarks\n\n\`npm run bench\`, ${results.date}, on ${results.machine.cores} cores (${results.machine.cpu}), Node ${results.machine.node}${quick ? ' (quick run)' : ''}; the bench took ${results.durationSeconds} s (after \`npm run build\`).\n\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`,
);
