import { FederationError } from './errors.js';
import type { RemoteEntryType } from './remote-options.js';
import type { Offer } from './share-offers.js';

/** What the runtime reads of an `mf-manifest.json` (Module Federation 2.0's manifest format). */
export interface ManifestEntry {
  /** Container name. */
  name: string;
  /** Absolute URL of the remote entry. */
  url: string;
  type: RemoteEntryType;
  globalName: string;
  /** Subresource-integrity hashes ('sha384-…') of the remote's files by absolute URL; empty when the manifest has none. */
  integrity: Record<string, string>;
  /** Exposed names ('./ProductList') the manifest lists, if it lists any. */
  exposes?: string[];
  /**
   * The shared versions its entry provides, from a Tessera manifest that states them all (`eager`,
   * `import`, one `shareScope`): offered into the share scope before the entry loads (share-offers.ts).
   */
  offers?: Offer[];
  /** Absolute URLs of each expose's files (`assets.*.sync`), only those in the remote entry's folder: preloaded. */
  assets?: Record<string, { js: string[]; css: string[] }>;
}

const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v == 'object' && !Array.isArray(v);

/**
 * Checks a manifest field by field and finds the remote entry it points to. `metaData.publicPath`
 * 'auto' (or absent) means "next to the manifest"; the entry is `publicPath + remoteEntry.path +
 * remoteEntry.name`, and must be http(s) (or `file:` when the manifest itself is a `file:` URL,
 * as `@tessera/testing` reads built remotes on disk). `integrity` (Tessera's addition: file path →
 * 'sha384-…') is resolved against the same base.
 * Throws `TESSERA_MANIFEST_INVALID` naming the first wrong field; never another error.
 */
export function readManifest(json: unknown, manifestUrl: string, remote: string): ManifestEntry {
  const invalid = (field: string, problem = 'is invalid') =>
    new FederationError('TESSERA_MANIFEST_INVALID', `Manifest ${field} ${problem}`, { remote, url: manifestUrl });
  if (!isObject(json)) throw invalid('', 'is not an object');
  const meta = json.metaData;
  const entry = meta?.remoteEntry;
  if (!isObject(meta) || !isObject(entry) || !entry.name) throw invalid('metaData.remoteEntry.name', 'is missing');
  const strings = { name: json.name, 'metaData.name': meta.name, 'metaData.publicPath': meta.publicPath, 'metaData.globalName': meta.globalName,
    'metaData.remoteEntry.name': entry.name, 'metaData.remoteEntry.path': entry.path, 'metaData.remoteEntry.type': entry.type };
  for (const [field, value] of Object.entries(strings)) if (value !== undefined && typeof value != 'string') throw invalid(field);
  const types: Record<string, RemoteEntryType> = { module: 'module', esm: 'module', var: 'var', script: 'var', global: 'var' };
  const typeName: string = entry.type ?? 'module';
  if (!Object.hasOwn(types, typeName)) throw invalid('metaData.remoteEntry.type');
  const type = types[typeName]!;
  const exposes = json.exposes;
  if (exposes !== undefined && !(Array.isArray(exposes) && exposes.every((e) => isObject(e) && typeof (e.path ?? e.name) == 'string'))) throw invalid('exposes');
  const integrity = json.integrity ?? {};
  if (!isObject(integrity)) throw invalid('integrity');
  const name: string = json.name ?? meta.name ?? remote;
  let base: URL;
  let own: string;
  try {
    const manifest = new URL(manifestUrl, (globalThis as { location?: { href: string } }).location?.href);
    own = manifest.protocol;
    base = new URL(meta.publicPath && meta.publicPath != 'auto' ? meta.publicPath : './', manifest);
  } catch {
    throw invalid('metaData.publicPath');
  }
  const resolve = (path: string, field: string): string => {
    let url: URL | undefined;
    try {
      url = new URL(path, base);
    } catch {
      // reported below
    }
    if (!url || !/^https?:$/.test(url.protocol) && !(own == 'file:' && url.protocol == own)) throw invalid(field, `is no http(s) URL: ${url?.protocol}`);
    return url.href;
  };
  const hashes: Record<string, string> = {};
  for (const [file, hash] of Object.entries(integrity)) {
    if (typeof hash != 'string' || !/^sha(256|384|512)-[\w+/]+={0,2}$/.test(hash)) throw invalid(`integrity["${file}"]`);
    hashes[resolve(file, `integrity["${file}"]`)] = hash;
  }
  const url = resolve((entry.path ? entry.path.replace(/\/?$/, '/') : '') + entry.name, 'metaData.remoteEntry');
  // Hints only: a path that leaves the entry's folder is left out.
  const folder = new URL('.', url).href;
  const files = (list: unknown) => (Array.isArray(list) ? list : []).map((path) => {
    try {
      return new URL(path, base).href;
    } catch {
      return '';
    }
  }).filter((file) => file.startsWith(folder));
  const assets: Record<string, { js: string[]; css: string[] }> = {};
  for (const e of exposes ?? []) assets[e.path ?? `./${e.name}`] = { js: files(e.assets?.js?.sync), css: files(e.assets?.css?.sync) };
  // Offers: every provided shared module stated in full, all of one share scope (the remote's, which it registers into the scope it is given).
  const provided: any[] = Array.isArray(json.shared) && meta.pluginVersion == 'tessera' ? json.shared.filter((s: any) => s?.import !== false) : [0];
  const offers = provided.every((s) => isObject(s) && typeof s.name == 'string' && typeof s.version == 'string' && typeof s.eager == 'boolean' && s.shareScope === provided[0].shareScope)
    ? provided.map((s) => ({ key: s.name, version: s.version, eager: s.eager }))
    : undefined;
  return {
    name,
    url,
    type,
    globalName: meta.globalName ?? name,
    integrity: hashes,
    exposes: exposes?.map((e: { name?: string; path?: string }) => e.path ?? `./${e.name}`),
    offers,
    assets,
  };
}
