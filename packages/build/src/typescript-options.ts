import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as TS from 'typescript';

/** The TypeScript compiler installed beside the app, or undefined. */
export function loadTypeScript(fromDir: string): typeof TS | undefined {
  try {
    return createRequire(join(fromDir, 'package.json'))('typescript') as typeof TS;
  } catch {
    return undefined;
  }
}

/** Compiler options of the app's tsconfig.json (if any), else defaults for bundled TSX. */
export function appCompilerOptions(ts: typeof TS, root: string): TS.CompilerOptions {
  const tsconfig = join(root, 'tsconfig.json');
  const base: TS.CompilerOptions = existsSync(tsconfig)
    ? ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })?.options ?? {}
    : {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        jsx: ts.JsxEmit.ReactJSX,
        strict: true,
        esModuleInterop: true,
        resolveJsonModule: true,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      };
  return { ...base, skipLibCheck: true };
}
