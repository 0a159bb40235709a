import { dirname, relative, sep } from 'node:path';

/**
 * What a declaration emitter gives back: each declaration file's text by its path relative to the
 * common folder of the app's emitted sources (as `tsc --outDir` lays them out), and for each expose
 * the path of its declaration (undefined: none, e.g. a JavaScript expose).
 */
export interface DeclarationFiles {
  outputs: [path: string, text: string][];
  exposeOutputs: [expose: string, path: string | undefined][];
}

/** Stylesheet and asset imports mean nothing to a host's type checker. */
export function withoutAssetImports(text: string): string {
  return text.replace(/^import ['"][^'"]+\.(css|scss|sass|less|svg|png|jpe?g|gif|webp)['"];\r?\n/gm, '');
}

/** The deepest folder holding every file (TypeScript's common source directory). */
export function commonDir(files: string[]): string {
  const parts = files.map((file) => dirname(file).split(sep));
  const first = parts[0] ?? [];
  let length = first.length;
  for (const p of parts) {
    let i = 0;
    while (i < length && p[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join(sep) || sep;
}

/** 'src/a/b.tsx' below `common` → 'a/b.d.ts'. */
export function declarationPath(common: string, file: string): string {
  return relative(common, file).split(sep).join('/').replace(/\.(d\.)?(tsx?|jsx?|mts|cts)$/, '.d.ts');
}
