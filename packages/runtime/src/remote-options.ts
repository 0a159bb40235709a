import { FederationError } from './errors.js';

/** How a remote entry is loaded: `module` with `import()`, `var` with a script tag that sets a global (webpack's default). */
export type RemoteEntryType = 'module' | 'var';

/** A remote as a user gives it. `entry` is a remote entry URL or an `mf-manifest.json` URL. */
export interface RemoteInput {
  name: string;
  entry: string;
  /** Another name to load modules by: `loadRemote('alias/Button')`. */
  alias?: string;
  /** Defaults to `module`, or `var` for webpack's `name@url` form; a manifest says its own. */
  type?: RemoteEntryType | 'esm' | 'script' | 'global';
  /** Share scope passed to the remote's `init`. Default: the host's `shareScope`. */
  shareScope?: string;
  /** Global a `var` entry sets. Default: the remote's name. */
  entryGlobalName?: string;
}

/** Remotes as an array, or webpack style: `{ catalog: 'http://localhost:4001/mf-manifest.json' }` or `{ catalog: 'catalog@http://.../remoteEntry.js' }`. */
export type RemotesInput = RemoteInput[] | Record<string, string | Omit<RemoteInput, 'name'>>;

/** A remote with every option resolved. */
export interface RemoteInfo {
  name: string;
  alias?: string;
  /** The URL as given (manifest or remote entry). */
  entry: string;
  /** `entry` points to an `mf-manifest.json`. */
  manifest: boolean;
  type: RemoteEntryType;
  shareScope: string;
  entryGlobalName: string;
}

const scriptTypes = new Set(['var', 'script', 'global']);

/** Resolves user remotes once; throws `TESSERA_INVALID_OPTIONS` for a nameless or entryless remote. */
export function normalizeRemotes(input: RemotesInput | undefined, defaultScope: string): RemoteInfo[] {
  const list: RemoteInput[] = Array.isArray(input)
    ? input
    : Object.entries(input ?? {}).map(([name, value]) => (typeof value === 'string' ? { name, entry: value } : { name, ...value }));
  return list.map((remote) => {
    if (!remote || typeof remote.name !== 'string' || !remote.name || typeof remote.entry !== 'string' || !remote.entry) {
      throw new FederationError('TESSERA_INVALID_OPTIONS', `Invalid remote ${JSON.stringify(remote)}`, {
        hint: 'Give each remote a name and an entry URL (remote entry or mf-manifest.json)',
      });
    }
    let entry = remote.entry;
    let globalName = remote.entryGlobalName;
    const at = /^([^@/:]+)@(.+)$/.exec(entry);
    if (at) [, globalName, entry] = at as unknown as [string, string, string];
    const manifest = /\.json(\?|#|$)/.test(entry);
    const type: RemoteEntryType = scriptTypes.has(remote.type ?? '') || (at && !remote.type) ? 'var' : 'module';
    return {
      name: remote.name,
      ...(remote.alias ? { alias: remote.alias } : {}),
      entry,
      manifest,
      type,
      shareScope: remote.shareScope ?? defaultScope,
      entryGlobalName: globalName ?? remote.name,
    };
  });
}
