import { createChunkLoader, type ChunkRequirements } from './chunk-loading.js';
import { FederationError, isFederationError, wrapError } from './errors.js';
import type { InstanceInfoSource, RemoteStatusInfo } from './federation-info.js';
import { recordStep } from './recorded-info.js';
import type { NetworkPolicy } from './fetch-with-retry.js';
import { tesseraGlobal } from './global.js';
import { callHook, waterfall, type FederationPlugin, type LoadLifecycle } from './hooks.js';
import { ensureContainer, initRemote, preloadExpose, type RemoteLoadContext } from './load-remote.js';
import { networkOptions, type NetworkOptions, type RemotesInput } from './remote-options.js';
import { createRemoteRegistry, type RemoteState } from './remote-registry.js';
import { createShareNegotiation } from './share-negotiation.js';
import type { SharedInput } from './shared-options.js';
import type { Container, ModuleExports, ShareScope, ShareStrategy } from './types.js';

export type { ChunkRequirements } from './chunk-loading.js';

/** Options of `init` / `createInstance`. Network options apply to every remote unless the remote sets its own. */
export interface InitOptions extends NetworkOptions {
  /** This app's container name (webpack's `name`), e.g. 'shell'. */
  name: string;
  remotes?: RemotesInput;
  /** Shared modules by share key: 'react', 'react-dom/client'. */
  shared?: Record<string, SharedInput>;
  /** Default share scope of this app and of its remotes. Default 'default'. */
  shareScope?: string;
  /**
   * 'version-first' (default, webpack's behaviour): initialising a share scope loads every remote
   * entry of that scope first, so the highest versions are known; a remote that fails to load is
   * warned about and skipped. A Tessera remote's manifest stands in for its entry (its offers, see
   * share-offers.ts): the scope is initialised once the manifests are read. 'loaded-first': remotes load only when asked for, and versions
   * already loaded are preferred.
   */
  shareStrategy?: ShareStrategy;
  plugins?: FederationPlugin[];
  /**
   * Verify the remote entry, chunks and stylesheets of manifest-loaded remotes against the
   * SHA-384 hashes in their manifest before any of it runs (browsers; see docs/errors.md,
   * TESSERA_INTEGRITY_FAILED). Default true; `false` opts out (e.g. a CDN that rewrites files).
   */
  integrity?: boolean;
  /** CSP nonce set on every element the runtime adds to the page (import maps, scripts, stylesheets, preloads). */
  nonce?: string;
  /**
   * Remotes' `mf-manifest.json` as a build read them (`snapshot: true` in federation.config.ts), by
   * manifest URL: the first load of such a remote reads its manifest from here instead of the
   * network, checked as a fetched one is. A load that fails with it (the remote was redeployed:
   * integrity, a new entry or new shared versions) fetches the manifest once and tries again.
   */
  snapshot?: Record<string, unknown>;
}

/** One app's federation runtime, as its users call it. */
export interface FederationInstance {
  readonly name: string;
  readonly shareScopes: Record<string, ShareScope>;
  readonly plugins: FederationPlugin[];
  /** Adds remotes, shared modules and plugins, and replaces network options (a second `init` of the same app). */
  initOptions(options: Partial<InitOptions>): void;
  /**
   * Loads an exposed module by id: '<remote name or alias>/<exposed path>', e.g.
   * 'catalog/ProductList' → container 'catalog', `get('./ProductList')`. Resolves to the module's
   * exports, kept per instance until the remote is replaced or unloaded. Errors (after the
   * `errorLoadRemote` hook declined to give a fallback): TESSERA_REMOTE_NOT_FOUND,
   * TESSERA_REMOTE_LOAD_FAILED, TESSERA_REMOTE_TIMEOUT, TESSERA_REMOTE_UNAVAILABLE,
   * TESSERA_REMOTE_INVALID_CONTAINER, TESSERA_MANIFEST_FETCH_FAILED, TESSERA_MANIFEST_INVALID,
   * TESSERA_INTEGRITY_FAILED, TESSERA_EXPOSE_NOT_FOUND, TESSERA_EXPOSE_LOAD_FAILED,
   * TESSERA_SHARE_VERSION_UNSATISFIED, TESSERA_SHARE_SCOPE_CONFLICT.
   * A call after a failure tries again (new URLs: the browser keeps failed modules per URL).
   */
  loadRemote<T = ModuleExports>(id: string): Promise<T>;
  /**
   * The module `loadRemote(id)` resolved to, when it has already loaded (and the remote was not
   * replaced or unloaded since), else undefined; never starts a load. Lets a UI render a remote
   * component without suspending when it is there already (`@tessera/react`'s RemoteComponent).
   */
  loadedRemote<T = ModuleExports>(id: string): T | undefined;
  /**
   * Negotiates a shared module (see `selectShared`) and resolves to its factory. Initialises the
   * share scope first. Errors: TESSERA_SHARE_NOT_FOUND, TESSERA_SHARE_VERSION_UNSATISFIED.
   */
  loadShare<T = ModuleExports>(key: string, options?: { shareScope?: string }): Promise<() => T>;
  /** Adds remotes; an existing name is kept unless `force`, which also drops its loaded container and modules. */
  registerRemotes(remotes: RemotesInput, options?: { force?: boolean }): void;
  /**
   * Releases a remote: forgets it and its container, drops its cached modules, stops its pending
   * timers and retries, removes the stylesheets its chunks added (tagged with its remote entry's
   * folder, whatever the host named it; remotes served from one folder share them). Returns false
   * when no remote has that name.
   */
  unloadRemote(name: string): boolean;
  /** Loads remote entries (and, if named, exposed modules) ahead of use. Never rejects: failures are recorded in the federation info. */
  preloadRemote(requests: { nameOrAlias: string; exposes?: string[] }[]): Promise<void>;
  /**
   * Registers own provided modules and (version-first) initialises the remotes of a share scope: a
   * Tessera remote's manifest offers its versions (its entry loads when needed), another's entry
   * loads and registers. Memoised per scope.
   */
  initShareScope(scopeName?: string, initScope?: unknown[]): Promise<void>;
}

/** What only build-emitted code (and `createContainer`) calls: not for apps. */
export interface EmittedCodeApi {
  /** The container protocol's `init`, as this app's remote entry exports it. Throws TESSERA_SHARE_SCOPE_CONFLICT when called again with another scope object. */
  initContainer(shareScope: ShareScope, initScope?: unknown[]): Promise<void>;
  /** What each chunk needs, and the URL its files are relative to. */
  registerChunks(chunks: Record<string, ChunkRequirements>, baseUrl: string): void;
  /** Loads what chunk `id` needs (shares, remote modules, CSS), then runs `load` (timeouts and retries as the network options say); its files download meanwhile. */
  loadChunk<T>(id: string, load: () => Promise<T>): Promise<T>;
  /** Starts downloading chunk `id`'s files and stylesheets, runs nothing. */
  prefetchChunk(id: string): void;
  /** The shared module a chunk consumes synchronously. Throws TESSERA_SHARE_NOT_LOADED if not loaded yet. */
  consumed(key: string): ModuleExports;
  /** A remote module a chunk imports statically, loaded by `loadChunk`. */
  consumedRemote(id: string): ModuleExports;
}

/** The whole runtime of one app: its users' API and what its build-emitted code calls. */
export type FederationRuntime = FederationInstance & EmittedCodeApi;

/** Errors of a remote's expose that come from the rules its entry was built with (see loadRemote). */
const RULES_OF_THE_REMOTE = new Set(['TESSERA_SHARE_VERSION_UNSATISFIED', 'TESSERA_SHARE_NOT_FOUND']);

/** Drops a loaded container and what was loaded from it, so that the next load imports its entry anew (cache-busted). */
function forgetContainer(state: RemoteState): void {
  state.container = undefined;
  state.modules.clear();
  state.failed = true;
}

const DEFAULTS: Required<NetworkOptions> = { timeout: 8000, retries: 2, shareInitTimeout: 2000 };

/**
 * Creates one app's runtime and registers it on `globalThis.__TESSERA__`.
 * Throws TESSERA_INVALID_OPTIONS for a missing name, a remote without entry, a provided shared
 * module without version, a network option that is not a number ≥ 0.
 */
export function createInstance(options: InitOptions): FederationRuntime {
  if (!options || typeof options.name != 'string' || !options.name) {
    throw new FederationError('TESSERA_INVALID_OPTIONS', 'init() needs a name');
  }
  const name = options.name;
  const defaultScope = options.shareScope ?? 'default';
  const strategy: ShareStrategy = options.shareStrategy ?? 'version-first';
  const plugins: FederationPlugin[] = [];
  const initTokens: Record<string, object> = {};
  const initPromises: Record<string, Promise<void>> = {};
  let network = DEFAULTS;
  const sharing = createShareNegotiation(name, defaultScope, strategy, plugins, (scope) => initShareScope(scope));
  const chunks = createChunkLoader(name, () => network, sharing.ensureModule, (id) => loadRemote(id));
  const remotes = createRemoteRegistry(defaultScope, chunks.dropRemote);
  const policy = (state: RemoteState): NetworkPolicy & { shareInitTimeout: number } => ({ ...network, ...state.info.network });
  const context: RemoteLoadContext = { plugins, policy, integrity: options.integrity !== false, scopeFor: sharing.scopeFor, snapshot: options.snapshot ?? {} };

  function initOptions(more: Partial<InitOptions>): void {
    network = { ...network, ...networkOptions(more, `init "${name}"`) };
    if (more.nonce) tesseraGlobal().nonce = more.nonce;
    if (more.integrity !== undefined) context.integrity = more.integrity;
    if (more.snapshot) context.snapshot = { ...context.snapshot, ...more.snapshot };
    if (more.plugins) for (const p of more.plugins) if (!plugins.some((q) => q.name === p.name)) plugins.push(p);
    for (const [key, input] of Object.entries(more.shared ?? {})) sharing.addShared(key, input);
    if (more.remotes) remotes.register(more.remotes, false);
  }

  async function getExpose(state: RemoteState, container: Container, expose: string): Promise<ModuleExports> {
    const details = { remote: state.info.name, url: state.url };
    if (state.exposes && !state.exposes.includes(expose)) {
      throw new FederationError('TESSERA_EXPOSE_NOT_FOUND', `${expose} is not exposed`, { ...details, hint: `Exposed: ${state.exposes}` });
    }
    return recordStep(state.steps ??= [], 'expose', state.url, async () => {
      let factory;
      try {
        factory = await container.get(expose);
      } catch (cause) {
        throw wrapError(cause, 'TESSERA_EXPOSE_LOAD_FAILED', `${expose}: `, details);
      }
      return factory();
    }, expose);
  }

  /** Modules loadRemote resolved to, by the id asked for; valid while the remote still holds the expose. */
  const resolved = new Map<string, { state: RemoteState; expose: string; module: unknown }>();
  function loadedRemote<T>(id: string): T | undefined {
    const found = resolved.get(id);
    return found && found.state.modules.has(found.expose) && remotes.all().includes(found.state) ? (found.module as T) : undefined;
  }

  async function loadRemote<T>(requestId: string): Promise<T> {
    let id = requestId;
    let found: ReturnType<typeof remotes.find>;
    let lifecycle: LoadLifecycle = 'beforeRequest';
    try {
      ({ id } = await waterfall(plugins, 'beforeRequest', { id }));
      found = remotes.find(id);
      if (!found) {
        throw new FederationError('TESSERA_REMOTE_NOT_FOUND', `No remote for ${id}`, { hint: `Known: ${remotes.all().map((s) => s.info.name)}` });
      }
      const { state, expose } = found;
      const details = { remote: state.info.name };
      await waterfall(plugins, 'afterResolve', { id, remote: state.info, expose }, details);
      lifecycle = 'loadEntry';
      await initShareScope(state.info.shareScope);
      const entry = ensureContainer(state, context);
      preloadExpose(state, expose, context);
      const container = await entry;
      lifecycle = 'getExpose';
      let loading = state.modules.get(expose);
      if (!loading) {
        state.modules.set(expose, (loading = getExpose(state, container, expose)));
        loading.catch(() => state.modules.get(expose) === loading && state.modules.delete(expose));
      }
      let module = await loading;
      lifecycle = 'afterLoad';
      for (const plugin of plugins) {
        const replacement = await callHook(plugin, 'onLoad', { id, remote: state.info, expose, module }, details);
        if (replacement !== undefined) module = replacement;
      }
      resolved.set(requestId, { state, expose, module });
      return module as T;
    } catch (cause) {
      const remote = found?.state.info;
      if (found && lifecycle === 'getExpose' && isFederationError(cause) && RULES_OF_THE_REMOTE.has(cause.code) && cause.remote === found.state.info.name) {
        // The remote's own registration (its shared rules, built into its entry) cannot work on this
        // page. Its container keeps those rules, so the next load imports the entry again, from a new
        // URL, after fetching its manifest again: a redeployed remote recovers without a reload.
        forgetContainer(found.state);
      }
      const error = wrapError(cause, 'TESSERA_REMOTE_LOAD_FAILED', '', { remote: remote?.name, url: found?.state.url ?? remote?.entry });
      for (const plugin of plugins) {
        const fallback = await callHook(plugin, 'errorLoadRemote', { id, error, remote, lifecycle }, { remote: error.remote, url: error.url });
        if (fallback !== undefined) return fallback as T;
      }
      throw error;
    }
  }

  function initShareScope(scopeName = defaultScope, initScope: unknown[] = []): Promise<void> {
    const token = (initTokens[scopeName] ??= {});
    if (initScope.includes(token)) return Promise.resolve();
    initScope.push(token);
    return (initPromises[scopeName] ??= (async () => {
      sharing.scopeFor(scopeName);
      if (strategy !== 'version-first') return;
      await Promise.all(remotes.all().filter((state) => state.info.shareScope === scopeName).map((state) => initRemote(state, context, initScope)));
    })());
  }

  async function initContainer(shareScope: ShareScope, initScope: unknown[] = []): Promise<void> {
    if (!sharing.adoptScope(defaultScope, shareScope)) {
      throw new FederationError('TESSERA_SHARE_SCOPE_CONFLICT', `Another scope ${defaultScope}`, { remote: name });
    }
    await initShareScope(defaultScope, initScope);
  }

  async function preloadRemote(requests: { nameOrAlias: string; exposes?: string[] }[]): Promise<void> {
    await Promise.all(
      requests.map(async ({ nameOrAlias, exposes = [] }) => {
        const found = remotes.find(nameOrAlias);
        if (!found) return;
        try {
          await initShareScope(found.state.info.shareScope);
          const container = await ensureContainer(found.state, context);
          await Promise.all(exposes.map((expose) => container.get(expose.startsWith('./') ? expose : `./${expose}`)));
        } catch {
          // recorded in the remote's status; loadRemote reports it when the module is asked for
        }
      }),
    );
  }

  const instance: FederationRuntime & InstanceInfoSource = {
    name,
    shareScopes: sharing.shareScopes,
    plugins,
    initOptions,
    loadRemote,
    loadedRemote,
    loadShare: (key, { shareScope } = {}) => sharing.loadShare(key, shareScope),
    registerRemotes: (input, { force = false } = {}) => remotes.register(input, force),
    unloadRemote: remotes.unload,
    preloadRemote,
    initShareScope,
    initContainer,
    registerChunks: chunks.registerChunks,
    loadChunk: chunks.loadChunk,
    prefetchChunk: chunks.prefetchChunk,
    consumed: sharing.consumed,
    consumedRemote: chunks.consumedRemote,
    consumptions: sharing.consumptions,
    provided: sharing.provided,
    foreignUses: sharing.foreignUses,
    // Unknown fields are undefined (absent in JSON).
    remoteStatuses: (): RemoteStatusInfo[] =>
      remotes.all().map(({ info, status, url, loadTimeMs, error, exposes, modules, retries, steps }) => ({
        host: name, name: info.name, alias: info.alias, entry: info.entry, url, type: info.type, status, loadTimeMs,
        error: error && { code: error.code, message: error.message }, exposes, loadedExposes: [...modules.keys()], retries, steps,
      })),
  };
  initOptions(options);
  tesseraGlobal().instances.push(instance);
  return instance;
}
