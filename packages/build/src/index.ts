export { defineConfig, resolveConfig, type FederationConfig, type SharedConfig, type ResolvedConfig } from './config.js';
export { loadConfig } from './load-config.js';
export { buildApp, watchApp, type BuildReport, type OutputFile } from './build.js';
export { runtimeSize } from './runtime-size.js';
export type { FederationManifest } from './manifest.js';
export { emitDeclarations } from './declarations.js';
export { fetchRemoteTypes, HOST_TYPES_DIR, type RemoteTypes } from './remote-types.js';
export { checkHost, type BrokenUse, type CheckResult } from './check-host.js';
export { findInstalledPackage, packageNameOf } from './installed-package.js';
// The pieces `tessera dev` composes into its development build.
export { buildOptions } from './build.js';
export { finishBuild } from './finish-build.js';
export { scanShareKeys, type ShareKey } from './scan.js';
export { esbuildFailure } from './build-error.js';
