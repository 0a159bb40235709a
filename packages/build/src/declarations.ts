import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type * as TS from 'typescript';
import type { ResolvedConfig } from './config.js';

/** Folder of the declarations inside `dist/`, and the index file in it. */
export const TYPES_DIR = '@types';
export const TYPES_INDEX = 'index.d.ts';
/** Bare prefix the index uses to reach the declaration files; a host maps it with `paths`. */
export const TYPES_PREFIX = '__tessera_types__';

export interface DeclarationsResult {
  /** Files written under `dist/@types/`, relative to it (the index included). */
  files: string[];
  durationMs: number;
}

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

/**
 * Writes declarations of every exposed module (and of the app's own modules they import) with the
 * TypeScript compiler, like `tsc --emitDeclarationOnly`, under `dist/@types/`, plus `index.d.ts`
 * declaring `declare module '<name>/<expose>' { ... }` for every expose. Types of packages the
 * app imports are referenced by package name, not copied. Returns undefined when TypeScript is
 * not installed.
 */
export function emitDeclarations(config: ResolvedConfig): DeclarationsResult | undefined {
  const started = performance.now();
  const ts = loadTypeScript(config.root);
  if (!ts) return undefined;
  const typesDir = join(config.outDir, TYPES_DIR);
  rmSync(typesDir, { recursive: true, force: true });
  const filesDir = join(typesDir, config.name);
  const options: TS.CompilerOptions = {
    ...appCompilerOptions(ts, config.root),
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    noEmitOnError: false,
    declarationMap: false,
    sourceMap: false,
    composite: false,
    incremental: false,
    outDir: filesDir,
    rootDir: undefined,
    declarationDir: undefined,
  };
  const exposed = Object.values(config.exposes);
  const program = ts.createProgram(exposed, options);
  const written: string[] = [];
  program.emit(undefined, (fileName, text) => {
    mkdirSync(dirname(fileName), { recursive: true });
    // Stylesheet and asset imports mean nothing to a host's type checker.
    writeFileSync(fileName, text.replace(/^import ['"][^'"]+\.(css|scss|sass|less|svg|png|jpe?g|gif|webp)['"];\n/gm, ''));
    written.push(fileName);
  }, undefined, true);

  // The declaration of each exposed file: same path below the common source folder, with .d.ts.
  const common = commonDir(exposed.map((file) => program.getSourceFile(file)?.fileName ?? file), program);
  const modules = Object.entries(config.exposes).map(([name, file]) => {
    const declaration = join(filesDir, relative(common, file)).replace(/\.(tsx?|jsx?|mts|cts)$/, '.d.ts');
    const specifier = `${TYPES_PREFIX}/${relative(typesDir, declaration).split(sep).join('/').replace(/\.d\.ts$/, '')}`;
    const id = JSON.stringify(`${config.name}/${name.slice(2)}`);
    // No declaration (a JavaScript expose without allowJs): a shorthand module, its imports typed any.
    if (!written.includes(declaration)) return `declare module ${id};`;
    const text = ts.sys.readFile(declaration) ?? '';
    const hasDefault = /export default|export \{[^}]*\bdefault\b[^}]*\}/.test(text);
    return [
      `declare module ${id} {`,
      `  export * from ${JSON.stringify(specifier)};`,
      ...(hasDefault ? [`  export { default } from ${JSON.stringify(specifier)};`] : []),
      '}',
    ].join('\n');
  });
  mkdirSync(typesDir, { recursive: true });
  writeFileSync(
    join(typesDir, TYPES_INDEX),
    `// The modules "${config.name}" exposes, written by tessera build. Hosts get it with \`tessera types\`.\n${modules.join('\n')}\n`,
  );
  const files = [TYPES_INDEX, ...written.map((file) => relative(typesDir, file).split(sep).join('/'))].sort();
  return { files, durationMs: Math.round(performance.now() - started) };
}

/** The folder TypeScript lays emitted files out from: the common folder of the program's own source files. */
function commonDir(files: string[], program: TS.Program): string {
  const own = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !program.isSourceFileFromExternalLibrary(f)).map((f) => f.fileName);
  const parts = (own.length ? own : files).map((file) => dirname(file).split('/'));
  const first = parts[0] ?? [];
  let length = first.length;
  for (const p of parts) {
    let i = 0;
    while (i < length && p[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join('/') || '/';
}
