/**
 * `@tessera/runtime/options`: how the runtime resolves remotes and shared modules, for tools that
 * must resolve the same way (the build resolves `federation.config.ts` with these, so build and
 * runtime compute every default in one place). Not part of what apps carry.
 */
export { normalizeRemotes, type RemoteInput, type RemotesInput, type RemoteInfo, type RemoteEntryType } from './remote-options.js';
export { normalizeShared, type SharedInput, type ResolvedShared } from './shared-options.js';
export { isValidRange, parseVersion } from './semver.js';
export { readManifest, type ManifestEntry } from './manifest.js';
// The same class as the package's main entry exports (one module): tools throw it without loading the whole runtime.
export { FederationError, isFederationError } from './errors.js';
export { PROTOCOL } from './protocol.js';
