export { defineConfig, resolveConfig, type FederationConfig, type SharedConfig, type ResolvedConfig } from './config.js';
export { loadConfig } from './load-config.js';
export { buildApp, watchApp, type BuildReport, type OutputFile } from './build.js';
export { runtimeSize } from './runtime-size.js';
export type { FederationManifest } from './manifest.js';
