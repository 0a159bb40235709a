import type { FederationInstance, InitOptions, RemoteInput } from '@tessera/runtime';
import { distEntry, isLocal } from './dist-entry.js';
import { testingRegistry } from './registry.js';
import { blankRuntime } from './reset-federation.js';

/**
 * A test host's remote: a built folder, manifest or remote entry on disk (`file:` URL, absolute
 * path, or './'-relative to `process.cwd()`), a URL for the runtime (`http:`, `data:`,
 * `name@url`), or a `RemoteInput` without name whose `entry` is either.
 */
export type TestRemote = string | URL | Omit<RemoteInput, 'name'>;

/** `init` options with defaults for tests; remotes may be built folders on disk. */
export interface TestHostOptions extends Omit<InitOptions, 'name' | 'remotes'> {
  /** The host's container name. Default 'host'. */
  name?: string;
  /** Remotes by name: `{ catalog: join(shop, 'catalog', 'dist'), cart: 'http://localhost:4002/mf-manifest.json' }`. */
  remotes?: Record<string, TestRemote>;
}

/**
 * Makes the test's host: `resetFederation()`, then the runtime's `init` with `options`, so that
 * code calling `loadRemote` (e.g. `RemoteComponent` of `@tessera/react`) uses it. Then, as the
 * build's host entry does before the app runs, it initialises the default share scope, which
 * loads every remote entry ('version-first') so their shared versions are known.
 * A remote on disk is loaded with `import()`, without HTTP: the entry its `mf-manifest.json`
 * names, else `remoteEntry.js` (see `distEntry`: a folder loaded before in this process is loaded
 * from a fresh copy, so each host gets its own instance of the remote).
 * Provide shared packages from the test's node_modules with `provideShared`.
 * The `@tessera/runtime` it initialises is the module current in the module registry when it is
 * called: after `vi.resetModules()`, the copy that components imported afterwards use.
 * Throws as `init` (TESSERA_INVALID_OPTIONS) and `distEntry` (TESSERA_REMOTE_LOAD_FAILED when a
 * folder holds no remote entry); a remote that fails to load is warned about, and its
 * `loadRemote` rejects.
 */
export async function createTestHost(options: TestHostOptions = {}): Promise<FederationInstance> {
  const runtime = await blankRuntime();
  const remotes = Object.entries(options.remotes ?? {}).map(([name, remote]): RemoteInput => {
    if (typeof remote === 'string' || remote instanceof URL) {
      return isLocal(remote) ? { name, entry: distEntry(remote, name).url, type: 'module' } : { name, entry: String(remote) };
    }
    return typeof remote.entry === 'string' && isLocal(remote.entry) ? { ...remote, name, entry: distEntry(remote.entry, name).url, type: 'module' } : { ...remote, name };
  });
  const host = runtime.init({ ...options, name: options.name ?? 'host', remotes });
  testingRegistry().host = host;
  await host.initShareScope();
  return host;
}
