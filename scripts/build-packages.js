// Builds each package's dist/: src/**/*.ts transpiled by esbuild (ESM, one file per module), and
// the declarations (.d.ts) its package.json `types` point at, emitted by one TypeScript program
// over every package. In this repository TypeScript reads the sources (the `tessera-source`
// export condition, set in tsconfig.json); installed packages give dist/*.d.ts.
// `node scripts/build-packages.js --js` skips the declarations (what Node and Vitest need).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const packages = ['runtime', 'build', 'dev', 'cli', 'store', 'bus', 'react', 'testing', 'relay', 'inspector', 'otel'];

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') && !e.parentPath.includes('test-page'))
    .map((e) => join(e.parentPath, e.name));
}

async function javascript() {
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
}

/** One program over every package's sources; `packages/<name>/src/x.ts` → `packages/<name>/dist/x.d.ts`. */
async function declarations() {
  const { default: ts } = await import('typescript');
  const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const files = packages.flatMap((name) => sources(join(root, 'packages', name, 'src')));
  const out = join(root, 'tmp', 'declarations');
  const program = ts.createProgram(files, {
    ...options, noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: join(root, 'packages'), outDir: out,
  });
  const result = program.emit(undefined, (fileName, text) => {
    const [name, folder, ...rest] = relative(out, fileName).split(sep);
    if (folder !== 'src' || !packages.includes(name)) return;
    const target = join(root, 'packages', name, 'dist', ...rest);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  });
  // Type errors are npm run typecheck's to report; here only what stops a declaration from being written.
  const problems = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (problems.length) {
    throw new Error(ts.formatDiagnostics(problems, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  }
}

// The entries of @tessera/build and @tessera/dev as one module each, so that every `tessera build`
// or `tessera dev` loads one file instead of ~30: Node reads each module file with several system
// calls, tens of milliseconds per command on a busy machine. The per-file modules stay beside them:
// scripts that run on their own (the declarations worker, the types job) and the dev client, which
// dev builds bundle into the page, are found there.
async function buildEntryBundles() {
  await Promise.all(['build', 'dev'].map((name) => build({
    entryPoints: [join(root, 'packages', name, 'src', 'index.ts')],
    outfile: join(root, 'packages', name, 'dist', 'index.js'),
    allowOverwrite: true,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    logLevel: 'warning',
  })));
}

const started = performance.now();
await javascript();
await buildEntryBundles();
const withTypes = !process.argv.includes('--js');
if (withTypes) await declarations();
console.log(`packages built${withTypes ? ' with declarations' : ''} in ${Math.round(performance.now() - started)} ms`);
