import { FederationError } from './errors.js';
import type { RemoteEntryType } from './remote-options.js';

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
}

const HASH = /^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$/;
const TYPES = new Map<unknown, RemoteEntryType>([['module', 'module'], ['esm', 'module'], ['var', 'var'], ['script', 'var'], ['global', 'var']]);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const optional = (v: unknown, type: string) => v === undefined || typeof v === type;

/**
 * Checks a manifest field by field and finds the remote entry it points to. `metaData.publicPath`
 * 'auto' (or absent) means "next to the manifest"; the entry is `publicPath + remoteEntry.path +
 * remoteEntry.name`, and must be http(s) (or the manifest's own protocol: a `file:` manifest on
 * disk may point at a `file:` entry). `integrity` (Tessera's addition: file path → 'sha384-…')
 * is resolved against the same base.
 * Throws `TESSERA_MANIFEST_INVALID` naming the first wrong field; never another error.
 */
export function readManifest(json: unknown, manifestUrl: string, remote: string): ManifestEntry {
  const invalid = (what: string) =>
    new FederationError('TESSERA_MANIFEST_INVALID', `Manifest ${what}`, {
      remote,
      url: manifestUrl,
      hint: 'Serve the mf-manifest.json the remote\'s build wrote',
    });
  if (!isObject(json)) throw invalid('is not a JSON object');
  const meta = json.metaData;
  if (!isObject(meta)) throw invalid('has no metaData');
  const entry = meta.remoteEntry;
  if (!isObject(entry) || typeof entry.name != 'string' || !entry.name) throw invalid('has no metaData.remoteEntry.name');
  for (const [field, value] of [['name', json.name], ['metaData.name', meta.name], ['metaData.publicPath', meta.publicPath],
    ['metaData.globalName', meta.globalName], ['metaData.remoteEntry.path', entry.path], ['metaData.remoteEntry.type', entry.type]] as const) {
    if (!optional(value, 'string')) throw invalid(`field ${field} is not a string`);
  }
  const type = entry.type === undefined ? 'module' : TYPES.get(entry.type);
  if (!type) throw invalid(`metaData.remoteEntry.type "${String(entry.type)}" is unknown`);
  for (const list of ['shared', 'exposes', 'remotes'] as const) {
    const items = json[list];
    if (items !== undefined && (!Array.isArray(items) || !items.every((item) => isObject(item) && optional(item.name, 'string')))) {
      throw invalid(`field ${list} is not a list of objects with string names`);
    }
  }
  const integrity = json.integrity ?? {};
  if (!isObject(integrity)) throw invalid('field integrity is not an object');
  const name = (json.name ?? meta.name ?? remote) as string;
  const base = (meta.publicPath && meta.publicPath !== 'auto' ? meta.publicPath : './') as string;
  const dir = entry.path ? (entry.path as string).replace(/\/?$/, '/') : '';
  let baseUrl: URL;
  let own: string;
  try {
    const manifest = new URL(manifestUrl, (globalThis as { location?: { href: string } }).location?.href);
    own = manifest.protocol;
    baseUrl = new URL(base, manifest);
  } catch {
    throw invalid('field metaData.publicPath is no URL');
  }
  const allowed = ['http:', 'https:', own === 'file:' ? own : 'http:'];
  const resolve = (path: string, field: string): string => {
    let url: URL;
    try {
      url = new URL(path, baseUrl);
    } catch {
      throw invalid(`field ${field} is no URL`);
    }
    if (!allowed.includes(url.protocol)) throw invalid(`field ${field} points to a ${url.protocol} URL (only http(s))`);
    return url.href;
  };
  const hashes: Record<string, string> = {};
  for (const [file, hash] of Object.entries(integrity)) {
    if (typeof hash != 'string' || !HASH.test(hash)) throw invalid(`integrity of ${file} is not a 'sha384-…' hash`);
    hashes[resolve(file, `integrity["${file}"]`)] = hash;
  }
  return {
    name,
    url: resolve(dir + entry.name, 'metaData.remoteEntry'),
    type,
    globalName: (meta.globalName ?? name) as string,
    integrity: hashes,
    ...(Array.isArray(json.exposes) ? { exposes: json.exposes.map((e: { name?: string; path?: unknown }) => (typeof e.path == 'string' ? e.path : `./${e.name}`)) } : {}),
  };
}
