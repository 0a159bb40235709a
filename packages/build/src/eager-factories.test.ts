import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildIsolated } from '../../../test/support/isolated-build.js';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { markEagerFactories, markEagerFactoriesIn } from './eager-factories.js';

const shop = join(import.meta.dirname, '..', '..', '..', 'examples', 'shop');
// A module factory left bare: esbuild's wrapper call with a function that is not parenthesized.
const bareFactory = /(?:^|[;}\n])var [\w$]+=[\w$]+\((?:(?:\([\w$,]*\)|[\w$]+)=>\{|function\b)/m;

describe('markEagerFactories', () => {
  it('makes the functions top-level wrapper calls are given parenthesized function expressions, and nothing else', async () => {
    const code = 'var a=c((e,m)=>{m.exports=`}${1}`}),b=c(e=>{e.x=/}/}),d=c(function(e){});var f=g(1),h=c(()=>1);function k(){var i=c(()=>{})}';
    expect(await markEagerFactories(code)).toBe(
      'var a=c((function(e,m){m.exports=`}${1}`})),b=c((function(e){e.x=/}/})),d=c((function(e){}));var f=g(1),h=c(()=>1);function k(){var i=c(()=>{})}',
    );
  });

  it('leaves an arrow function that reads its own this or arguments an arrow function (a function would read others)', async () => {
    expect(await markEagerFactories('var t=c(e=>{e.x=this});')).toBe('var t=c(e=>{e.x=this});');
    expect(await markEagerFactories('var w=c(e=>{e.f=()=>arguments[0]});')).toBe('var w=c(e=>{e.f=()=>arguments[0]});');
    expect(await markEagerFactories('var u=c(e=>{function n(){return this.x+arguments.length}e.n=n});')).toBe('var u=c((function(e){function n(){return this.x+arguments.length}e.n=n}));');
  });

  it('leaves a chunk whose only wrappers are consume stubs of shared modules unparsed and as it is', async () => {
    const stubs = 'var a=c((e,m)=>{m.exports=globalThis.__TESSERA_APPS__.shell.federation.consumed("react")});var b=1;';
    expect(await markEagerFactories(stubs)).toBe(stubs);
    expect(await markEagerFactories(`${stubs}var d=c(e=>{e.x=1});`)).toBe('var a=c((function(e,m){m.exports=globalThis.__TESSERA_APPS__.shell.federation.consumed("react")}));var b=1;var d=c((function(e){e.x=1}));');
  });

  it('leaves a factory nested deeper than the stack allows to walk as it is, and marks the others', async () => {
    const deep = `var a=c(e=>{e.x=${'1+'.repeat(50_000)}1});var b=c(e=>{e.y=2});`;
    expect(await markEagerFactories(deep)).toBe(deep.replace('var b=c(e=>{e.y=2});', 'var b=c((function(e){e.y=2}));'));
  });

  it('is idempotent, and leaves code that does not parse as it is', async () => {
    const once = await markEagerFactories('var a=c(e=>{e.x=1});');
    expect(once).toBe('var a=c((function(e){e.x=1}));');
    expect(await markEagerFactories(once)).toBe(once);
    expect(await markEagerFactories('var a=c(e=>{e.x=1});}')).toBe('var a=c(e=>{e.x=1});}');
  });

  it('marks every CommonJS factory of an esbuild bundle of react-dom/client, which still runs', async () => {
    const result = await build({
      stdin: { contents: 'export { createRoot } from "react-dom/client"; export { version } from "react";', resolveDir: shop, loader: 'js' },
      bundle: true, minify: true, format: 'esm', write: false, platform: 'neutral', mainFields: ['main'], define: { 'process.env.NODE_ENV': '"production"' },
      absWorkingDir: join(shop, 'shell'),
    });
    const code = result.outputFiles[0]!.text;
    expect(bareFactory.test(code)).toBe(true);
    const marked = await markEagerFactories(code);
    expect(await markEagerFactories(marked) === marked, 'a second pass finds nothing left to mark').toBe(true);
    expect(marked.length - code.length).toBeGreaterThanOrEqual(2 * 4); // react, react-dom, react-dom/client, scheduler at least
    const module = await import(`data:text/javascript;base64,${Buffer.from(marked).toString('base64')}`);
    expect(typeof module.createRoot).toBe('function');
    expect(module.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('a build', () => {
  it('leaves no module factory bare in its chunks (the fallbacks\' pass and the app\'s own)', async () => {
    const shell = await buildIsolated(join(shop, 'shell'), (config) => void (config.dts = false));
    const files = readdirSync(shell.outDir).filter((f) => f.endsWith('.js'));
    for (const file of files) {
      const code = readFileSync(join(shell.outDir, file), 'utf8');
      expect(await markEagerFactories(code) === code, `${file}: nothing left to mark`).toBe(true);
    }
    const reactDom = readFileSync(join(shell.outDir, files.find((f) => f.startsWith('react-dom-'))!), 'utf8');
    expect(reactDom.match(/;var [\w$]+=[\w$]+\(\(function\(/g)?.length, 'react-dom\'s factories, marked').toBeGreaterThanOrEqual(4);
  });

  it('with source maps marks its factories too, and the maps still point each token to its source', async () => {
    const shell = await buildIsolated(join(shop, 'shell'), (config) => {
      config.dts = false;
      config.sourcemap = true;
    });
    const reactDom = readdirSync(shell.outDir).find((f) => f.startsWith('react-dom-') && f.endsWith('.js'))!;
    const code = readFileSync(join(shell.outDir, reactDom), 'utf8');
    expect((await markEagerFactories(code)) === code, 'nothing left to mark').toBe(true);
    expect(code.match(/;var [\w$]+=[\w$]+\(\(function\(/g)?.length).toBeGreaterThanOrEqual(4);
    const map = new TraceMap(readFileSync(join(shell.outDir, `${reactDom}.map`), 'utf8'));
    const tokens = [...code.matchAll(/Symbol\.for\("react\./g)];
    expect(tokens.length).toBeGreaterThan(10);
    for (const { index } of tokens) {
      const original = originalPositionFor(map, positionOf(code, index));
      const source = map.sourcesContent![map.resolvedSources.indexOf(original.source!)]!;
      expect(source.split('\n')[original.line! - 1]!.slice(original.column!), `${reactDom} at ${index}`).toMatch(/^Symbol\.for\(["']react\./);
    }
  });
});

/** Line (1-based) and column (0-based) of `offset` in `code`. */
function positionOf(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart };
}

describe('markEagerFactoriesIn', () => {
  for (const sourcemap of ['external', 'inline'] as const) {
    it(`shifts a ${sourcemap} source map with the code: every token maps where it did before`, async () => {
      const result = await build({
        entryPoints: { chunk: 'react-dom/client' }, outdir: '/out', absWorkingDir: join(shop, 'shell'),
        bundle: true, minify: true, format: 'esm', write: false, platform: 'neutral', mainFields: ['main'], sourcemap,
        define: { 'process.env.NODE_ENV': '"production"' },
      });
      const files = new Map(result.outputFiles.map((file) => [file.path.slice('/out/'.length), file.text]));
      const before = new Map(files);
      await markEagerFactoriesIn({ read: (path) => files.get(path)!, write: (path, text) => void files.set(path, text), remove: (path) => void files.delete(path), has: (path) => files.has(path) }, [...files.keys()]);
      const mapOf = (all: Map<string, string>) => new TraceMap(sourcemap === 'external'
        ? all.get('chunk.js.map')!
        : Buffer.from(/base64,([A-Za-z0-9+/=]+)\s*$/.exec(all.get('chunk.js')!)![1]!, 'base64').toString('utf8'));
      const [oldCode, newCode] = [before.get('chunk.js')!, files.get('chunk.js')!];
      expect(newCode).not.toBe(oldCode);
      const [oldMap, newMap] = [mapOf(before), mapOf(files)];
      const oldTokens = [...oldCode.matchAll(/Symbol\.for\(|\.exports=|function [\w$]+\(/g)];
      const newTokens = [...newCode.matchAll(/Symbol\.for\(|\.exports=|function [\w$]+\(/g)];
      expect(newTokens.length).toBe(oldTokens.length);
      expect(oldTokens.length).toBeGreaterThan(100);
      for (const [i, { index }] of oldTokens.entries()) {
        expect(originalPositionFor(newMap, positionOf(newCode, newTokens[i]!.index)), `token ${i}`).toEqual(originalPositionFor(oldMap, positionOf(oldCode, index)));
      }
    });
  }
});
