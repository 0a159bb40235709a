import type * as TS from 'typescript';
import { commonDir, declarationPath, withoutAssetImports, type DeclarationFiles } from './declaration-files.js';
import { appCompilerOptions, loadTypeScript } from './typescript-options.js';

/** Input of the full TypeScript emit (plain data: it crosses into a worker thread). */
export interface TypeScriptDeclarationsInput {
  root: string;
  /** Expose name → absolute file. */
  exposes: Record<string, string>;
}

/**
 * Declarations of the exposed modules and of the app's own modules they import, written by the
 * TypeScript compiler like `tsc --emitDeclarationOnly` (the whole program is type-checked to infer
 * what the sources leave implicit). Only what it needs is loaded: `types: []` (no global @types
 * packages) and the app's `lib` (default ES2023 + DOM). Synchronous and slow (hundreds of ms):
 * the build runs it in a worker thread (declarations-worker.ts). Undefined when TypeScript is not
 * installed beside the app.
 */
export function typescriptDeclarations({ root, exposes }: TypeScriptDeclarationsInput): DeclarationFiles | undefined {
  const ts = loadTypeScript(root);
  if (!ts) return undefined;
  const outDir = '/__tessera_declarations__';
  const options: TS.CompilerOptions = {
    ...appCompilerOptions(ts, root),
    types: [],
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    noEmitOnError: false,
    declarationMap: false,
    sourceMap: false,
    composite: false,
    incremental: false,
    outDir,
    rootDir: undefined,
    declarationDir: undefined,
  };
  const files = Object.values(exposes);
  const program = ts.createProgram(files, options);
  const outputs = new Map<string, string>();
  program.emit(undefined, (fileName, text) => outputs.set(fileName.slice(outDir.length + 1), withoutAssetImports(text)), undefined, true);
  const own = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !program.isSourceFileFromExternalLibrary(f)).map((f) => f.fileName);
  const common = commonDir(own.length ? own : files);
  return {
    outputs: [...outputs],
    exposeOutputs: Object.entries(exposes).map(([name, file]) => {
      const path = declarationPath(common, program.getSourceFile(file)?.fileName ?? file);
      return [name, outputs.has(path) ? path : undefined];
    }),
  };
}
