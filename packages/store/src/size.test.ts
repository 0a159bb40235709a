import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

// Every app on the page bundles its own copy: keep it small (nanostores-style size limit).
const LIMIT = 2300; // bytes, minified + gzip -9; was 2214 when set

it(`bundles to at most ${LIMIT} bytes minified and gzipped`, async () => {
  const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent' });
  expect(result.outputFiles[0]!.contents.byteLength).toBeGreaterThan(1000); // the whole store, not an empty bundle
  expect(gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength).toBeLessThanOrEqual(LIMIT);
});
