import { FederationError, createInstance, isFederationError } from '@tessera/runtime';
import type { Container, FederationInstance, ModuleExports, ShareScope, SharedInput } from '@tessera/runtime';
import { distEntry } from './dist-entry.js';
import { exposedName } from './mock-container.js';

export interface LoadContainerOptions {
  /**
   * Host whose share scope the container is initialised with (its own provided modules are
   * registered first). Default: a new host named 'test' providing `shared`.
   */
  host?: FederationInstance;
  /** Shared modules the new host provides (see `provideShared`); ignored with `host`. */
  shared?: Record<string, SharedInput>;
  /** Name of the share scope. Default 'default'. */
  shareScope?: string;
}

/** A built remote's container, loaded from disk and initialised. */
export interface LoadedContainer {
  /** Container name (from the manifest, else the folder's name). */
  name: string;
  /** `file:` URL of the remote entry imported. */
  url: string;
  container: Container;
  /** The scope it was initialised with: `shareScope[package][version] = { get, from, eager, loaded }`. */
  shareScope: ShareScope;
  /** The host that owns `shareScope`. */
  host: FederationInstance;
  /** `get(exposed)` and the module's exports: `await catalog.load<typeof import('./ProductList')>('./ProductList')`. */
  load<T = ModuleExports>(exposed: string): Promise<T>;
}

/**
 * Loads a built remote from disk, without HTTP: imports the remote entry of `distDir` (its output
 * folder, path or `file:` URL; see `distEntry`) and calls its `init` with a real share scope,
 * the given host's or a new one. The remote registers its provided shared modules there and
 * negotiates what it consumes by webpack's rules, as in a browser.
 * Each call loads its own instance of the remote (a folder imported before in this process is
 * imported from a fresh copy), so tests can load the same folder with different scopes.
 * Errors: TESSERA_REMOTE_LOAD_FAILED (no remote entry, or it failed to import or init),
 * TESSERA_MANIFEST_INVALID, TESSERA_REMOTE_INVALID_CONTAINER (no `init`/`get` exported),
 * TESSERA_SHARE_SCOPE_CONFLICT; `load` rejects with the container's errors
 * (TESSERA_EXPOSE_NOT_FOUND for a name it does not expose).
 */
export async function loadContainer(distDir: string | URL, options: LoadContainerOptions = {}): Promise<LoadedContainer> {
  const { name, url } = distEntry(distDir);
  const details = { remote: name, url };
  const host = options.host ?? createInstance({ name: 'test', shared: options.shared ?? {} });
  const scopeName = options.shareScope ?? 'default';
  await host.initShareScope(scopeName);
  const shareScope = host.shareScopes[scopeName]!;
  let container: Partial<Container> | undefined;
  try {
    container = (await import(/* @vite-ignore */ url)) as Partial<Container>;
  } catch (cause) {
    throw new FederationError('TESSERA_REMOTE_LOAD_FAILED', `Could not import the remote entry: ${(cause as Error)?.message ?? cause}`, {
      ...details, cause, hint: 'Rebuild the remote; the test imports its output as it is on disk',
    });
  }
  if (typeof container?.init !== 'function' || typeof container.get !== 'function') {
    throw new FederationError('TESSERA_REMOTE_INVALID_CONTAINER', 'The remote entry exports no container (init and get)', {
      ...details, hint: 'Point loadContainer at the folder a remote (an app with `exposes`) was built into',
    });
  }
  const loaded = container as Container;
  try {
    await loaded.init(shareScope, []);
  } catch (cause) {
    if (isFederationError(cause)) throw cause;
    throw new FederationError('TESSERA_REMOTE_LOAD_FAILED', `The container's init failed: ${(cause as Error)?.message ?? cause}`, { ...details, cause });
  }
  return {
    name, url, container: loaded, shareScope, host,
    async load<T>(exposed: string) {
      const factory = await loaded.get(exposedName(exposed));
      return factory() as T;
    },
  };
}
