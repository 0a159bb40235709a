// `node scripts/runtime-floor.js` (after `npm run build`): how small @tessera/runtime could get up
// front without dropping what a host runs at start-up, measured as runtime-size.ts measures (esbuild,
// minified, code splitting, the entry gzipped -9). Issue 12 asks ≤ 6,000 B; these are the figures
// behind its answer. Each row bundles the runtime with some of its modules replaced by no-ops:
// - as shipped: every export (a host publishes the whole namespace as __TESSERA__.runtime);
// - tree-shaken: only createInstance and createContainer, what build-emitted code calls;
// - start-up only: the parts a load without failures never runs are no-ops (stylesheets,
//   integrity, plugin hooks, circuit breaker, failure diagnosis, recorded load steps);
// - ranges at build time: as above, and semver ranges arrive parsed (no range parser).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'packages', 'runtime', 'dist');

const noOps = {
  'load-stylesheet': 'export const loadStylesheet = () => Promise.resolve(), removeStylesheets = () => {}, preloadModule = () => {};',
  'recorded-info': 'export const recordStep = (steps, kind, url, step) => step(), recordedInfo = () => ({});',
  integrity: 'export const trustHashes = () => {}, hashOf = () => {}, trustBusted = () => {}, addElement = (tag, attributes) => Object.assign(document.head.appendChild(document.createElement(tag)), attributes);',
  hooks: 'export const callHook = async () => {}, waterfall = async (plugins, hook, args) => args, firstResult = () => {};',
  'circuit-breaker': 'export const createCircuitBreaker = () => ({ check() {}, record() {} });',
  'load-failure': 'export const loadFailure = async (code, cause) => cause;',
};

/** semver.js with its range parser replaced by one taking comparator sets parsed at build time. */
function semverWithoutRangeParser() {
  const source = readFileSync(join(dist, 'semver.js'), 'utf8');
  const [from, to] = [source.indexOf('const isX'), source.indexOf('const cache')];
  if (from < 0 || to < from) throw new Error('semver.js changed: update scripts/runtime-floor.js');
  const parseRange = 'function parseRange(range) { return Array.isArray(range) ? range.map((set) => set.map(([op, v]) => [op, parseVersion(v)])) : null; }\n';
  return source.slice(0, from) + parseRange + source.slice(to);
}

async function gzippedEntry(contents, replaced = {}) {
  const plugin = {
    name: 'replace-modules',
    setup(b) {
      b.onLoad({ filter: /runtime[\\/]dist[\\/][\w-]+\.js$/ }, ({ path }) => {
        const name = /([\w-]+)\.js$/.exec(path)[1];
        return name in replaced ? { contents: replaced[name] } : undefined;
      });
    },
  };
  const result = await build({
    stdin: { contents, resolveDir: join(root, 'packages', 'build'), sourcefile: 'host-runtime.js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, splitting: true,
    outdir: '/runtime-floor', entryNames: 'entry', logLevel: 'silent', plugins: [plugin],
  });
  return gzipSync(result.outputFiles.find((f) => f.path.endsWith('entry.js')).contents, { level: 9 }).length;
}

const all = 'export * from "@tessera/runtime";';
const rows = [
  ['as shipped (every export)', await gzippedEntry(all)],
  ['tree-shaken to createInstance + createContainer', await gzippedEntry('export { createInstance, createContainer } from "@tessera/runtime";')],
  ['start-up only (failure-path and optional parts as no-ops)', await gzippedEntry(all, noOps)],
  ['start-up only, semver ranges parsed at build time', await gzippedEntry(all, { ...noOps, semver: semverWithoutRangeParser() })],
];
for (const [what, bytes] of rows) console.log(`${String(bytes).padStart(6)} B gzipped  ${what}`);
