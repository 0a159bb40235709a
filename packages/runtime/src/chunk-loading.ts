import { FederationError, isFederationError } from './errors.js';
import { withRetries, type NetworkPolicy } from './fetch-with-retry.js';
import { trustBusted } from './integrity.js';
import { loadFailure } from './load-failure.js';
import { loadStylesheet, preloadModule } from './load-stylesheet.js';
import type { ModuleExports } from './types.js';

/** Files a chunk needs before it runs, as the build records them. */
export interface ChunkRequirements {
  /** Share keys the chunk's code consumes synchronously. */
  shares?: string[];
  /** Remote module ids it imports statically ('catalog/ProductList'). */
  remotes?: string[];
  /** Stylesheets (relative to the entry's URL). */
  css?: string[];
  /** The chunk's own JavaScript file first, then those it imports statically (relative to the entry's URL): fetched early. */
  js?: string[];
}

/** Loading an app's own chunks (exposed modules, shared fallbacks, the host's main), as build-emitted code asks. */
export interface ChunkLoader {
  registerChunks(chunks: Record<string, ChunkRequirements>, baseUrl: string): void;
  loadChunk<T>(id: string, load: () => Promise<T>): Promise<T>;
  prefetchChunk(id: string): void;
  consumedRemote(id: string): ModuleExports;
  /** Forgets the remote modules of `remote` that chunks imported statically. */
  dropRemote(remote: string): void;
}

/**
 * `name` owns the stylesheets it adds; `policy()` gives the timeout and retries of each file;
 * `ensureShare` and `loadRemote` load what a chunk consumes.
 */
export function createChunkLoader(
  name: string,
  policy: () => NetworkPolicy,
  ensureShare: (key: string) => Promise<void>,
  loadRemote: (id: string) => Promise<ModuleExports>,
): ChunkLoader {
  const chunks: Record<string, ChunkRequirements> = {};
  const remoteModules = new Map<string, ModuleExports>();
  // Each chunk's load, or 0 once it failed (the next load busts its URL). A chunk that loaded is never
  // loaded again (webpack's installedChunks): after a retry its module came from a cache-busted URL,
  // and importing the plain URL again would make a second instance of it.
  const loads = new Map<string, Promise<unknown> | 0>();
  let base = '';
  // The folder of this app's remote entry: the stylesheets it adds are tagged with it (see removeStylesheets).
  let folder = '';
  const urlsOf = (hrefs: string[] | undefined) => (hrefs ?? []).map((href) => new URL(href, base).href);

  function prefetchChunk(id: string): void {
    for (const url of urlsOf(chunks[id]?.js)) preloadModule(url);
    for (const url of urlsOf(chunks[id]?.css)) void loadStylesheet(url, name, policy(), folder).catch(() => {});
  }

  /**
   * Runs `load` (the chunk's `import()`), within the timeout and with retries; a retry, or a load
   * after a failed one, imports the chunk's file at a cache-busted URL instead.
   */
  function loadCode<T>(id: string, load: () => Promise<T>, bust: boolean): Promise<T> {
    const p = policy();
    const urls = urlsOf(chunks[id]?.js);
    const own = urls[0];
    return withRetries(own ?? id, own ? p : { ...p, retries: 0 }, name, async (url) => {
      try {
        if (url === own || !own) return await load();
        trustBusted(url);
        return (await import(/* @vite-ignore */ /* webpackIgnore: true */ url)) as T;
      } catch (cause) {
        throw isFederationError(cause) ? cause : await loadFailure('TESSERA_EXPOSE_LOAD_FAILED', cause, urls, name, p.timeout);
      }
    }, { bust });
  }

  return {
    registerChunks(more, baseUrl) {
      Object.assign(chunks, more);
      base = baseUrl;
      folder = new URL('.', baseUrl).href;
    },
    loadChunk<T>(id: string, load: () => Promise<T>): Promise<T> {
      const known = loads.get(id);
      if (known) return known as Promise<T>;
      const needs = chunks[id] ?? {};
      prefetchChunk(id);
      const loading = Promise.all([
        ...(needs.shares ?? []).map(ensureShare),
        ...(needs.remotes ?? []).map((remoteId) => loadRemote(remoteId).then((m) => void remoteModules.set(remoteId, m))),
        ...urlsOf(needs.css).map((url) => loadStylesheet(url, name, policy(), folder)),
      ]).then(() => loadCode(id, load, known === 0)).catch((error) => {
        loads.set(id, 0);
        throw error;
      });
      loads.set(id, loading);
      return loading;
    },
    prefetchChunk,
    consumedRemote(id) {
      if (!remoteModules.has(id)) {
        throw new FederationError('TESSERA_REMOTE_NOT_FOUND', `${id} used before it loaded`);
      }
      return remoteModules.get(id);
    },
    dropRemote(remote) {
      for (const id of [...remoteModules.keys()]) if (id.startsWith(`${remote}/`)) remoteModules.delete(id);
    },
  };
}
