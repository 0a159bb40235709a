import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type * as Oxc from 'oxc-transform'; // the module itself loads when a build first declares
import type { IsolatedDeclarationsResult } from 'oxc-transform';
import { commonDir, declarationPath, withoutAssetImports, type DeclarationFiles } from './declaration-files.js';

/** A place where a source file does not satisfy `isolatedDeclarations`, and how to fix it. */
export interface IsolatedDeclarationProblem {
  /** Relative to the app's root. */
  file: string;
  line: number;
  column: number;
  /** The emitter's message ('TS9007: Function must have an explicit return type annotation ...'). */
  message: string;
  /** What to write ('add a return type to the exported function'). */
  fix: string;
}

/** One file's emit, kept by source text so that a rebuild re-emits only the files that changed. */
interface FileEmit {
  source: string;
  code: string;
  problems: IsolatedDeclarationProblem[];
  imports: string[];
}
export type IsolatedDeclarationsCache = Map<string, FileEmit>;

const TYPESCRIPT = /\.(tsx?|mts|cts)$/;
/** What each isolatedDeclarations diagnostic (TypeScript's TS9xxx codes) asks for. */
const FIXES: Record<string, string> = {
  TS9007: 'add a return type to the exported function',
  TS9008: 'add a return type to the method',
  TS9009: 'add a type annotation to the getter or setter',
  TS9010: 'add a type annotation to the exported variable',
  TS9011: 'add a type annotation to the parameter',
  TS9012: 'add a type annotation to the property',
  TS9013: 'add a type annotation (or `satisfies` with a type) to the expression',
  TS9016: 'add a type annotation to the object property or use a named type',
  TS9017: 'add a type annotation to the array or use `as const`',
  TS9037: 'add a type annotation to the default export',
  TS9038: 'add a type annotation to the computed property',
};

/** A relative import of a declaration → the source file it names ('./products.js' → products.ts). */
function resolveLocal(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?jsx?$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((file) => TYPESCRIPT.test(file) && !file.endsWith('.d.ts') && existsSync(file) && statSync(file).isFile());
}

function lineAndColumn(source: string, byteOffset: number): { line: number; column: number } {
  const before = Buffer.from(source).subarray(0, byteOffset).toString('utf8').split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

async function emitFile(file: string, root: string, cache: IsolatedDeclarationsCache): Promise<FileEmit> {
  const source = await readFile(file, 'utf8');
  const known = cache.get(file);
  if (known?.source === source) return known;
  // require, not import: oxc-transform is CommonJS, and import() would first scan its source for export names.
  const { isolatedDeclaration } = createRequire(import.meta.url)('oxc-transform') as typeof Oxc;
  const result: IsolatedDeclarationsResult = await isolatedDeclaration(file, source, { sourcemap: false });
  // Only isolatedDeclarations' own diagnostics (TS9xxx); a syntax error is esbuild's to report.
  const problems = result.errors.filter((error) => /^TS9\d{3}/.test(error.message)).map((error) => {
    const code = /^TS\d+/.exec(error.message)![0];
    return {
      file: relative(root, file).split(sep).join('/'),
      ...lineAndColumn(source, error.labels[0]?.start ?? 0),
      message: error.message,
      fix: FIXES[code] ?? 'add an explicit type annotation',
    };
  });
  const code = withoutAssetImports(result.code);
  const imports = [...code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+|\.{1,2})['"]/g)].map((m) => m[1]!);
  const emit = { source, code, problems, imports };
  cache.set(file, emit);
  return emit;
}

/**
 * Declarations of the exposed modules and of the app's own modules their declarations import,
 * with oxc's isolated-declarations emitter: each file on its own, from its syntax alone, in about
 * a millisecond (TypeScript's `isolatedDeclarations` rules; no type checking, no lib files). Runs off
 * the main thread (oxc's async API). Files that leave a type to inference come back as `problems`
 * with file:line:column and the fix; their declarations are then incomplete and the caller falls
 * back to the TypeScript compiler. `cache` keeps each file's emit by its text across rebuilds.
 */
export async function isolatedDeclarations(
  root: string,
  exposes: Record<string, string>,
  cache: IsolatedDeclarationsCache = new Map(),
): Promise<DeclarationFiles & { problems: IsolatedDeclarationProblem[] }> {
  const emits = new Map<string, FileEmit>();
  let wave = [...new Set(Object.values(exposes).filter((file) => TYPESCRIPT.test(file)))];
  while (wave.length) {
    const results = await Promise.all(wave.map((file) => emitFile(file, root, cache)));
    const next = new Set<string>();
    wave.forEach((file, i) => {
      emits.set(file, results[i]!);
      for (const specifier of results[i]!.imports) {
        const local = resolveLocal(file, specifier);
        if (local && !emits.has(local)) next.add(local);
      }
    });
    wave = [...next];
  }
  const common = commonDir([...emits.keys()]);
  return {
    outputs: [...emits].map(([file, emit]) => [declarationPath(common, file), emit.code]),
    exposeOutputs: Object.entries(exposes).map(([name, file]) => [name, emits.has(file) ? declarationPath(common, file) : undefined]),
    problems: [...emits.values()].flatMap((emit) => emit.problems),
  };
}
