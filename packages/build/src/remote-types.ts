import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FederationError } from '@tessera/runtime/options';
import type { ResolvedConfig } from './config.js';
import type { FederationManifest } from './manifest.js';
import { TYPES_PREFIX } from './declarations.js';
import { isInside } from './output-safety.js';

/** Folder (in the host app) where `tessera types` writes the remotes' declarations. */
export const HOST_TYPES_DIR = '.tessera';

export interface RemoteTypes {
  /** The remote as the host names it. */
  remote: string;
  /** Where the declarations came from (manifest URL or folder). */
  source: string;
  /** Module ids they declare: 'catalog/ProductList'. */
  modules: string[];
}

/** Reads a file of a remote's `dist/`, from a URL or a folder. */
async function reader(location: string, remote: string): Promise<(path: string) => Promise<string>> {
  if (/^https?:\/\//.test(location)) {
    return async (path) => {
      const url = new URL(path, location).href;
      if (!url.startsWith(location)) throw untrustedPath(path, remote, location);
      const response = await fetch(url).catch((cause: unknown) => {
        throw new FederationError('TESSERA_MANIFEST_FETCH_FAILED', `Could not fetch ${path}: ${(cause as Error).message}`, { remote, url, cause });
      });
      if (!response.ok) throw new FederationError('TESSERA_MANIFEST_FETCH_FAILED', `Could not fetch ${path}: HTTP ${response.status}`, { remote, url });
      return response.text();
    };
  }
  const dir = resolve(location);
  return async (path) => {
    const file = join(dir, path);
    if (!isInside(file, dir)) throw untrustedPath(path, remote, dir);
    if (!existsSync(file)) throw new FederationError('TESSERA_MANIFEST_FETCH_FAILED', `No ${path} in ${dir}`, { remote, url: file, hint: 'Build the remote first (tessera build)' });
    return readFileSync(file, 'utf8');
  };
}

function untrustedPath(path: unknown, remote: string, url: string): FederationError {
  return new FederationError('TESSERA_MANIFEST_INVALID', `The manifest names the path ${JSON.stringify(path)}, which leads outside the remote's declarations`, {
    remote, url, hint: 'A manifest may only list relative paths inside its own folder (no "..", no absolute paths); rebuild the remote, and do not trust this one',
  });
}

/**
 * A relative path a remote's manifest gives (`metaData.types.path`, an entry of
 * `metaData.types.files`), checked: plain segments of safe characters, no `..`, no absolute
 * path, no drive or URL scheme, and the given extension. Throws TESSERA_MANIFEST_INVALID.
 */
function declarationPath(path: unknown, remote: string, url: string, field: string, extension = ''): string {
  const segments = typeof path === 'string' ? path.split('/') : [];
  const safe = segments.length > 0 && segments.every((s) => /^[\w@.+-]+$/.test(s) && s !== '.' && s !== '..') && (path as string).endsWith(extension);
  if (!safe) {
    throw new FederationError('TESSERA_MANIFEST_INVALID', `${field} holds ${JSON.stringify(path)}, which is not a relative path${extension ? ` to a ${extension} file` : ''} inside the remote's folder`, {
      remote, url, hint: 'A manifest may only list relative paths inside its own folder (no "..", no absolute paths); rebuild the remote, and do not trust this one',
    });
  }
  return path as string;
}

/** The folder (or URL folder) holding a remote's manifest, from its resolved entry (`name@` already removed). */
function locationOf(url: string): string {
  if (/^https?:\/\//.test(url)) return new URL('./', url).href;
  return url.endsWith('.json') || url.endsWith('.js') ? dirname(url) : url;
}

/**
 * Fetches the declarations every remote of the host publishes (`mf-manifest.json` →
 * `metaData.types`) into `<host>/.tessera/types/<remote>/`, renames their modules to the host's
 * remote names, and writes `.tessera/types/remotes.d.ts` (types for `loadRemote` ids) and
 * `.tessera/tsconfig.json` (to extend). `sources` overrides where a remote is read from: a URL
 * or a local `dist/` folder (monorepos). Throws TESSERA_MANIFEST_FETCH_FAILED,
 * TESSERA_MANIFEST_INVALID (no `metaData.types`: the remote was built with `dts: false`).
 */
export async function fetchRemoteTypes(config: ResolvedConfig, sources: Record<string, string> = {}): Promise<RemoteTypes[]> {
  const base = join(config.root, HOST_TYPES_DIR);
  const typesDir = join(base, 'types');
  rmSync(typesDir, { recursive: true, force: true });
  const results: RemoteTypes[] = [];
  for (const { name: remote, entry } of config.remotes) {
    const location = sources[remote] ?? locationOf(entry);
    const read = await reader(location.endsWith('/') || !/^https?:/.test(location) ? location : `${location}/`, remote);
    let manifest: FederationManifest;
    try {
      manifest = JSON.parse(await read('mf-manifest.json')) as FederationManifest;
    } catch (cause) {
      if (cause instanceof FederationError) throw cause;
      throw new FederationError('TESSERA_MANIFEST_INVALID', 'mf-manifest.json is not JSON', { remote, url: location, cause });
    }
    const types = manifest.metaData?.types;
    if (!Array.isArray(types?.files) || !types.files.length) {
      throw new FederationError('TESSERA_MANIFEST_INVALID', 'The manifest lists no declarations (metaData.types.files)', {
        remote, url: location, hint: 'Build the remote with declarations (dts is on by default; typescript must be installed there)',
      });
    }
    if (typeof manifest.name !== 'string' || !Array.isArray(manifest.exposes) || manifest.exposes.some((e) => typeof e?.name !== 'string')) {
      throw new FederationError('TESSERA_MANIFEST_INVALID', 'The manifest has no "name" string or no "exposes" list of { name }', {
        remote, url: location, hint: 'Serve the mf-manifest.json the remote\'s build wrote',
      });
    }
    const container = manifest.name;
    const remoteDir = join(typesDir, remote);
    const typesPath = declarationPath(types.path, remote, location, 'metaData.types.path');
    for (const listed of types.files) {
      const file = declarationPath(listed, remote, location, 'metaData.types.files', '.d.ts');
      const target = join(remoteDir, file);
      if (!isInside(target, remoteDir)) throw untrustedPath(listed, remote, location);
      let text = await read(`${typesPath}/${file}`);
      text = text
        .replaceAll(`"${TYPES_PREFIX}/`, `"${TYPES_PREFIX}/${remote}/`)
        .replaceAll(`declare module "${container}/`, `declare module "${remote}/`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    results.push({ remote, source: location, modules: manifest.exposes.map((e) => `${remote}/${e.name}`) });
  }
  mkdirSync(typesDir, { recursive: true });
  const entries = results.flatMap((r) => r.modules.map((id) => `    ${JSON.stringify(id)}: typeof import(${JSON.stringify(id)});`));
  writeFileSync(
    join(typesDir, 'remotes.d.ts'),
    [
      '// Written by tessera types: the modules of this app\'s remotes, for loadRemote() and RemoteComponent.',
      ...results.map((r) => `/// <reference path="./${r.remote}/index.d.ts" />`),
      'export {};',
      "declare module '@tessera/runtime' {",
      '  interface RemoteModules {',
      ...entries,
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(join(base, 'tsconfig.json'), HOST_TYPES_TSCONFIG);
  return results;
}

/** `.tessera/tsconfig.json`, for the app's tsconfig to extend: the path the remotes' declarations import each other by, and the files. */
export const HOST_TYPES_TSCONFIG = `${JSON.stringify({ compilerOptions: { paths: { [`${TYPES_PREFIX}/*`]: ['./types/*'] } }, include: ['./types/**/*.d.ts'] }, null, 2)}\n`;
