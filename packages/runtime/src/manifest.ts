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
}

/**
 * Finds the remote entry a manifest points to. `metaData.publicPath` 'auto' (or absent) means
 * "next to the manifest"; the entry is `publicPath + remoteEntry.path + remoteEntry.name`.
 * Throws `TESSERA_MANIFEST_INVALID` naming the missing field.
 */
export function readManifest(json: unknown, manifestUrl: string, remote: string): ManifestEntry {
  const invalid = (what: string) =>
    new FederationError('TESSERA_MANIFEST_INVALID', `Manifest ${what}`, {
      remote,
      url: manifestUrl,
      hint: 'Serve the mf-manifest.json written by the remote\'s build, or point the remote at its remote entry instead',
    });
  if (!json || typeof json !== 'object') throw invalid('is not a JSON object');
  const meta = (json as { metaData?: Record<string, unknown> }).metaData;
  const entry = meta?.remoteEntry as { name?: unknown; path?: unknown; type?: unknown } | undefined;
  if (!meta || !entry || typeof entry.name !== 'string' || !entry.name) throw invalid('has no metaData.remoteEntry.name');
  const name = String((json as { name?: unknown }).name ?? meta.name ?? remote);
  const publicPath = typeof meta.publicPath === 'string' && meta.publicPath !== 'auto' ? meta.publicPath : './';
  const dir = typeof entry.path === 'string' && entry.path ? entry.path.replace(/\/?$/, '/') : '';
  const url = new URL(dir + entry.name, new URL(publicPath, manifestUrl)).href;
  const type: RemoteEntryType = entry.type === 'module' || entry.type === 'esm' ? 'module' : entry.type === undefined ? 'module' : 'var';
  return { name, url, type, globalName: typeof meta.globalName === 'string' ? meta.globalName : name };
}
