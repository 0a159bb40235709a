import { createRequire } from 'node:module';
import type * as Esbuild from 'esbuild';

/**
 * esbuild's API, loaded with `require`. esbuild ships CommonJS, and Node's ESM `import` of a
 * CommonJS module first scans its whole source for export names (cjs-module-lexer: 50-70 ms of CPU
 * for esbuild's main.js on a 2-core machine, at every start of `tessera build` or `tessera dev`);
 * `require` skips that scan. The module is the same instance an `import 'esbuild'` gets.
 */
const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;

export const { build, context, transform, transformSync, version } = esbuild;
