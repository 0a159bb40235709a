import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FederationError, readManifest } from '@tessera/runtime';
import { testingRegistry } from './registry.js';

/** A built remote on disk, ready to import. */
export interface DistEntry {
  /** Container name: `name` if given, else the manifest's, else the folder's ('catalog' for `catalog/dist`). */
  name: string;
  /** `file:` URL of the remote entry (ES module) to import. */
  url: string;
}

/** A path or `file:` URL (string or URL) as an absolute path; relative paths start at `process.cwd()`. */
export function toPath(location: string | URL): string {
  if (location instanceof URL || location.startsWith('file:')) return fileURLToPath(location);
  return resolve(location);
}

/**
 * True for a `file:` URL, an absolute path or a path starting with './' or '../'; false for other
 * URLs (`http:`, `data:`) and webpack's `name@url`.
 */
export function isLocal(location: string | URL): boolean {
  const href = location instanceof URL ? location.href : location;
  return href.startsWith('file:') || isAbsolute(href) || /^\.\.?[\\/]/.test(href);
}

/**
 * Finds the remote entry of a built remote. `location` (path or `file:` URL) is its output folder,
 * whose `mf-manifest.json` names the entry (`metaData.remoteEntry.path` + `name`; without a
 * manifest, `remoteEntry.js`), or the manifest or the remote entry file itself. `name` names the
 * remote in errors; by default the manifest's (the one beside the entry file), else the folder's.
 *
 * The first call for a folder in this process returns the entry in place. Every later call copies
 * the folder to a new temporary folder (deleted by `resetFederation()` or when the process exits)
 * and returns the entry there: Node keeps one module instance per URL, and a built remote's
 * container takes one share scope only, so each test host gets an instance of its own, as each
 * browser page does.
 *
 * Throws TESSERA_REMOTE_LOAD_FAILED when there is no remote entry (not built yet),
 * TESSERA_MANIFEST_INVALID for a manifest that is not JSON or names no remote entry.
 */
export function distEntry(location: string | URL, name?: string): DistEntry {
  const path = toPath(location);
  const isDir = existsSync(path) && statSync(path).isDirectory();
  const dir = isDir ? path : dirname(path);
  const isManifest = !isDir && path.endsWith('.json');
  const manifestFile = isManifest ? path : join(dir, 'mf-manifest.json');
  const manifest = existsSync(manifestFile) ? readManifestFile(manifestFile) : undefined;
  const entryFile = isDir || isManifest ? manifest?.entry ?? join(dir, 'remoteEntry.js') : path;
  const remote = name ?? manifest?.name ?? basename(basename(dir) === 'dist' ? dirname(dir) : dir);
  if (!existsSync(entryFile)) {
    throw new FederationError('TESSERA_REMOTE_LOAD_FAILED', `No remote entry at ${entryFile}`, {
      remote,
      url: pathToFileURL(entryFile).href,
      hint: 'Build the remote first, e.g. in beforeAll: await buildApp(await loadConfig(appRoot)) from @tessera/build',
    });
  }
  return { name: remote, url: pathToFileURL(freshCopy(dir, entryFile)).href };
}

/** The manifest's container name and remote entry file (the runtime reads it as it would over HTTP). */
function readManifestFile(file: string): { name?: string; entry: string } {
  const url = pathToFileURL(file).href;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new FederationError('TESSERA_MANIFEST_INVALID', `Manifest is not JSON: ${(cause as Error).message}`, { url, cause });
  }
  const { name } = json as { name?: unknown };
  return { ...(typeof name === 'string' ? { name } : {}), entry: fileURLToPath(readManifest(json, url, '').url) };
}

/** `entryFile` itself on the folder's first import in this process, else the same file in a fresh copy of `dir`. */
function freshCopy(dir: string, entryFile: string): string {
  const registry = testingRegistry();
  const real = realpathSync(dir);
  if (!registry.importedDists.has(real)) {
    registry.importedDists.add(real);
    return entryFile;
  }
  const copy = mkdtempSync(join(tmpdir(), 'tessera-testing-'));
  cpSync(dir, copy, { recursive: true });
  registry.copies.push(copy);
  if (!registry.cleanupOnExit) {
    registry.cleanupOnExit = true;
    process.once('exit', () => {
      for (const c of registry.copies) rmSync(c, { recursive: true, force: true });
    });
  }
  return join(copy, relative(dir, entryFile));
}
