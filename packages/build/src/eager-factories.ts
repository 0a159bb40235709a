import type { Argument, ArrowFunctionExpression, Program } from 'oxc-parser';
import type { ChunkFiles } from './chunk-files.js';
import { shiftSourceMap } from './shift-source-map.js';

/**
 * A module wrapper esbuild writes at the top level of a minified chunk and that is not marked yet:
 * `var X=f((e,m)=>{`, `var X=f(e=>{`, `var X=f(function(`, but for the consume stubs of shared
 * modules (virtual-modules.ts' `consumeModule`: `m.exports=globalThis.__TESSERA_APPS__…`, one
 * statement, nothing to compile). Checked before parsing: a chunk without one (an app's own chunks
 * usually, and every chunk already marked) is left without being parsed.
 */
const UNMARKED_WRAPPER = /(?:^|[;}\n])var [\w$]+=[\w$]+\((?:(?:\([\w$,]*\)|[\w$]+)=>\{(?![\w$]+\.exports=globalThis\.__TESSERA_APPS__\b)|function\b)/m;

// oxc-parser is loaded on first need: most builds parse nothing (the fallbacks' pass is cached).
let parser: Promise<typeof import('oxc-parser')> | undefined;

type Node = { type: string; start: number; end: number; [key: string]: unknown };
/** Replaces `code[start, end)` by `text`; `shifts`: [offset in the old code, columns added from there on] (no edit adds a line). */
type Edit = { start: number; end: number; text: string; shifts: [number, number][] };

/** Whether `node` reads `this`, `arguments`, `super` or `new.target` of its own function (not of a function nested in it). */
function readsFunctionContext(node: Node, visitorKeys: Record<string, string[]>): boolean {
  if (node.type === 'ThisExpression' || node.type === 'Super' || node.type === 'MetaProperty') return true;
  if (node.type === 'Identifier' && node.name === 'arguments') return true;
  if (node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') return false;
  for (const key of visitorKeys[node.type] ?? []) {
    const child = node[key];
    for (const item of Array.isArray(child) ? child : [child]) {
      if (item && typeof item === 'object' && 'type' in item && readsFunctionContext(item as Node, visitorKeys)) return true;
    }
  }
  return false;
}

/**
 * The edit that makes a factory a parenthesized `function` expression. V8 compiles `(function`
 * eagerly; Chromium does not for a parenthesized arrow function (measured: react-dom's factory as
 * `((e)=>{…})` still compiled on the main thread at its first call). An arrow that reads `this` or
 * `arguments` would mean something else as a `function`: it is left as it is.
 */
function eagerEdit(code: string, factory: Argument, visitorKeys: Record<string, string[]>): Edit | undefined {
  if (factory.type === 'FunctionExpression') {
    return { start: factory.start, end: factory.end, text: `(${code.slice(factory.start, factory.end)})`, shifts: [[factory.start, 1], [factory.end, 1]] };
  }
  if (factory.type !== 'ArrowFunctionExpression' || factory.async || factory.body.type !== 'BlockStatement') return undefined;
  const arrow = factory as ArrowFunctionExpression;
  try {
    if ([...arrow.params, arrow.body].some((node) => readsFunctionContext(node as unknown as Node, visitorKeys))) return undefined;
  } catch {
    return undefined; // an expression nested deeper than the stack allows: left as it is
  }
  const params = arrow.params.map((param) => code.slice(param.start, param.end)).join(',');
  const head = `(function(${params})`;
  // The parameters move to after `(function(`, the body to after the new head, and `)` closes it all.
  const paramsShift = arrow.start + '(function('.length - (arrow.params[0]?.start ?? arrow.start);
  const bodyShift = arrow.start + head.length - arrow.body.start;
  return {
    start: arrow.start, end: arrow.end, text: `${head}${code.slice(arrow.body.start, arrow.body.end)})`,
    shifts: [[arrow.start, paramsShift], [arrow.body.start, bodyShift - paramsShift], [arrow.end, 1]],
  };
}

/** The edits of the functions top-level `var X = f(<function>)` declarations pass: what esbuild's `__commonJS` and `__esm` wrap modules in. */
function factoryEdits(code: string, program: Program, visitorKeys: Record<string, string[]>): Edit[] {
  const edits: Edit[] = [];
  for (const statement of program.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const { init } of statement.declarations) {
      if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.arguments.length !== 1) continue;
      const edit = eagerEdit(code, init.arguments[0]!, visitorKeys);
      if (edit) edits.push(edit);
    }
  }
  return edits;
}

/**
 Makes each module factory of a minified chunk a parenthesized `function` expression: the function
 * esbuild passes to its wrappers, `var require_x = __commonJS((exports, module) => {…})` for a
 * CommonJS module and `var init_x = __esm(() => {…})` for an ES module that is required, becomes
 * `__commonJS((function(exports, module) {…}))`. V8 compiles a parenthesized function expression
 * (a "PIFE", v8.dev/blog/preparser#pife) eagerly, on the background thread that compiles
 * the script as it streams in, where a bare function argument is only pre-parsed there and compiled
 * on the main thread when first called. A factory runs as soon as its module is first imported, and
 * a big one costs: react-dom's (200 KB of code in one function) held the shop's first render back
 * by about 60 ms of main-thread compilation. The functions inside a factory stay lazy (compiled
 * when called), unlike with V8's `//# allFunctionsCalledOnLoad`, which compiles every function of
 * the file before it runs.
 *
 * Only top-level `var X = f(<function>)` declarations are touched, consume stubs aside (esbuild's wrapper shape; a rare
 * top-level `var X = memo(() => {…})` of the app's own is compiled eagerly too, which costs a little
 * background compilation and changes nothing else: an arrow function becomes a `function` only when
 * it reads no `this`, `arguments`, `super` or `new.target` of its own). Returns `code` itself when
 * nothing needs marking or the chunk does not parse. The columns after each edit shift: a chunk's
 * source map follows with `markEagerFactoriesIn`.
 */
export async function markEagerFactories(code: string): Promise<string> {
  return applyEdits(code, await eagerFactoryEdits(code));
}

async function eagerFactoryEdits(code: string): Promise<Edit[]> {
  if (!UNMARKED_WRAPPER.test(code)) return [];
  const { parseSync, visitorKeys } = await (parser ??= import('oxc-parser'));
  try {
    const { program, errors } = parseSync('chunk.js', code, { sourceType: 'module' });
    return errors.length ? [] : factoryEdits(code, program, visitorKeys);
  } catch {
    return []; // what the parser cannot take (its AST deeper than the JS stack) is left as it is
  }
}

function applyEdits(code: string, edits: Edit[]): string {
  if (!edits.length) return code;
  const parts: string[] = [];
  let at = 0;
  for (const { start, end, text } of edits) {
    parts.push(code.slice(at, start), text);
    at = end;
  }
  parts.push(code.slice(at));
  return parts.join('');
}

const INLINE_MAP = /(\/\/# sourceMappingURL=data:application\/json;base64,)([A-Za-z0-9+/=]+)\s*$/;

/**
 * `markEagerFactories` over the JavaScript files among `paths`, rewriting those it changed, with
 * their source maps: the chunk's `.map` file next to it, or a map inlined as a data URL, gets its
 * generated columns shifted by what the edits added (`shiftSourceMap`), so it maps the new code
 * exactly as it mapped the old.
 */
export async function markEagerFactoriesIn(chunks: ChunkFiles, paths: string[]): Promise<void> {
  for (const path of paths) {
    if (!path.endsWith('.js')) continue;
    const code = chunks.read(path);
    const edits = await eagerFactoryEdits(code);
    if (!edits.length) continue;
    const shifts = edits.flatMap((edit) => edit.shifts);
    let marked = applyEdits(code, edits);
    const inline = INLINE_MAP.exec(marked);
    if (inline) {
      const map = shiftSourceMap(Buffer.from(inline[2]!, 'base64').toString('utf8'), code, shifts);
      marked = `${marked.slice(0, inline.index)}${inline[1]}${Buffer.from(map).toString('base64')}\n`;
    } else if (chunks.has(`${path}.map`)) {
      chunks.write(`${path}.map`, shiftSourceMap(chunks.read(`${path}.map`), code, shifts));
    }
    chunks.write(path, marked);
  }
}
