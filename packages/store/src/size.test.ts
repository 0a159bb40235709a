import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

// Every app on the page bundles its own copy: keep it small (nanostores-style size limits).
// Local stores only (was 2214 before validation and keep-aside, 3131 when set); the whole package (6434 when set: local and replicated stores, tabs and relay sync).
const LIMITS = { defineStore: 3200, '*': 6500 }; // bytes, minified + gzip -9

const index = fileURLToPath(new URL('./index.ts', import.meta.url));

for (const [name, limit] of Object.entries(LIMITS)) {
  it(`bundles ${name === '*' ? 'the whole package' : name} to at most ${limit} bytes minified and gzipped`, async () => {
    const contents = name === '*' ? `export * from ${JSON.stringify(index)}` : `export { ${name} } from ${JSON.stringify(index)}`;
    const result = await build({ stdin: { contents, loader: 'ts', resolveDir: '.' }, bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent' });
    expect(result.outputFiles[0]!.contents.byteLength).toBeGreaterThan(1000); // the whole store, not an empty bundle
    expect(gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength).toBeLessThanOrEqual(limit);
  });
}
