// Transpiles each package's src/**/*.ts to dist/ (ESM, one file per module), so Node
// can run the CLI and the build; bundlers and Vitest read the TypeScript sources too.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = ['runtime', 'build', 'dev', 'cli', 'store', 'bus', 'react', 'testing', 'relay'];

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name));
}

const started = performance.now();
await Promise.all(
  packages.map((name) => {
    const pkg = join(root, 'packages', name);
    rmSync(join(pkg, 'dist'), { recursive: true, force: true });
    return build({
      entryPoints: sources(join(pkg, 'src')),
      outdir: join(pkg, 'dist'),
      outbase: join(pkg, 'src'),
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      logLevel: 'warning',
    });
  }),
);
// @tessera/build's entry as one module, so that every `tessera build` loads one file instead of ~30
// (the per-file modules stay beside it: the declarations worker runs one of them).
await build({
  entryPoints: [join(root, 'packages', 'build', 'src', 'index.ts')],
  outfile: join(root, 'packages', 'build', 'dist', 'index.js'),
  allowOverwrite: true,
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  logLevel: 'warning',
});
console.log(`packages built in ${Math.round(performance.now() - started)} ms`);
