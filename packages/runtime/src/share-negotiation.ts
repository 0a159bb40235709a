import { FederationError, wrapError } from './errors.js';
import type { ShareConsumption } from './federation-info.js';
import { firstResult, waterfall, type FederationPlugin } from './hooks.js';
import { selectShared, type ConsumeRule, type Selection } from './select-version.js';
import { pendingClaims } from './share-offers.js';
import { registerShared } from './share-scope.js';
import { normalizeShared, type ResolvedShared, type SharedInput } from './shared-options.js';
import type { ModuleExports, ModuleFactory, ShareScope, SharedVersionEntry, ShareStrategy } from './types.js';

/** One app's side of sharing: what it provides, its share scope objects, and which version each consumption got (its records). */
export interface ShareNegotiation {
  readonly shareScopes: Record<string, ShareScope>;
  /** Adds (or replaces) a shared module of this app; provides it at once into an existing scope. */
  addShared(key: string, input: SharedInput): void;
  /** The scope object by name, created with this app's provided modules on first use. */
  scopeFor(scopeName: string): ShareScope;
  /** Takes `scope` as scope `scopeName` (a host's, passed to this container's `init`); false if another one is there. */
  adoptScope(scopeName: string, scope: ShareScope): boolean;
  /** See `FederationInstance.loadShare`. */
  loadShare<T>(key: string, shareScope?: string): Promise<() => T>;
  /** Negotiates and evaluates a shared module once, for `consumed`. */
  ensureModule(key: string): Promise<void>;
  /** See `EmittedCodeApi.consumed`. */
  consumed(key: string): ModuleExports;
  consumptions(): ShareConsumption[];
  /** Versions this app registered (kept in the scope or not), and uses of them by non-Tessera consumers. */
  provided(): { scope: string; key: string; version: string }[];
  foreignUses(): { scope: string; key: string; version: string; caller?: string }[];
}

/**
 * `initScope(name)` initialises a share scope (with 'version-first', loads the remotes' entries)
 * before a module of it is negotiated.
 */
export function createShareNegotiation(
  name: string,
  defaultScope: string,
  strategy: ShareStrategy,
  plugins: readonly FederationPlugin[],
  initScope: (scopeName: string) => Promise<void>,
): ShareNegotiation {
  const shared = new Map<string, ResolvedShared>();
  const shareScopes: Record<string, ShareScope> = {};
  const factories = new Map<string, Promise<ModuleFactory>>();
  const modules = new Map<string, ModuleExports>();
  const loadingModules = new Map<string, Promise<void>>();
  const records: ShareConsumption[] = [];
  const provided: { scope: string; key: string; version: string }[] = [];
  const foreignUses: { scope: string; key: string; version: string; caller?: string }[] = [];

  function provide(scope: ShareScope, s: ResolvedShared): void {
    const { key, version, shareScope } = s;
    if (!s.provide || !version) return;
    if (!provided.some((p) => p.key === key && p.version === version)) provided.push({ scope: shareScope, key, version });
    // Tessera's consumers pass TAKE; any other caller (webpack's `get(entry)`) is recorded with the script that called.
    const get = (by?: unknown) => {
      if (by !== TAKE) foreignUses.push({ scope: shareScope, key, version, caller: callerUrl(new Error().stack) });
      return s.provide!();
    };
    registerShared(scope, key, version, { get, eager: s.eager }, name);
  }

  /** Takes `scope` as scope `scopeName` and provides this app's modules of that scope into it. */
  function useScope(scopeName: string, scope: ShareScope): ShareScope {
    shareScopes[scopeName] = scope;
    for (const s of shared.values()) if (s.shareScope === scopeName) provide(scope, s);
    return scope;
  }

  const scopeFor = (scopeName: string): ShareScope => shareScopes[scopeName] ?? useScope(scopeName, {});

  const sharedFor = (key: string): ResolvedShared => shared.get(key) ?? normalizeShared(key, { import: false }, defaultScope);

  function negotiate(key: string, s: ResolvedShared, scopeName: string, rule: ConsumeRule): Selection {
    const scope = scopeFor(scopeName);
    const selection = selectShared(scope, scopeName, key, rule, !!s.provide);
    const chosen = firstResult<Selection>(plugins, 'resolveShare', { remote: name }, { key, scopeName, scope, rule, selection });
    return chosen && chosen !== selection && chosen.kind === 'scope' ? { ...chosen, rule: 'plugin' } : chosen ?? selection;
  }

  function record(key: string, s: ResolvedShared, scopeName: string, selection: Selection): void {
    if (selection.kind === 'error') return;
    const fromScope = selection.kind === 'scope';
    records.push({
      consumer: name,
      scope: scopeName,
      key,
      version: fromScope ? selection.version : s.version ?? null,
      from: fromScope ? selection.entry.from : name,
      requiredVersion: s.rule.requiredVersion,
      singleton: s.rule.singleton,
      strictVersion: s.rule.strictVersion,
      runtime: 'tessera',
      rule: selection.rule ?? 'plugin',
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
        hint: selection.code === 'TESSERA_SHARE_NOT_FOUND' ? 'Provide it' : 'Align versions',
      });
    }
    const from = selection.kind === 'scope' ? selection.entry.from : name;
    // A provider's get() (another app's, maybe not Tessera's) that throws or rejects: TESSERA_SHARE_LOAD_FAILED naming it.
    const fail = (cause: unknown): never => {
      throw wrapError(cause, 'TESSERA_SHARE_LOAD_FAILED', `${key} from ${from}: `, { remote: from });
    };
    try {
      let factory;
      if (selection.kind === 'fallback') factory = s.provide!();
      else {
        selection.entry.loaded = 1;
        factory = (selection.entry.get as (by: unknown) => ReturnType<SharedVersionEntry['get']>)(TAKE);
      }
      return typeof (factory as Promise<ModuleFactory>)?.then == 'function' ? (factory as Promise<ModuleFactory>).then(undefined, fail) : factory;
    } catch (cause) {
      return fail(cause);
    }
  }

  function loadShare<T>(key: string, shareScope?: string): Promise<() => T> {
    const s = sharedFor(key);
    const scopeName = shareScope ?? s.shareScope;
    const cacheKey = `${scopeName}\0${key}`;
    let factory = factories.get(cacheKey);
    if (!factory) {
      const rule: ConsumeRule = { ...s.rule, strategy };
      factory = (async () => {
        await initScope(scopeName);
        await waterfall(plugins, 'beforeLoadShare', { key, scopeName, rule });
        // A remote still loading may have offered a version from its manifest: select again once
        // what it offered that could change this selection is registered or withdrawn (share-offers.ts).
        for (;;) {
          const selection = negotiate(key, s, scopeName, rule);
          const pending = selection.kind == 'fallback' ? 0 : pendingClaims(scopeFor(scopeName), key, selection.kind == 'scope' ? selection : undefined);
          if (!pending) return take(key, s, scopeName, selection);
          await pending;
        }
      })();
      factories.set(cacheKey, factory);
      factory.catch(() => factories.delete(cacheKey));
    }
    return factory as Promise<() => T>;
  }

  return {
    shareScopes,
    addShared(key, input) {
      const resolved = normalizeShared(key, input, defaultScope);
      shared.set(key, resolved);
      const scope = shareScopes[resolved.shareScope];
      if (scope) provide(scope, resolved);
    },
    scopeFor,
    adoptScope(scopeName, scope) {
      const existing = shareScopes[scopeName];
      return existing ? existing === scope : !!useScope(scopeName, scope);
    },
    loadShare,
    ensureModule(key) {
      let loading = loadingModules.get(key);
      if (!loading) {
        loading = loadShare(key).then((factory) => void modules.set(key, factory()));
        loadingModules.set(key, loading);
        loading.catch(() => loadingModules.delete(key));
      }
      return loading;
    },
    consumed(key) {
      if (modules.has(key)) return modules.get(key);
      const s = sharedFor(key);
      if (s.eager) {
        // webpack's "initialConsumes": an eager consumer negotiates synchronously among eager versions.
        const factory = take(key, s, s.shareScope, negotiate(key, s, s.shareScope, { ...s.rule, eager: true, strategy }));
        if (typeof factory === 'function') {
          const module = (factory as ModuleFactory)();
          modules.set(key, module);
          return module;
        }
      }
      throw new FederationError('TESSERA_SHARE_NOT_LOADED', `${key} not available for eager consumption`, { remote: name, hint: 'Import it after the async boundary' });
    },
    consumptions: () => records.slice(),
    provided: () => provided.slice(),
    foreignUses: () => foreignUses.slice(),
  };
}

/** What Tessera's consumers pass to a scope entry's `get`, across the page's runtime copies. */
const TAKE = Symbol.for('tessera.take');

/** The first script URL in `stack` after the one it was captured in: who called. */
function callerUrl(stack = ''): string | undefined {
  const urls = stack.match(/\bhttps?:\/\/[^\s()]+?(?=:\d+:\d+)/g) ?? [];
  return urls.find((url) => url !== urls[0]);
}
