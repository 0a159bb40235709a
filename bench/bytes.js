// Bytes: the runtime next to Module Federation 2.0's runtime (both bundled and minified by
// esbuild, gzip -9), and each shop app's remote entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

async function bundledSize(specifier) {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: root },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return gzip(result.outputFiles[0].contents);
}

export async function bytes() {
  const tessera = await bundledSize('@tessera/runtime');
  const mf = await bundledSize('@module-federation/runtime');
  const remoteEntry = Object.fromEntries(
    ['catalog', 'cart'].map((app) => [app, gzip(readFileSync(join(root, 'examples/shop', app, 'dist/remoteEntry.js')))]),
  );
  return { runtimeGzip: { tessera, moduleFederationRuntime: mf, ratioToTessera: mf / tessera }, remoteEntryGzip: remoteEntry };
}
