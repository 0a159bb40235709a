import { register } from 'node:module';

let registered = false;

/**
 * Lets Node `import()` ES modules from http(s) URLs, so a Node host (SSR, tests, scripts) loads
 * module remote entries and their chunks as a browser does. Uses `module.register` (Node ≥ 20.6).
 * Call once, before the first remote loads; or start Node with
 * `--import @tessera/runtime/node/register`.
 */
export function registerHttpImports(): void {
  if (registered) return;
  registered = true;
  register('./http-hooks.js', import.meta.url);
}
