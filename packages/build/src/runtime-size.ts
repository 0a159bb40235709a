import { gzipSync } from 'node:zlib';
import { build } from './esbuild-api.js';

/** Bytes of minified code, and the sum of its files gzipped one by one (level 9). */
export interface RuntimeBytes {
  bytes: number;
  gzipBytes: number;
}

/**
 * Size of `@tessera/runtime` as a host carries it, in bytes: the whole namespace (a host's main.js
 * bundles it and publishes it as `__TESSERA__.runtime`) bundled and minified by esbuild (ESM, code
 * splitting on, as `tessera build` bundles it), then gzipped at level 9.
 * - `bytes`, `gzipBytes`: what the page loads up front, the entry and the chunks it imports
 *   statically; the chunks the runtime imports with `import()` only when it first needs them (the
 *   diagnosis of a failed load, ...) are left out.
 * - `whole`: every line of the runtime in one file, lazy parts included (esbuild without splitting).
 * Measured once per process.
 */
export function runtimeSize(fromDir: string): Promise<RuntimeBytes & { whole: RuntimeBytes }> {
  cached ??= Promise.all([upFront(fromDir), whole(fromDir)]).then(([up, all]) => ({ ...up, whole: all }));
  return cached;
}

let cached: Promise<RuntimeBytes & { whole: RuntimeBytes }> | undefined;

const options = (fromDir: string) => ({
  stdin: { contents: 'export * from "@tessera/runtime";', resolveDir: fromDir, sourcefile: 'host-runtime.js' },
  bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
} as const);

const gzip = (code: Uint8Array) => gzipSync(code, { level: 9 }).length;

async function whole(fromDir: string): Promise<RuntimeBytes> {
  const code = (await build(options(fromDir))).outputFiles[0]!.contents;
  return { bytes: code.length, gzipBytes: gzip(code) };
}

async function upFront(fromDir: string): Promise<RuntimeBytes> {
  const result = await build({ ...options(fromDir), splitting: true, outdir: '/runtime-size', metafile: true, entryNames: 'entry' });
  // One flat folder: files are known by their base names.
  const name = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const outputs = new Map(Object.entries(result.metafile.outputs).map(([path, output]) => [name(path), output]));
  const files = new Map(result.outputFiles.map((f) => [name(f.path), f.contents]));
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const i of outputs.get(file)!.imports) if (i.kind === 'import-statement') visit(name(i.path));
  };
  visit('entry.js');
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of loaded) {
    const code = files.get(file)!;
    bytes += code.length;
    gzipBytes += gzip(code);
  }
  return { bytes, gzipBytes };
}
