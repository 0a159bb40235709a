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

/** The app's tsconfig.json as the compiler reads it (`extends` followed, `include` expanded), or undefined when it has none or it does not parse. */
export function appTsconfig(ts: typeof TS, root: string): TS.ParsedCommandLine | undefined {
  const tsconfig = join(root, 'tsconfig.json');
  if (!existsSync(tsconfig)) return undefined;
  return ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
}

/** Compiler options of the app's tsconfig.json (if any), else defaults for bundled TSX. */
export function appCompilerOptions(ts: typeof TS, root: string): TS.CompilerOptions {
  const base: TS.CompilerOptions = existsSync(join(root, 'tsconfig.json'))
    ? appTsconfig(ts, root)?.options ?? {}
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
