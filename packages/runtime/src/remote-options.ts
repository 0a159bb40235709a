import { FederationError } from './errors.js';

/** How a remote entry is loaded: `module` with `import()`, `var` with a script tag that sets a global (webpack's default). */
export type RemoteEntryType = 'module' | 'var';

/** Network options, for all remotes (`init`) or one remote. */
export interface NetworkOptions {
  /** How long each network step (manifest, remote entry, chunk, stylesheet) may take per attempt, in ms. Default 8000. */
  timeout?: number;
  /** Further attempts after a network error, a timeout or an HTTP 5xx (never a 4xx or an integrity failure). Default 2. */
  retries?: number;
  /**
   * 'version-first' start-up waits at most this long, in ms, for this remote before it goes on
   * without its shared versions (a slow remote must not hold the host back). Default 2000.
   */
  shareInitTimeout?: number;
}

/** A remote as a user gives it. `entry` is a remote entry URL or an `mf-manifest.json` URL; a list gives mirrors, tried in order. */
export interface RemoteInput extends NetworkOptions {
  name: string;
  entry: string | string[];
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
export type RemotesInput = RemoteInput[] | Record<string, string | string[] | Omit<RemoteInput, 'name'>>;

/** A remote with every option resolved. */
export interface RemoteInfo {
  name: string;
  alias?: string;
  /** The first URL as given (manifest or remote entry). */
  entry: string;
  /** Every URL to try, in order: `entry`, then its mirrors; `manifest`: it is an `mf-manifest.json`. */
  entries: { url: string; manifest: boolean }[];
  /** `entry` points to an `mf-manifest.json`. */
  manifest: boolean;
  type: RemoteEntryType;
  shareScope: string;
  entryGlobalName: string;
  /** This remote's own network options (the instance's fill the gaps). */
  network: NetworkOptions;
}

const scriptTypes = new Set(['var', 'script', 'global']);
const isUrl = (v: unknown): v is string => typeof v == 'string' && !!v;

/** Resolves user remotes once; throws `TESSERA_INVALID_OPTIONS` for a nameless or entryless remote or a wrong network option. */
export function normalizeRemotes(input: RemotesInput | undefined, defaultScope: string): RemoteInfo[] {
  const list: RemoteInput[] = Array.isArray(input)
    ? input
    : Object.entries(input ?? {}).map(([name, value]) => (typeof value == 'string' || Array.isArray(value) ? { name, entry: value } : { name, ...value }));
  return list.map((remote) => {
    const urls = Array.isArray(remote?.entry) ? remote.entry : [remote?.entry];
    if (!remote || !isUrl(remote.name) || !urls.length || !urls.every(isUrl)) {
      throw new FederationError('TESSERA_INVALID_OPTIONS', `Remote needs name and entry: ${JSON.stringify(remote)}`);
    }
    let globalName = remote.entryGlobalName;
    let at: RegExpExecArray | null = null;
    const entries = urls.map((entry) => {
      const m = /^([^@/:]+)@(.+)$/.exec(entry);
      if (m) (at = m), (globalName ??= m[1]), (entry = m[2]!);
      return { url: entry, manifest: /\.json(\?|#|$)/.test(entry) };
    });
    const type: RemoteEntryType = scriptTypes.has(remote.type ?? '') || (at && !remote.type) ? 'var' : 'module';
    return {
      name: remote.name,
      ...(remote.alias ? { alias: remote.alias } : {}),
      entry: entries[0]!.url,
      entries,
      manifest: entries[0]!.manifest,
      type,
      shareScope: remote.shareScope ?? defaultScope,
      entryGlobalName: globalName ?? remote.name,
      network: networkOptions(remote, `remote "${remote.name}"`),
    };
  });
}

/** The network options set in `input`, checked: each a number ≥ 0. Throws TESSERA_INVALID_OPTIONS. */
export function networkOptions(input: NetworkOptions, where: string): NetworkOptions {
  const options: NetworkOptions = {};
  for (const key of ['timeout', 'retries', 'shareInitTimeout'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value != 'number' || !(value >= 0)) {
      throw new FederationError('TESSERA_INVALID_OPTIONS', `${where}: ${key} must be a number ≥ 0`);
    }
    options[key] = value;
  }
  return options;
}
