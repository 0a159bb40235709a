import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from './config.js';
import type { DeclarationFiles } from './declaration-files.js';
import { isolatedDeclarations, type IsolatedDeclarationProblem, type IsolatedDeclarationsCache } from './isolated-declarations.js';
import type { TypeScriptDeclarationsInput } from './typescript-declarations.js';

export { appCompilerOptions, loadTypeScript } from './typescript-options.js';
export type { IsolatedDeclarationProblem, IsolatedDeclarationsCache } from './isolated-declarations.js';

/** Folder of the declarations inside `dist/`, and the index file in it. */
export const TYPES_DIR = '@types';
export const TYPES_INDEX = 'index.d.ts';
/** Bare prefix the index uses to reach the declaration files; a host maps it with `paths`. */
export const TYPES_PREFIX = '__tessera_types__';

export interface DeclarationsResult {
  /** Files written under `dist/@types/`, relative to it (the index included). */
  files: string[];
  /** Wall time from the start of the emit to the last file written, in ms (to 0.1 ms). */
  durationMs: number;
  /** 'isolated': oxc's isolated-declarations emitter; 'typescript': the full compiler (the fallback). */
  emitter: 'isolated' | 'typescript';
  /** Sources that do not satisfy isolatedDeclarations (they sent the app to the fallback). */
  problems: IsolatedDeclarationProblem[];
}

/** The worker script beside this module; from the TypeScript sources (tests), the built one. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const beside = join(dirname(here), 'declarations-worker.js');
  return existsSync(beside) ? beside : join(dirname(here), '..', 'dist', 'declarations-worker.js');
}

/** The full TypeScript emit (typescript-declarations.ts) in a worker thread. */
function typescriptInWorker(input: TypeScriptDeclarationsInput): Promise<DeclarationFiles | undefined> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), { workerData: input });
    worker.once('message', (result: DeclarationFiles | undefined) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the declarations worker exited with code ${code} before answering`)));
  });
}

/**
 * Writes declarations of every exposed module (and of the app's own modules they import) under
 * `dist/@types/<name>/`, laid out as `tsc --emitDeclarationOnly` does, plus `index.d.ts` declaring
 * `declare module '<name>/<expose>' { ... }` for every expose (a shorthand `declare module` for a
 * JavaScript expose). Types of packages the app imports are referenced by package name, not copied.
 *
 * The fast path is oxc's isolated-declarations emitter (milliseconds, off the main thread). If a
 * source leaves a type to inference, its `problems` are returned (file:line:column and the fix) and
 * the app's declarations come from the TypeScript compiler instead, in a worker thread; without
 * TypeScript installed, the isolated emit is kept as it is (the inferred types become implicit any).
 * `cache` (watch mode) keeps unchanged files' emits. Never blocks the calling thread on a compiler.
 */
export async function emitDeclarations(config: ResolvedConfig, cache?: IsolatedDeclarationsCache): Promise<DeclarationsResult> {
  const started = performance.now();
  const isolated = await isolatedDeclarations(config.root, config.exposes, cache);
  let emitter: DeclarationsResult['emitter'] = 'isolated';
  let declarations: DeclarationFiles = isolated;
  if (isolated.problems.length) {
    const full = await typescriptInWorker({ root: config.root, exposes: config.exposes });
    if (full) {
      declarations = full;
      emitter = 'typescript';
    }
  }
  const typesDir = join(config.outDir, TYPES_DIR);
  const filesDir = join(typesDir, config.name);
  await rm(typesDir, { recursive: true, force: true });
  await Promise.all(declarations.outputs.map(async ([path, text]) => {
    await mkdir(dirname(join(filesDir, path)), { recursive: true });
    await writeFile(join(filesDir, path), text);
  }));
  const byPath = new Map(declarations.outputs);
  const modules = declarations.exposeOutputs.map(([name, path]) => {
    const id = JSON.stringify(`${config.name}/${name.slice(2)}`);
    // No declaration (a JavaScript expose): a shorthand module, its imports typed any.
    if (!path) return `declare module ${id};`;
    const specifier = JSON.stringify(`${TYPES_PREFIX}/${config.name}/${path.replace(/\.d\.ts$/, '')}`);
    const hasDefault = /export default|export \{[^}]*\bdefault\b[^}]*\}/.test(byPath.get(path) ?? '');
    return [`declare module ${id} {`, `  export * from ${specifier};`, ...(hasDefault ? [`  export { default } from ${specifier};`] : []), '}'].join('\n');
  });
  await mkdir(typesDir, { recursive: true });
  await writeFile(
    join(typesDir, TYPES_INDEX),
    `// The modules "${config.name}" exposes, written by tessera build. Hosts get it with \`tessera types\`.\n${modules.join('\n')}\n`,
  );
  const files = [TYPES_INDEX, ...declarations.outputs.map(([path]) => `${config.name}/${path}`)].sort();
  return { files, durationMs: Math.round((performance.now() - started) * 10) / 10, emitter, problems: isolated.problems };
}

/** One warning line per problem: where, what, and the fix. */
export function formatDeclarationProblems(config: ResolvedConfig, problems: IsolatedDeclarationProblem[]): string[] {
  return problems.map((p) =>
    `${config.name}: ${p.file}:${p.line}:${p.column}  ${p.message.replace(/ with --isolatedDeclarations\.?$/, '')}; ${p.fix} ` +
    '(declarations fell back to the TypeScript compiler, slower)');
}
