// Bytes: the runtime next to Module Federation 2.0's runtime (both bundled and minified by
// esbuild, gzip -9), and each remote's entry as each tool built it (the outputs build-time.js's
// last round left, which page-load.js serves): the remote entry file alone, and with the chunks it
// imports statically (Tessera's ES module entry imports its runtime chunk; webpack's and Rspack's
// entries are self-contained classic scripts with their runtime inlined).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { outDirs } from './shop-builds.js';

const root = join(import.meta.dirname, '..');
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const remotes = ['catalog', 'cart'];
const tools = ['tessera', 'webpack', 'rspack'];

async function bundledSize(specifier) {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: root },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return gzip(result.outputFiles[0].contents);
}

/**
 * A file and every local file it imports statically (`import "./x.js"`, `from "./x.js"`), transitively,
 * plus a Tessera remote entry's own runtime chunk (`import("./runtime-….js")`), which it loads on a
 * page without a Tessera runtime of its protocol: the case these rows measure.
 */
function staticClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, path] of code.matchAll(/\b(?:import|from|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    if (code.includes(`import("${path}")`) && !/\/runtime-[\w-]+\.js$/.test(path)) continue;
    const next = join(dirname(file), path);
    if (existsSync(next)) staticClosure(next, seen);
  }
  return seen;
}

function remoteEntry(tool, app) {
  const file = join(outDirs[tool](app), 'remoteEntry.js');
  const closure = [...staticClosure(file)];
  return { entry: gzip(readFileSync(file)), withStaticImports: closure.reduce((sum, f) => sum + gzip(readFileSync(f)), 0), files: closure.length };
}

export async function bytes() {
  const tessera = await bundledSize('@tessera/runtime');
  const mf = await bundledSize('@module-federation/runtime');
  const remoteEntryGzip = Object.fromEntries(tools.map((tool) => [tool, Object.fromEntries(remotes.map((app) => [app, remoteEntry(tool, app)]))]));
  const ratio = (tool) => Object.fromEntries(
    remotes.map((app) => [app, remoteEntryGzip[tool][app].withStaticImports / remoteEntryGzip.tessera[app].withStaticImports]),
  );
  return {
    runtimeGzip: { tessera, moduleFederationRuntime: mf, ratioToTessera: mf / tessera },
    remoteEntryGzip,
    // tool's remote entry with its static imports ÷ Tessera's: above 1, Tessera's is smaller.
    remoteEntryRatioToTessera: { webpack: ratio('webpack'), rspack: ratio('rspack') },
  };
}
