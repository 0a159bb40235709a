import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readManifest } from '@tessera/runtime/options';
import type { ResolvedConfig } from './config.js';

/** Remotes' manifests read by a build (`snapshot: true`), and why the others were not. */
export interface ManifestSnapshot {
  /** Manifest URL → the fields of its `mf-manifest.json` the runtime reads (see `trimManifest`). */
  manifests: Record<string, unknown>;
  /** One line per manifest that could not be read: the host reads it at run time, as without a snapshot. */
  warnings: string[];
}

/**
 * Reads every `mf-manifest.json` the app's remotes are given by (http(s) with the `timeout` of the
 * config, default 8000 ms per manifest; `file:` from disk), checks each as the runtime checks a
 * fetched one (`readManifest`: a malformed or hostile manifest is left out, with its
 * TESSERA_MANIFEST_INVALID message as a warning) and keeps what the runtime reads of it. Never
 * throws: a manifest that cannot be read (remote not deployed yet, a path relative to the page)
 * is a warning, and the host reads that one at run time. Module Federation 2.0 calls this the
 * snapshot (its manifest plugin's `remotes` info, read by `@module-federation/runtime` instead of
 * fetching).
 */
export async function readManifestSnapshot(config: ResolvedConfig): Promise<ManifestSnapshot> {
  const timeout = config.runtime.timeout ?? 8000;
  const warnings: string[] = [];
  // Settled in the config's order, so that the entry's bytes (and content hashes) do not depend on which server answered first.
  const read = await Promise.all(config.remotes.flatMap((remote) => remote.entries.filter((e) => e.manifest).map(async ({ url }) => {
    try {
      const json = await readJson(url, timeout);
      readManifest(json, url, remote.name);
      return [url, trimManifest(json as Record<string, unknown>)] as const;
    } catch (error) {
      warnings.push(`${config.name}: "snapshot": the manifest of remote "${remote.name}" (${url}) was not read (${(error as Error).message}); the host reads it at run time`);
      return undefined;
    }
  })));
  const manifests: Record<string, unknown> = Object.fromEntries(read.filter((entry) => entry !== undefined));
  return { manifests, warnings };
}

async function readJson(url: string, timeout: number): Promise<unknown> {
  if (url.startsWith('file:')) return JSON.parse(await readFile(fileURLToPath(url), 'utf8'));
  if (!/^https?:/.test(url)) throw new Error('only http(s) and file: URLs can be read at build time; a path is relative to the page');
  const response = await fetch(url, { signal: AbortSignal.timeout(timeout) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return JSON.parse(await response.text());
}

type Json = Record<string, any>;

/**
 * The fields of a manifest the runtime's `readManifest` reads, and nothing else (types, build
 * info, async assets and the hashes of files no page loads stay out of the host's entry).
 */
export function trimManifest(json: Json): Json {
  const meta = (json.metaData ?? {}) as Json;
  const entry = (meta.remoteEntry ?? {}) as Json;
  const list = (value: unknown): Json[] => (Array.isArray(value) ? value : []);
  const integrity = json.integrity && typeof json.integrity == 'object'
    ? Object.fromEntries(Object.entries(json.integrity as Json).filter(([file]) => /\.(m?js|css)$/.test(file)))
    : undefined;
  return {
    name: json.name,
    metaData: {
      name: meta.name, publicPath: meta.publicPath, globalName: meta.globalName, pluginVersion: meta.pluginVersion,
      remoteEntry: { name: entry.name, path: entry.path, type: entry.type },
    },
    ...(Array.isArray(json.exposes) ? {
      exposes: list(json.exposes).map((e) => ({ name: e.name, path: e.path, assets: { js: { sync: e.assets?.js?.sync }, css: { sync: e.assets?.css?.sync } } })),
    } : {}),
    ...(Array.isArray(json.shared) ? {
      shared: list(json.shared).map((s) => ({ name: s.name, version: s.version, eager: s.eager, import: s.import, shareScope: s.shareScope })),
    } : {}),
    ...(integrity ? { integrity } : {}),
  };
}
