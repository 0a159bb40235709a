import { FederationError, isFederationError } from './errors.js';
import type { RemoteStatusInfo, ShareConsumption, InstanceInfoSource } from './federation-info.js';
import { firstResult, waterfall, type FederationPlugin, type LoadLifecycle } from './hooks.js';
import { loadContainer } from './load-container.js';
import { loadStylesheet, preloadModule } from './load-stylesheet.js';
import { readManifest } from './manifest.js';
import { normalizeRemotes, type RemoteInfo, type RemotesInput } from './remote-options.js';
import { selectShared, type ConsumeRule, type Selection } from './select-version.js';
import { registerShared } from './share-scope.js';
import { normalizeShared, type ResolvedShared, type SharedInput } from './shared-options.js';
import { tesseraGlobal } from './global.js';
import type { Container, ModuleExports, ModuleFactory, ShareScope, ShareStrategy } from './types.js';

/** Options of `init` / `createInstance`. */
export interface InitOptions {
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
   * warned about and skipped. 'loaded-first': remotes load only when asked for, and versions
   * already loaded are preferred.
   */
  shareStrategy?: ShareStrategy;
  plugins?: FederationPlugin[];
  /** How long a remote entry may take to load, in ms. Default 30000. */
  remoteTimeout?: number;
  /**
   * 'version-first' start-up waits at most this long, in ms, for each remote entry before it goes
   * on without that remote's versions (a slow remote must not hold the host back). Default 5000.
   */
  shareInitTimeout?: number;
}

/** Files a chunk needs before it runs, as the build records them. */
export interface ChunkRequirements {
  /** Share keys the chunk's code consumes synchronously. */
  shares?: string[];
  /** Remote module ids it imports statically ('catalog/ProductList'). */
  remotes?: string[];
  /** Stylesheets (relative to the entry's URL). */
  css?: string[];
  /** The chunk's own JavaScript files and those they import statically (relative to the entry's URL): fetched early. */
  js?: string[];
}

interface RemoteState {
  info: RemoteInfo;
  status: RemoteStatusInfo['status'];
  url?: string;
  loadTimeMs?: number;
  error?: FederationError;
  container?: Promise<Container>;
}

/** One app's federation runtime: its share scopes, remotes, and what it consumed. */
export interface FederationInstance {
  readonly name: string;
  readonly shareScopes: Record<string, ShareScope>;
  /** Adds remotes, shared modules and plugins (a second `init` of the same app). */
  initOptions(options: Partial<InitOptions>): void;
  /**
   * Loads an exposed module by id: '<remote name or alias>/<exposed path>', e.g.
   * 'catalog/ProductList' → container 'catalog', `get('./ProductList')`. Resolves to the module's
   * exports. Errors (after the `errorLoadRemote` hook declined to give a fallback):
   * TESSERA_REMOTE_NOT_FOUND, TESSERA_REMOTE_LOAD_FAILED, TESSERA_REMOTE_TIMEOUT,
   * TESSERA_REMOTE_INVALID_CONTAINER, TESSERA_MANIFEST_FETCH_FAILED, TESSERA_MANIFEST_INVALID,
   * TESSERA_EXPOSE_NOT_FOUND, TESSERA_EXPOSE_LOAD_FAILED, TESSERA_SHARE_SCOPE_CONFLICT.
   */
  loadRemote<T = ModuleExports>(id: string): Promise<T>;
  /**
   * Negotiates a shared module (see `selectShared`) and resolves to its factory. Initialises the
   * share scope first. Errors: TESSERA_SHARE_NOT_FOUND, TESSERA_SHARE_VERSION_UNSATISFIED.
   */
  loadShare<T = ModuleExports>(key: string, options?: { shareScope?: string }): Promise<() => T>;
  /** Adds remotes; an existing name is kept unless `force`, which also drops its loaded container. */
  registerRemotes(remotes: RemotesInput, options?: { force?: boolean }): void;
  /** Loads remote entries (and, if named, exposed modules) ahead of use. Never rejects: failures are recorded in the federation info. */
  preloadRemote(requests: { nameOrAlias: string; exposes?: string[] }[]): Promise<void>;
  /** Registers own provided modules and (version-first) initialises the remotes of a share scope. Memoised per scope. */
  initShareScope(scopeName?: string, initScope?: unknown[]): Promise<void>;
  /** The container protocol's `init`, as this app's remote entry exports it. Throws TESSERA_SHARE_SCOPE_CONFLICT when called again with another scope object. */
  initContainer(shareScope: ShareScope, initScope?: unknown[]): Promise<void>;
  /** Build-emitted code: what each chunk needs, and the URL its stylesheets are relative to. */
  registerChunks(chunks: Record<string, ChunkRequirements>, baseUrl: string): void;
  /** Build-emitted code: loads what chunk `id` needs (shares, remote modules, CSS), then runs `load`; its files download meanwhile. */
  loadChunk<T>(id: string, load: () => Promise<T>): Promise<T>;
  /** Build-emitted code: starts downloading chunk `id`'s files and stylesheets, runs nothing. */
  prefetchChunk(id: string): void;
  /** Build-emitted code: the shared module a chunk consumes synchronously. Throws TESSERA_SHARE_NOT_LOADED if not loaded yet. */
  consumed(key: string): ModuleExports;
  /** Build-emitted code: a remote module a chunk imports statically, loaded by `loadChunk`. */
  consumedRemote(id: string): ModuleExports;
  readonly plugins: FederationPlugin[];
}

/**
 * Creates one app's runtime and registers it on `globalThis.__TESSERA__`.
 * Throws TESSERA_INVALID_OPTIONS for a missing name, a remote without entry, a provided shared
 * module without version.
 */
export function createInstance(options: InitOptions): FederationInstance {
  if (!options || typeof options.name !== 'string' || !options.name) {
    throw new FederationError('TESSERA_INVALID_OPTIONS', 'init() needs a `name`: this app\'s container name');
  }
  const name = options.name;
  const defaultScope = options.shareScope ?? 'default';
  const strategy: ShareStrategy = options.shareStrategy ?? 'version-first';
  const timeoutMs = options.remoteTimeout ?? 30_000;
  const shareInitTimeoutMs = options.shareInitTimeout ?? 5_000;
  const plugins: FederationPlugin[] = [];
  const remotes = new Map<string, RemoteState>();
  const shared = new Map<string, ResolvedShared>();
  const shareScopes: Record<string, ShareScope> = {};
  const initTokens: Record<string, object> = {};
  const initPromises: Record<string, Promise<void>> = {};
  const factories = new Map<string, Promise<ModuleFactory>>();
  const modules = new Map<string, ModuleExports>();
  const loadingModules = new Map<string, Promise<void>>();
  const remoteModules = new Map<string, ModuleExports>();
  const consumptions: ShareConsumption[] = [];
  const chunks: Record<string, ChunkRequirements> = {};
  let chunkBase = '';

  function initOptions(more: Partial<InitOptions>): void {
    if (more.plugins) for (const p of more.plugins) if (!plugins.some((q) => q.name === p.name)) plugins.push(p);
    for (const [key, input] of Object.entries(more.shared ?? {})) {
      const resolved = normalizeShared(key, input, defaultScope);
      shared.set(key, resolved);
      const scope = shareScopes[resolved.shareScope];
      if (scope) provide(scope, resolved);
    }
    if (more.remotes) registerRemotes(more.remotes);
  }

  function provide(scope: ShareScope, s: ResolvedShared): void {
    if (s.provide && s.version) registerShared(scope, s.key, s.version, { get: s.provide, eager: s.eager }, name);
  }

  /** The scope object by name, created with this app's provided modules on first use. */
  function scopeFor(scopeName: string): ShareScope {
    let scope = shareScopes[scopeName];
    if (!scope) {
      scope = shareScopes[scopeName] = {};
      for (const s of shared.values()) if (s.shareScope === scopeName) provide(scope, s);
    }
    return scope;
  }

  function registerRemotes(input: RemotesInput, { force = false }: { force?: boolean } = {}): void {
    for (const info of normalizeRemotes(input, defaultScope)) {
      const existing = remotes.get(info.name);
      if (existing && !force) {
        if (existing.info.entry !== info.entry) {
          console.warn(new FederationError('TESSERA_REMOTE_CONFLICT', `Remote "${info.name}" is already registered with ${existing.info.entry}; kept it`, {
            remote: info.name, url: info.entry, hint: 'Pass { force: true } to registerRemotes to replace it',
          }).message);
        }
        continue;
      }
      for (const id of [...remoteModules.keys()]) if (id.startsWith(`${info.name}/`)) remoteModules.delete(id);
      remotes.set(info.name, { info, status: 'registered' });
    }
  }

  function findRemote(id: string): { state: RemoteState; expose: string } | undefined {
    let best: { state: RemoteState; expose: string; length: number } | undefined;
    for (const state of remotes.values()) {
      for (const prefix of [state.info.name, state.info.alias]) {
        if (!prefix || !(id === prefix || id.startsWith(`${prefix}/`))) continue;
        if (!best || prefix.length > best.length) {
          best = { state, expose: id === prefix ? '.' : `./${id.slice(prefix.length + 1)}`, length: prefix.length };
        }
      }
    }
    return best;
  }

  async function fetchManifest(state: RemoteState) {
    const url = state.info.entry;
    const details = { remote: state.info.name, url };
    let json: unknown;
    try {
      const response = await (firstResult<Promise<Response>>(plugins, 'fetch', url, {}) ?? fetch(url));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      json = await response.json();
    } catch (cause) {
      throw new FederationError('TESSERA_MANIFEST_FETCH_FAILED', `Could not fetch the manifest: ${(cause as Error)?.message ?? cause}`, {
        ...details, cause, hint: 'Check that the remote is deployed and reachable from this page (URL, CORS, server up)',
      });
    }
    return readManifest(json, url, state.info.name);
  }

  /** Loads and initialises a remote's container once; a failure is recorded and retried on the next call. */
  function ensureContainer(state: RemoteState, initScope: unknown[] = []): Promise<Container> {
    if (state.container) return state.container;
    const started = now();
    state.status = 'loading';
    state.error = undefined;
    const loading = (async () => {
      const { info } = state;
      const entry = info.manifest
        ? await fetchManifest(state)
        : { url: info.entry, type: info.type, globalName: info.entryGlobalName };
      state.url = entry.url;
      const container = await loadContainer(info, entry, plugins, timeoutMs);
      try {
        await container.init(scopeFor(info.shareScope), initScope);
      } catch (cause) {
        if (isFederationError(cause)) throw cause;
        throw new FederationError('TESSERA_REMOTE_LOAD_FAILED', `The container's init failed: ${(cause as Error)?.message ?? cause}`, {
          remote: info.name, url: entry.url, cause,
        });
      }
      state.status = 'loaded';
      state.loadTimeMs = Math.round((now() - started) * 10) / 10;
      return container;
    })();
    state.container = loading;
    loading.catch((error: FederationError) => {
      state.status = 'error';
      state.error = error;
      state.loadTimeMs = Math.round((now() - started) * 10) / 10;
      if (state.container === loading) state.container = undefined;
    });
    return loading;
  }

  async function loadRemote<T>(requestId: string): Promise<T> {
    let id = requestId;
    let found: ReturnType<typeof findRemote>;
    let lifecycle: LoadLifecycle = 'beforeRequest';
    try {
      ({ id } = await waterfall(plugins, 'beforeRequest', { id }));
      found = findRemote(id);
      if (!found) {
        throw new FederationError('TESSERA_REMOTE_NOT_FOUND', `No remote is registered for "${id}"`, {
          hint: `Register it with init({ remotes }) or registerRemotes(); known remotes: ${[...remotes.keys()].join(', ') || 'none'}`,
        });
      }
      const { state, expose } = found;
      await waterfall(plugins, 'afterResolve', { id, remote: state.info, expose });
      lifecycle = 'loadEntry';
      await initShareScope(state.info.shareScope);
      const container = await ensureContainer(state);
      lifecycle = 'getExpose';
      let factory: ModuleFactory;
      try {
        factory = await container.get(expose);
      } catch (cause) {
        if (isFederationError(cause)) throw cause;
        const missing = /does not exist in container|not exist|unknown/i.test(String((cause as Error)?.message));
        throw new FederationError(
          missing ? 'TESSERA_EXPOSE_NOT_FOUND' : 'TESSERA_EXPOSE_LOAD_FAILED',
          missing ? `The remote does not expose "${expose}"` : `Loading "${expose}" failed: ${(cause as Error)?.message ?? cause}`,
          { remote: state.info.name, url: state.url, cause },
        );
      }
      lifecycle = 'afterLoad';
      let module = factory();
      for (const plugin of plugins) {
        const replacement = await plugin.onLoad?.({ id, remote: state.info, expose, module });
        if (replacement !== undefined) module = replacement;
      }
      return module as T;
    } catch (cause) {
      const remote = found?.state.info;
      const error = isFederationError(cause)
        ? cause
        : new FederationError('TESSERA_REMOTE_LOAD_FAILED', String((cause as Error)?.message ?? cause), {
            remote: remote?.name, url: found?.state.url ?? remote?.entry, cause,
          });
      for (const plugin of plugins) {
        const fallback = await plugin.errorLoadRemote?.({ id, error, remote, lifecycle });
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
      scopeFor(scopeName);
      if (strategy !== 'version-first') return;
      await Promise.all(
        [...remotes.values()]
          .filter((state) => state.info.shareScope === scopeName)
          .map((state) => {
            let timer: ReturnType<typeof setTimeout> | undefined;
            const slow = new Promise<void>((resolve) => {
              timer = setTimeout(() => {
                console.warn(`Remote "${state.info.name}" is slow: start-up goes on without its shared versions after ${shareInitTimeoutMs} ms`);
                resolve();
              }, shareInitTimeoutMs);
            });
            const init = ensureContainer(state, initScope).then(
              () => undefined,
              (error: Error) => console.warn(`Initialization of sharing external failed: ${error.message}`),
            );
            return Promise.race([init, slow]).finally(() => clearTimeout(timer));
          }),
      );
    })());
  }

  async function initContainer(shareScope: ShareScope, initScope: unknown[] = []): Promise<void> {
    const existing = shareScopes[defaultScope];
    if (existing && existing !== shareScope) {
      throw new FederationError('TESSERA_SHARE_SCOPE_CONFLICT', `Container "${name}" was already initialised with another share scope "${defaultScope}"`, {
        remote: name, hint: 'Load each remote entry once per page, and init it with the same share scope object',
      });
    }
    if (!existing) {
      shareScopes[defaultScope] = shareScope;
      for (const s of shared.values()) if (s.shareScope === defaultScope) provide(shareScope, s);
    }
    await initShareScope(defaultScope, initScope);
  }

  function sharedFor(key: string): ResolvedShared {
    return shared.get(key) ?? normalizeShared(key, { import: false }, defaultScope);
  }

  function negotiate(key: string, s: ResolvedShared, scopeName: string, rule: ConsumeRule): Selection {
    const scope = scopeFor(scopeName);
    const selection = selectShared(scope, scopeName, key, rule, !!s.provide);
    return firstResult<Selection>(plugins, 'resolveShare', { key, scopeName, scope, rule, selection }) ?? selection;
  }

  function record(key: string, s: ResolvedShared, scopeName: string, selection: Selection): void {
    if (selection.kind === 'error') return;
    const fromScope = selection.kind === 'scope';
    consumptions.push({
      consumer: name,
      scope: scopeName,
      key,
      version: fromScope ? selection.version : s.version ?? null,
      from: fromScope ? selection.entry.from : name,
      requiredVersion: s.rule.requiredVersion,
      singleton: s.rule.singleton,
      strictVersion: s.rule.strictVersion,
      reason: selection.reason,
      ...(fromScope && selection.warning ? { warning: selection.warning } : {}),
    });
    if (fromScope && selection.warning) console.warn(selection.warning);
  }

  function take(key: string, s: ResolvedShared, scopeName: string, selection: Selection): Promise<ModuleFactory> | ModuleFactory {
    record(key, s, scopeName, selection);
    if (selection.kind === 'error') {
      throw new FederationError(selection.code, selection.message, {
        remote: name,
        hint: selection.code === 'TESSERA_SHARE_NOT_FOUND'
          ? 'Provide it from the host or a remote, or drop `import: false`'
          : 'Align the versions, or relax `requiredVersion` / `strictVersion`',
      });
    }
    if (selection.kind === 'fallback') return s.provide!();
    selection.entry.loaded = 1;
    return selection.entry.get();
  }

  function loadShare<T>(key: string, { shareScope }: { shareScope?: string } = {}): Promise<() => T> {
    const s = sharedFor(key);
    const scopeName = shareScope ?? s.shareScope;
    const cacheKey = `${scopeName}\0${key}`;
    let factory = factories.get(cacheKey);
    if (!factory) {
      const rule: ConsumeRule = { ...s.rule, strategy };
      factory = (async () => {
        await initShareScope(scopeName);
        await waterfall(plugins, 'beforeLoadShare', { key, scopeName, rule });
        return take(key, s, scopeName, negotiate(key, s, scopeName, rule));
      })();
      factories.set(cacheKey, factory);
      factory.catch(() => factories.delete(cacheKey));
    }
    return factory as Promise<() => T>;
  }

  function ensureModule(key: string): Promise<void> {
    let loading = loadingModules.get(key);
    if (!loading) {
      loading = loadShare(key).then((factory) => void modules.set(key, factory()));
      loadingModules.set(key, loading);
      loading.catch(() => loadingModules.delete(key));
    }
    return loading;
  }

  function consumed(key: string): ModuleExports {
    if (modules.has(key)) return modules.get(key);
    const s = sharedFor(key);
    if (s.eager) {
      // webpack's "initialConsumes": an eager consumer negotiates synchronously among eager versions.
      const selection = negotiate(key, s, s.shareScope, { ...s.rule, eager: true, strategy });
      const factory = take(key, s, s.shareScope, selection);
      if (typeof factory === 'function') {
        const module = (factory as ModuleFactory)();
        modules.set(key, module);
        return module;
      }
    }
    throw new FederationError('TESSERA_SHARE_NOT_LOADED', `Shared module ${key} is not available for eager consumption`, {
      remote: name,
      hint: 'Import it only from code behind the async boundary (the build adds one to the entry), or mark it `eager: true`',
    });
  }

  function consumedRemote(id: string): ModuleExports {
    if (!remoteModules.has(id)) {
      throw new FederationError('TESSERA_REMOTE_NOT_FOUND', `Remote module "${id}" was imported before it was loaded`, {
        hint: 'Import remote modules from code behind the async boundary, or use loadRemote()',
      });
    }
    return remoteModules.get(id);
  }

  function prefetchChunk(id: string): void {
    const needs = chunks[id];
    for (const href of needs?.js ?? []) preloadModule(new URL(href, chunkBase).href);
    for (const href of needs?.css ?? []) void loadStylesheet(new URL(href, chunkBase).href);
  }

  function loadChunk<T>(id: string, load: () => Promise<T>): Promise<T> {
    const needs = chunks[id] ?? {};
    prefetchChunk(id);
    return Promise.all([
      ...(needs.shares ?? []).map(ensureModule),
      ...(needs.remotes ?? []).map((remoteId) => loadRemote(remoteId).then((m) => void remoteModules.set(remoteId, m))),
      ...(needs.css ?? []).map((href) => loadStylesheet(new URL(href, chunkBase).href)),
    ]).then(load);
  }

  async function preloadRemote(requests: { nameOrAlias: string; exposes?: string[] }[]): Promise<void> {
    await Promise.all(
      requests.map(async ({ nameOrAlias, exposes = [] }) => {
        const found = findRemote(nameOrAlias);
        if (!found) return;
        try {
          await initShareScope(found.state.info.shareScope);
          const container = await ensureContainer(found.state);
          await Promise.all(exposes.map((expose) => container.get(expose.startsWith('./') ? expose : `./${expose}`)));
        } catch {
          // recorded in the remote's status; loadRemote reports it when the module is asked for
        }
      }),
    );
  }

  const instance: FederationInstance & InstanceInfoSource = {
    name,
    shareScopes,
    plugins,
    initOptions,
    loadRemote,
    loadShare,
    registerRemotes,
    preloadRemote,
    initShareScope,
    initContainer,
    registerChunks(more, baseUrl) {
      Object.assign(chunks, more);
      chunkBase = baseUrl;
    },
    loadChunk,
    prefetchChunk,
    consumed,
    consumedRemote,
    consumptions: () => consumptions.slice(),
    remoteStatuses: () =>
      [...remotes.values()].map(({ info, status, url, loadTimeMs, error }) => ({
        host: name,
        name: info.name,
        ...(info.alias ? { alias: info.alias } : {}),
        entry: info.entry,
        ...(url ? { url } : {}),
        type: info.type,
        status,
        ...(loadTimeMs !== undefined ? { loadTimeMs } : {}),
        ...(error ? { error: { code: error.code, message: error.message } } : {}),
      })),
  };
  initOptions(options);
  tesseraGlobal().instances.push(instance);
  return instance;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
