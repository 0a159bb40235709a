import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions, Metafile } from 'esbuild';
import { appCachePath } from './app-cache.js';
import type { ResolvedConfig } from './config.js';
import { version as esbuildVersion } from './esbuild-api.js';
import type { SharedFallbacks } from './fallback-pass.js';
import { lockfileDigest, lockfileOf } from './lockfile.js';
import type { ShareKey } from './scan.js';

// Bumped when what the pass emits changes shape in a way the stamps below would not see.
const CACHE_FORMAT = 2; // 2: a remote's runtime chunk in the pass

/** The cache entry's description, written last (a folder without it, or with other files, is not trusted). */
interface EntryFile {
  format: number;
  key: string;
  /** SHA-256 (hex) of each output file, by path relative to outDir. */
  files: Record<string, string>;
  groupFiles: [string, string][];
  runtimeFile?: string;
  seenKeys: string[];
  /** Every file the pass read (paths relative to the app root) with its size and mtime. */
  inputs: [string, number, number][];
  metafile: Metafile;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The folder of one app's entry: one per app and kind ('build' or 'dev'), replaced whenever the key changes. */
const entryDir = (config: ResolvedConfig, kind: string) => appCachePath(config.root, join('fallbacks', `${config.name.replace(/[^\w.-]/g, '_')}-${kind}`));

let ownStamp: string | undefined;
/**
 * Tessera's own build code (size and mtime of this module and of the modules that shape the pass's
 * output, those that exist: one bundled file in the published package, the sources in this repo).
 */
function tesseraStamp(): string {
  if (ownStamp === undefined) {
    const own = fileURLToPath(import.meta.url);
    const ext = own.slice(own.lastIndexOf('.'));
    const files = [own, ...['fallback-pass', 'federation-plugin', 'virtual-modules', 'inline-helpers', 'chunk-files', 'eager-factories', 'shift-source-map', 'shared-match', 'esbuild-options'].map((name) => join(dirname(own), `${name}${ext}`))];
    ownStamp = files.filter((file) => existsSync(file)).map((file) => {
      const stat = statSync(file);
      return `${file}:${stat.size}:${stat.mtimeMs}`;
    }).join('|');
  }
  return ownStamp;
}

/** JSON of esbuild options with functions and regular expressions as their source text (as Vite hashes optimizeDeps' esbuildOptions). */
function optionsText(options: BuildOptions): string {
  return JSON.stringify(options, (_, value: unknown) => (typeof value === 'function' || value instanceof RegExp ? String(value) : value));
}

/**
 * What the pass's output depends on, hashed (SHA-256, hex): the installed packages (the lockfile's
 * digest), esbuild's version, Tessera's build code, the app's name (emitted code reads its handle),
 * its share keys and shared config, its remotes' names, the text of its federation.config file,
 * and every esbuild option of the pass (entry points, outDir, minify, sourcemap, target, define with
 * NODE_ENV, the app's plugins as their source text). Undefined without a lockfile: then nothing is cached. Each input file's size and
 * mtime are checked on top when an entry is read (a patched package).
 */
export function fallbackCacheKey(config: ResolvedConfig, shareKeys: Map<string, ShareKey>, options: BuildOptions): string | undefined {
  const lockfile = lockfileOf(config.root);
  if (!lockfile) return undefined;
  // The config file's text too: an esbuild plugin's options live in its closure, which its source text does not show.
  const configText = config.configFile && existsSync(config.configFile) ? sha256(readFileSync(config.configFile)) : '';
  return sha256(JSON.stringify([
    CACHE_FORMAT, esbuildVersion, tesseraStamp(), lockfileDigest(lockfile), configText, config.name, config.shared,
    config.remotes.map((r) => r.name), [...shareKeys], optionsText(options),
  ]));
}

const isInsideOutDir = (file: string) => !isAbsolute(file) && !file.includes('\\') && file.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');

const isFile = (path: string) => !/^[\w-]+:/.test(path) && path !== '<runtime>';

/**
 * The kept pass for `key`, if its entry is whole: the description parses and has this key, every
 * input file still has its size and mtime, and every output file is there with its SHA-256. Any
 * doubt (missing, partial, corrupt, stale) gives undefined: the pass runs again.
 */
export function readFallbackCache(config: ResolvedConfig, kind: string, key: string): Omit<SharedFallbacks, 'cached'> | undefined {
  try {
    const dir = entryDir(config, kind);
    const entry = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8')) as EntryFile;
    if (entry.format !== CACHE_FORMAT || entry.key !== key) return undefined;
    for (const [path, size, mtimeMs] of entry.inputs) {
      const stat = statSync(join(config.root, path));
      if (stat.size !== size || stat.mtimeMs !== mtimeMs) return undefined;
    }
    const files = new Map<string, Uint8Array>();
    for (const [file, digest] of Object.entries(entry.files)) {
      // The files are written into outDir by these names: a plain relative path, or the entry is not used.
      if (!isInsideOutDir(file)) return undefined;
      const contents = readFileSync(join(dir, 'files', file));
      if (sha256(contents) !== digest) return undefined;
      files.set(file, contents);
    }
    return { files, metafile: entry.metafile, groupFiles: new Map(entry.groupFiles), ...(entry.runtimeFile ? { runtimeFile: entry.runtimeFile } : {}), seenKeys: entry.seenKeys };
  } catch {
    return undefined;
  }
}

/**
 * Keeps a pass's output as the app's entry for `kind`: written into a new folder beside it, the
 * description last, then moved into place (a reader never sees a half-written entry as whole).
 * Best effort: a read-only node_modules only costs the next pass. Writes only below the app's
 * node_modules/.cache/tessera.
 */
export function writeFallbackCache(config: ResolvedConfig, kind: string, key: string, pass: Omit<SharedFallbacks, 'cached'>): void {
  const dir = entryDir(config, kind);
  const temporary = `${dir}.${process.pid}-${Date.now()}`;
  try {
    const inputs: [string, number, number][] = Object.keys(pass.metafile.inputs).filter(isFile).map((path) => {
      const stat = statSync(join(config.root, path));
      return [path, stat.size, stat.mtimeMs];
    });
    const files: Record<string, string> = {};
    for (const [file, contents] of pass.files) {
      const path = join(temporary, 'files', file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, contents);
      files[file] = sha256(contents);
    }
    const entry: EntryFile = {
      format: CACHE_FORMAT, key, files, groupFiles: [...pass.groupFiles], ...(pass.runtimeFile ? { runtimeFile: pass.runtimeFile } : {}),
      seenKeys: pass.seenKeys, inputs, metafile: pass.metafile,
    };
    mkdirSync(temporary, { recursive: true });
    writeFileSync(join(temporary, 'entry.json'), JSON.stringify(entry));
    rmSync(dir, { recursive: true, force: true });
    renameSync(temporary, dir);
  } catch {
    // Another process put its entry in place first, or node_modules is read-only: the next build runs the pass again.
    rmSync(temporary, { recursive: true, force: true });
  }
}
