// Declarations of the shop's exposed modules (catalog's ProductList and products, cart's
// CartSummary), by the three emitters Tessera could use: oxc's isolatedDeclaration (what
// `tessera build` uses, on libuv's threads), TypeScript's transpileDeclaration (the same
// isolated-declarations rules, in TypeScript's own parser and printer, synchronous), and the full
// TypeScript compiler (a program with type checking, `types: []`; Tessera's fallback, in a worker).
// In this process, warm: each emitter's module is imported first (import time reported apart), then
// the median of `rounds` emits of both apps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './measure.js';

const shop = join(import.meta.dirname, '..', 'examples', 'shop');
const apps = { catalog: { './ProductList': join(shop, 'catalog', 'src', 'ProductList.tsx') }, cart: { './CartSummary': join(shop, 'cart', 'src', 'CartSummary.tsx') } };

async function timed(run, rounds) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function declarations({ quick }) {
  let started = performance.now();
  const { isolatedDeclarations, typescriptDeclarations } = await import('@tessera/build');
  await import('oxc-transform');
  const oxcImportMs = performance.now() - started;
  started = performance.now();
  const { default: ts } = await import('typescript');
  const typescriptImportMs = performance.now() - started;

  const sources = [join(shop, 'catalog', 'src', 'ProductList.tsx'), join(shop, 'catalog', 'src', 'products.ts'), join(shop, 'cart', 'src', 'CartSummary.tsx')]
    .map((file) => [file, readFileSync(file, 'utf8')]);
  const rounds = quick ? 5 : 30;
  // A fresh cache each time: every file emitted again (the watch cache would skip unchanged ones).
  const oxcMs = await timed(() => Promise.all(Object.entries(apps).map(([app, exposes]) => isolatedDeclarations(join(shop, app), exposes, new Map()))), rounds);
  const transpileMs = await timed(() => {
    for (const [fileName, text] of sources) ts.transpileDeclaration(text, { fileName, compilerOptions: { jsx: ts.JsxEmit.ReactJSX } });
  }, rounds);
  // Seconds a run: left out of quick mode (the smoke test).
  const compilerMs = quick ? undefined : await timed(() => {
    for (const [app, exposes] of Object.entries(apps)) typescriptDeclarations({ root: join(shop, app), exposes });
  }, 3);
  return {
    oxcImportMs, typescriptImportMs, oxcMs, transpileMs, compilerMs,
    // emitter's time ÷ oxc's: above 1, oxc is faster.
    ratioToOxc: { transpile: transpileMs / oxcMs, ...(compilerMs === undefined ? {} : { compiler: compilerMs / oxcMs }) },
  };
}
