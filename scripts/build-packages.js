// Transpiles each package's src/**/*.ts to dist/ (ESM, one file per module), so Node
// can run the CLI and the build; bundlers and Vitest read the TypeScript sources too.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = ['runtime', 'build', 'dev', 'cli', 'store', 'bus', 'react', 'testing', 'relay', 'inspector', 'otel'];

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
console.log(`packages built in ${Math.round(performance.now() - started)} ms`);
