import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.js';
import { FederationError } from './errors.js';
import type { LoadStep, RemoteStatusInfo } from './federation-info.js';
import { removeStylesheets } from './load-stylesheet.js';
import { normalizeRemotes, type RemoteInfo, type RemotesInput } from './remote-options.js';
import type { Container, ModuleExports } from './types.js';

/** One registered remote: its options, load state and what was loaded from it. */
export interface RemoteState {
  info: RemoteInfo;
  status: RemoteStatusInfo['status'];
  /** Resolved remote entry URL, once known. */
  url?: string;
  loadTimeMs?: number;
  error?: FederationError;
  container?: Promise<Container>;
  /** Exposed names its manifest lists. */
  exposes?: string[];
  /** Files of each expose, from its manifest (absolute URLs in its folder): preloaded when the expose is asked for. */
  assets?: Record<string, { js: string[]; css: string[] }>;
  /** Of the current load: resolves once its manifest's offers are in the share scope, or the load settled. */
  offered?: Promise<void>;
  /** Of the current load: withdraws its manifest's offers (share-offers.ts); idempotent. */
  withdraw?: () => void;
  /** Of a start-up load whose entry waits until needed (`ensureContainer`'s `deferEntry`): lets it load. */
  wantEntry?: () => void;
  /** The last load failed: the next imports a new URL (the browser keeps a failed module per URL). */
  failed?: boolean;
  breaker: CircuitBreaker;
  /** Aborted when the remote is unloaded or replaced: pending timers and retries stop. */
  lifetime: AbortController;
  /** Exposed modules loaded from it, by exposed name. */
  modules: Map<string, Promise<ModuleExports>>;
  /** Steps and retries of its last load: for the federation info. */
  steps?: LoadStep[];
  retries?: number;
}

/** The remotes one runtime instance knows, by name. */
export interface RemoteRegistry {
  /** Adds remotes; an existing name is kept (warned, TESSERA_REMOTE_CONFLICT) unless `force`, which drops what was loaded from it. */
  register(input: RemotesInput, force: boolean): void;
  /** The remote an id ('catalog/ProductList', or by alias) belongs to, longest name first, and the exposed name ('./ProductList'). */
  find(id: string): { state: RemoteState; expose: string } | undefined;
  /** Forgets a remote: cancels its pending timers, drops its modules and removes the stylesheets its chunks added. False when unknown. */
  unload(name: string): boolean;
  all(): RemoteState[];
}

export function createRemoteRegistry(defaultScope: string, onDrop: (name: string) => void): RemoteRegistry {
  const remotes = new Map<string, RemoteState>();

  function drop(name: string): void {
    const state = remotes.get(name);
    if (!state) return;
    state.lifetime.abort(new FederationError('TESSERA_REMOTE_NOT_FOUND', 'Unloaded', { remote: name }));
    remotes.delete(name);
    if (state.url) removeStylesheets(state.url);
    onDrop(name);
  }

  return {
    register(input, force) {
      for (const info of normalizeRemotes(input, defaultScope)) {
        const existing = remotes.get(info.name);
        if (existing && !force) {
          if (existing.info.entry !== info.entry) {
            console.warn(new FederationError('TESSERA_REMOTE_CONFLICT', `Kept ${existing.info.entry}`, { remote: info.name, url: info.entry, hint: 'Use force' }).message);
          }
          continue;
        }
        drop(info.name);
        remotes.set(info.name, {
          info, status: 'registered', breaker: createCircuitBreaker(info.name, info.entry), lifetime: new AbortController(), modules: new Map(),
        });
      }
    },
    find(id) {
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
    },
    unload(name) {
      const known = remotes.has(name);
      drop(name);
      return known;
    },
    all: () => [...remotes.values()],
  };
}
