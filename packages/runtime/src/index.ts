import { FederationError } from './errors.js';
import { createInstance, type FederationRuntime, type InitOptions } from './federation-instance.js';
import type { FederationInfo } from './federation-info.js';
import { tesseraGlobal, type RuntimeExports } from './global.js';
import type { RemotesInput } from './remote-options.js';
import type { ModuleExports } from './types.js';

export { FederationError, isFederationError, type FederationErrorCode } from './errors.js';
export {
  createInstance, type FederationInstance, type EmittedCodeApi, type FederationRuntime, type InitOptions, type ChunkRequirements,
} from './federation-instance.js';
export { createContainer, toWebpackExports } from './container.js';
export { selectShared, type ConsumeRule, type Selection } from './select-version.js';
export { registerShared } from './share-scope.js';
export { readManifest, type ManifestEntry } from './manifest.js';
export { satisfies, compareVersions, versionLt, parseVersion } from './semver.js';
export type { FederationPlugin, LoadLifecycle } from './hooks.js';
export type {
  FederationInfo, ShareConsumption, ShareRule, RemoteStatusInfo, RemoteStatus, SharedModuleInfo, SharedVersionInfo, LoadStep, IntegrityResult, InstanceInfoSource,
} from './federation-info.js';
export { PROTOCOL } from './protocol.js';
export type { TesseraGlobal, RuntimeExports } from './global.js';
export type { RemoteInput, RemotesInput, RemoteInfo, RemoteEntryType, NetworkOptions } from './remote-options.js';
export type { SharedInput } from './shared-options.js';
export type { Container, ShareScope, SharedVersionEntry, ModuleFactory, ModuleExports, ShareStrategy } from './types.js';

let current: FederationRuntime | undefined;

/**
 * Creates this app's runtime (or, called again with the same name, adds to it) and makes it the
 * one the functions below use. The Tessera build calls it for you with the options of
 * `federation.config.ts`; call it yourself for runtime-only federation. A second call replaces the
 * network options (`timeout`, `retries`, `shareInitTimeout`) and adds the rest. Returns the
 * instance with the members build-emitted code calls (`EmittedCodeApi`).
 */
export function init(options: InitOptions): FederationRuntime {
  if (current && current.name === options?.name) current.initOptions(options);
  else current = createInstance(options);
  return current;
}

/**
 * Offers this copy of the runtime (`exports`: its module namespace, as the caller imported it) to the
 * page, as `globalThis.__TESSERA__.runtime`, unless the page has one of the same protocol already, and
 * returns the one the page's apps share (this copy when the page's registry has another protocol).
 * Build-emitted entries call it with the copy they bundle or had to import.
 */
export function joinPage(exports: RuntimeExports): RuntimeExports {
  const g = tesseraGlobal();
  if ((globalThis as { __TESSERA__?: unknown }).__TESSERA__ !== g) return exports;
  return (g.runtime ??= exports);
}

function instance(): FederationRuntime {
  if (!current) throw new FederationError('TESSERA_INVALID_OPTIONS', 'Call init() first');
  return current;
}

/**
 * The remote modules the type checker knows, by id. Empty until `tessera types` writes
 * `.tessera/types/remotes.d.ts`, which adds every exposed module of the app's remotes:
 * `'catalog/ProductList': typeof import('catalog/ProductList')`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface RemoteModules {}

/** Ids `loadRemote` accepts: the known remote modules, or any string while none are known. */
export type RemoteModuleId = [keyof RemoteModules] extends [never] ? string : keyof RemoteModules & string;

/** The exports of a remote module by id (unknown while no types are known). */
export type RemoteModule<Id extends string> = Id extends keyof RemoteModules ? RemoteModules[Id] : unknown;

/**
 * See `FederationInstance.loadRemote`. With the remotes' types (`tessera types`), the result is
 * typed by id and an unknown id is a type error; `loadRemote<T>(id)` states the type by hand.
 */
export function loadRemote<Id extends RemoteModuleId>(id: Id): Promise<RemoteModule<Id>>;
export function loadRemote<T>(id: RemoteModuleId): Promise<T>;
export function loadRemote(id: string): Promise<unknown> {
  return instance().loadRemote(id);
}

/** See `FederationInstance.loadedRemote`. */
export function loadedRemote<Id extends RemoteModuleId>(id: Id): RemoteModule<Id> | undefined;
export function loadedRemote<T>(id: RemoteModuleId): T | undefined;
export function loadedRemote(id: string): unknown {
  return current?.loadedRemote(id);
}

/** See `FederationInstance.loadShare`. */
export function loadShare<T = ModuleExports>(key: string, options?: { shareScope?: string }): Promise<() => T> {
  return instance().loadShare<T>(key, options);
}

/** See `FederationInstance.registerRemotes`. */
export function registerRemotes(remotes: RemotesInput, options?: { force?: boolean }): void {
  instance().registerRemotes(remotes, options);
}

/** See `FederationInstance.unloadRemote`. */
export function unloadRemote(name: string): boolean {
  return instance().unloadRemote(name);
}

/** See `FederationInstance.preloadRemote`. */
export function preloadRemote(requests: { nameOrAlias: string; exposes?: string[] }[]): Promise<void> {
  return instance().preloadRemote(requests);
}

/**
 * What federation did on this page, across every app's runtime: for each shared module the
 * registered versions (who provided them, loaded or not) and which version each consumer got
 * and why; for each remote its URL, status and load time in ms. Same as
 * `globalThis.__TESSERA__.getFederationInfo()`.
 */
export function getFederationInfo(): FederationInfo {
  return tesseraGlobal().getFederationInfo();
}
