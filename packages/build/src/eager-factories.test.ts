import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildIsolated } from '../../../test/support/isolated-build.js';
import { markEagerFactories } from './eager-factories.js';

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

  it('with source maps leaves its factories as esbuild wrote them (the parentheses would shift the mapped columns)', async () => {
    const shell = await buildIsolated(join(shop, 'shell'), (config) => {
      config.dts = false;
      config.sourcemap = true;
    });
    const reactDom = readdirSync(shell.outDir).find((f) => f.startsWith('react-dom-') && f.endsWith('.js'))!;
    expect(bareFactory.test(readFileSync(join(shell.outDir, reactDom), 'utf8'))).toBe(true);
  });
});
