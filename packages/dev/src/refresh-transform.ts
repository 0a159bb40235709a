import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Loader, Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import type * as Oxc from 'oxc-transform';

// require, not import: oxc-transform is CommonJS, and an import would first scan its source for export names.
const { transform } = createRequire(import.meta.url)('oxc-transform') as typeof Oxc;

/** Whether `file` (absolute) is a module of the app's own code, workspace packages included, not a dependency: what hot updates replace. */
export function isOwnSource(file: string): boolean {
  return !file.split(sep).includes('node_modules') && /\.[cm]?[jt]sx?$/.test(file);
}

/** Module id of an app source on the page: '<app>:<path from the app root>'. */
export function moduleIdOf(app: string, root: string, file: string): string {
  return `${app}:${relative(root, file).split(sep).join('/')}`;
}

/**
 * What every app module gets after its own code: `$RefreshReg$` and `$RefreshSig$` (which the
 * Refresh transform calls) bound to the page's one Fast Refresh runtime under this module's id,
 * and a note that the module ran on this page. Function declarations, so they are hoisted above
 * the module's code and its source map lines stay where they are.
 */
function refreshFooter(id: string): string {
  const json = JSON.stringify(id);
  return [
    '',
    `function $RefreshReg$(type, name) { var d = globalThis.__TESSERA_DEV__; if (d) d.register(type, ${json} + " " + name); }`,
    'function $RefreshSig$() { var d = globalThis.__TESSERA_DEV__; return d ? d.signature() : function (type) { return type; }; }',
    `if (globalThis.__TESSERA_DEV__) globalThis.__TESSERA_DEV__.ran(${json});`,
  ].join('\n');
}

/** Split so that tools reading this file do not take it for its own source map. */
const SOURCE_MAP_COMMENT = '//# source' + 'MappingURL=';

/** oxc's output for one source text: the code and its inline source map comment, or the syntax errors (line, column, the line). */
type Compiled = { code: string; map: string } | { errors: { text: string; line: number; column: number; lineText: string }[] };

/**
 * Compiled sources by file, for every app of the process: an app's workspace packages (runtime,
 * stores, UI kits) are the other apps' too, and their output does not depend on the app (the
 * app's Refresh footer is added after). Kept by source text, so a changed file compiles again.
 */
const compiledFiles = new Map<string, { source: string; compiled: Promise<Compiled> }>();

async function compile(path: string, source: string): Promise<Compiled> {
  const out = await transform(path, source, {
    sourcemap: true,
    jsx: { runtime: 'automatic', refresh: {} },
    typescript: { onlyRemoveTypeImports: false },
  });
  if (out.errors.length) {
    return {
      errors: out.errors.map((e) => {
        const at = e.labels[0]?.start ?? 0;
        const before = source.slice(0, at).split('\n');
        const line = before.length;
        return { text: e.message, line, column: before.at(-1)!.length, lineText: source.split('\n')[line - 1] ?? '' };
      }),
    };
  }
  const map = out.map ? `\n${SOURCE_MAP_COMMENT}data:application/json;base64,${Buffer.from(JSON.stringify(out.map)).toString('base64')}` : '';
  return { code: out.code, map };
}

function compiled(path: string, source: string): Promise<Compiled> {
  const known = compiledFiles.get(path);
  if (known?.source === source) return known.compiled;
  const fresh = compile(path, source);
  compiledFiles.set(path, { source, compiled: fresh });
  return fresh;
}

interface Cached {
  source: string;
  result: { contents: string; loader: Loader } | { errors: { text: string; location: { file: string; line: number; column: number; lineText: string } }[] };
}

/**
 * A hook call (`useState(`, `use(`) or what react-refresh's Babel plugin (and oxc's) registers: a
 * function with a capitalised name, a variable with a capitalised name unless its value is a
 * literal (`const MAX_RETRIES = 3`, `const KEYS = ['a']`: never a component), a default export.
 * Classes are never registered.
 */
const REFRESH_CANDIDATE = /\buse[A-Z0-9_$(]|\buse\s*\(|function\*?\s+[A-Z]|(?:const|let|var)\s+[A-Z][\w$]*\s*=(?!\s*(?:[\d'"`[{-]|true\b|false\b|null\b))|export\s+default\b/;

/**
 * Whether `source` needs oxc's Refresh transform: it is JSX (.jsx, .tsx), or it has something
 * react-refresh's Babel plugin would register or sign (REFRESH_CANDIDATE, a superset: a false
 * positive costs only the transform). The rest (a store, a message bus, a constants module) only
 * gets `refreshFooter`, with esbuild's own loader: no oxc pass, no inline source map to chain.
 */
export function needsRefreshTransform(path: string, source: string): boolean {
  return /x$/.test(path) || REFRESH_CANDIDATE.test(source);
}

const loaderOf = (path: string): Loader => (/\.[cm]?ts$/.test(path) ? 'ts' : 'js');

/**
 * esbuild plugin of development builds: compiles the app's own modules with oxc-transform
 * (TypeScript, JSX, and React Fast Refresh's registration calls: the same output as
 * react-refresh's Babel plugin, at native speed, on libuv's threads) and adds `refreshFooter`;
 * a module with nothing to register keeps its text (`needsRefreshTransform`).
 * Syntax errors become esbuild errors with file, line and column. Results are kept per file
 * content, so a rebuild transforms only what changed, and a file several apps of the session
 * share is compiled once.
 */
export function refreshTransformPlugin(app: string, root: string): Plugin {
  const cache = new Map<string, Cached>();
  return {
    name: 'tessera-dev-refresh',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.namespace !== 'file' || !isOwnSource(args.path)) return undefined;
        // One synchronous read of a small source costs less than the four steps of an fs/promises readFile.
        const source = readFileSync(args.path, 'utf8');
        const hit = cache.get(args.path);
        if (hit?.source === source) return hit.result;
        if (!needsRefreshTransform(args.path, source)) {
          const result = { contents: `${source}${refreshFooter(moduleIdOf(app, root, args.path))}`, loader: loaderOf(args.path) };
          cache.set(args.path, { source, result });
          return result;
        }
        const out = await compiled(args.path, source);
        const result: Cached['result'] = 'errors' in out
          ? { errors: out.errors.map(({ text, ...at }) => ({ text, location: { file: relative(root, args.path), ...at } })) }
          : { contents: `${out.code}${refreshFooter(moduleIdOf(app, root, args.path))}${out.map}`, loader: 'js' };
        cache.set(args.path, { source, result });
        return result;
      });
    },
  };
}

