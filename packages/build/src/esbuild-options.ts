import type { BuildOptions, Loader, Plugin } from 'esbuild';
import type { ResolvedConfig } from './config.js';

/**
 * The esbuild options an app may set under `esbuild` in `federation.config.ts`, passed to esbuild
 * as they are (https://esbuild.github.io/api/). Federation owns the rest (see `federationOwned`).
 */
export interface EsbuildConfig {
  /** esbuild plugins (Sass, SVG components, Vue, …). They run after Tessera's federation plugin, in the scan and the build. */
  plugins?: Plugin[];
  /** Replacements of global identifiers: `{ __API__: '"https://api.example.com"' }`. Tessera sets `process.env.NODE_ENV` from `mode` unless given here. */
  define?: Record<string, string>;
  /** Import substitutions: `{ 'lodash': 'lodash-es' }`. */
  alias?: Record<string, string>;
  /** Loaders by file extension, merged over Tessera's (images and fonts use `file`): `{ '.svg': 'text' }`. */
  loader?: Record<string, Loader>;
  /** Where automatic JSX comes from: `'preact'`, `'@emotion/react'`. Default 'react'. */
  jsxImportSource?: string;
  /** `jsx: 'automatic'` (default) or `'preserve'` / `'transform'` with `jsxFactory` / `jsxFragment`. */
  jsx?: 'automatic' | 'transform' | 'preserve';
  jsxFactory?: string;
  jsxFragment?: string;
  /** Output syntax: 'es2022' (default), 'es2020', ['chrome100', 'safari15'], … */
  target?: string | string[];
  /** Package.json conditions, file extensions and fields tried when resolving imports. */
  conditions?: string[];
  mainFields?: string[];
  resolveExtensions?: string[];
  /** A tsconfig.json to read (paths, jsx options) other than the app's. */
  tsconfig?: string;
  /** Text at the top / bottom of each JS or CSS output file. */
  banner?: Record<string, string>;
  footer?: Record<string, string>;
  /** Calls and statements to drop: `['console', 'debugger']`. */
  drop?: ('console' | 'debugger')[];
  /** Keep function and class names when minifying. */
  keepNames?: boolean;
  /** Where legal comments go: 'inline', 'eof', 'none', … */
  legalComments?: 'none' | 'inline' | 'eof' | 'linked' | 'external';
  /** Files injected into every entry (shims). */
  inject?: string[];
  /** Functions without side effects, for tree shaking. */
  pure?: string[];
  /** Syntax features to force on or off: `{ 'top-level-await': true }`. */
  supported?: Record<string, boolean>;
  charset?: 'ascii' | 'utf8';
}

/** The `esbuild` options after resolution: plugins always a list, everything else as given. */
export type ResolvedEsbuildConfig = Omit<EsbuildConfig, 'plugins'> & { plugins: Plugin[] };

/** esbuild options the app may set, with the JSON-ish kind each must be. */
export const esbuildPassThrough: Record<keyof EsbuildConfig, 'array' | 'object' | 'string' | 'boolean' | 'string-or-array'> = {
  plugins: 'array', define: 'object', alias: 'object', loader: 'object', jsxImportSource: 'string', jsx: 'string',
  jsxFactory: 'string', jsxFragment: 'string', target: 'string-or-array', conditions: 'array', mainFields: 'array',
  resolveExtensions: 'array', tsconfig: 'string', banner: 'object', footer: 'object', drop: 'array', keepNames: 'boolean',
  legalComments: 'string', inject: 'array', pure: 'array', supported: 'object', charset: 'string',
};

/** esbuild options the federation build sets itself, and the config key to use instead (if any). */
export const federationOwned: Record<string, string> = {
  entryPoints: 'the entries are the remote entry (exposes) and main.js (entry)',
  outdir: 'use "outDir"',
  outfile: 'use "outDir"',
  outbase: 'output paths are set by the federation build',
  format: 'output is always ES modules (the remote entry is an ES module)',
  splitting: 'code splitting is always on (one chunk per expose and per shared fallback)',
  bundle: 'bundling is always on',
  write: 'the federation build writes the files',
  metafile: 'the federation build reads the metafile itself',
  platform: 'output is for browsers',
  minify: 'use "minify"',
  sourcemap: 'use "sourcemap"',
  publicPath: 'use "publicPath"',
  entryNames: 'file names are set by the federation build (content hashes)',
  chunkNames: 'file names are set by the federation build (content hashes)',
  assetNames: 'file names are set by the federation build (assets/[name]-[hash])',
  external: 'share a package with "shared" (import: false to consume only) instead of making it external',
  absWorkingDir: 'the app folder (where federation.config.ts is) is the working folder',
  watch: 'use `tessera dev` or watchApp()',
};

const assetLoaders: Record<string, Loader> = Object.fromEntries(
  ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.ico', '.woff', '.woff2', '.ttf', '.eot'].map((ext) => [ext, 'file' as const]),
);

/**
 * How a build pass writes its chunks (the app pass and the shared-fallback pass alike): ES modules
 * with code splitting, content-hashed names ('[name]-[hash]'), a metafile.
 */
export function chunkedOutputOptions(config: ResolvedConfig): BuildOptions {
  return {
    outdir: config.outDir,
    format: 'esm',
    splitting: true,
    minify: config.minify,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    metafile: true,
  };
}

/**
 * Options the scan and the build share: how source files are read, from `mode`, `sourcemap`,
 * `publicPath` and the app's `esbuild` options. The app's plugins come in `plugins`; the build and
 * the scan put theirs first.
 */
export function sourceOptions(config: ResolvedConfig): BuildOptions {
  const { plugins, define, loader, ...passed } = config.esbuild;
  return {
    absWorkingDir: config.root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    ...passed,
    loader: { ...assetLoaders, ...loader },
    define: { 'process.env.NODE_ENV': JSON.stringify(config.mode), ...define },
    sourcemap: config.sourcemap,
    ...(config.publicPath !== 'auto' ? { publicPath: config.publicPath } : {}),
    plugins,
    logLevel: 'silent',
  };
}
