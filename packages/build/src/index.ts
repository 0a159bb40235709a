export { defineConfig, resolveConfig, type FederationConfig, type SharedConfig, type ResolvedConfig } from './config.js';
export { loadConfig } from './load-config.js';
export { buildApp, type BuildReport, type OutputFile } from './build.js';
export { watchApp, type WatchOptions } from './watch.js';
export { buildApps, findApps, type AppsBuild } from './build-apps.js';
export { runtimeSize } from './runtime-size.js';
export { cachedRuntimeSize } from './runtime-size-cache.js';
export type { FederationManifest } from './manifest.js';
export { emitDeclarations, type DeclarationsResult } from './declarations.js';
export { isolatedDeclarations, type IsolatedDeclarationProblem } from './isolated-declarations.js';
export { typescriptDeclarations } from './typescript-declarations.js';
export { fetchRemoteTypes, HOST_TYPES_DIR, type RemoteTypes } from './remote-types.js';
export { checkHost, type BrokenUse, type CheckResult } from './check-host.js';
export { findInstalledPackage, packageNameOf } from './installed-package.js';
// The pieces `tessera dev` composes into its development build.
export { buildOptions } from './build.js';
export { finishBuild } from './finish-build.js';
export { scanShareKeys, type ShareKey } from './scan.js';
export { esbuildFailure } from './build-error.js';
