import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { InitOptions, ShareStrategy } from '@tessera/runtime';
// From the options entry, not the package's main one: a build loads 4 of the runtime's modules, not all of them.
import { FederationError, isValidRange, normalizeRemotes, normalizeShared, parseVersion } from '@tessera/runtime/options';
import type { RemoteEntryType, RemoteInfo, RemoteInput, ResolvedShared } from '@tessera/runtime/options';
import { esbuildPassThrough, federationOwned, type EsbuildConfig, type ResolvedEsbuildConfig } from './esbuild-options.js';
import { findInstalledPackage, packageNameOf, readPackageJson, type PackageJson } from './installed-package.js';
import { isInside, outDirProblem } from './output-safety.js';
import { show } from './show-value.js';
import { libraryProblem, notNeeded, notSupported, remoteTypeOf } from './webpack-options.js';

/** One shared module as `federation.config.ts` declares it (webpack's `shared` item options). */
export interface SharedConfig {
  singleton?: boolean;
  /** npm range. Default: the range in the app's package.json, else `^version`. false: any version. */
  requiredVersion?: string | false;
  /** Default (as webpack): true when not a singleton and `import` is not false. */
  strictVersion?: boolean;
  /** Bundle it into the entry and provide it synchronously. Default false. */
  eager?: boolean;
  /** false: consume only; never bundled, never provided. (webpack also allows the import request: only the key itself is accepted.) */
  import?: false | string;
  /** Provided version (semver). Default: the installed package's version. */
  version?: string;
  /** Share scope of this package. Default: the top-level `shareScope`. */
  shareScope?: string;
  /** webpack: the package whose installed version and package.json range apply. Default: the key's package. */
  packageName?: string;
  /** webpack: the key in the share scope. Only the config key itself is accepted (Tessera shares a package under its import name). */
  shareKey?: string;
}

/** A remote given as an object: Tessera's `RemoteInput` without the name, or webpack's `{ external, shareScope }`. */
export type RemoteConfig = Omit<RemoteInput, 'name'> | { external: string; shareScope?: string };

/** An exposed module: a file path, or webpack's `{ import: path }`. */
export type ExposeConfig = string | { import: string | [string]; name?: string };

/** `federation.config.ts`, given to `defineConfig`. docs/config.md describes every key. */
export interface FederationConfig {
  /** Container name: unique per page, a valid JS identifier (it is also the `var` global). */
  name: string;
  /** Remote entry file name, a plain name written inside `outDir`. Default 'remoteEntry.js'. */
  filename?: string;
  /** Exposed modules: `{ './ProductList': './src/ProductList.tsx' }`. */
  exposes?: Record<string, ExposeConfig>;
  /**
   * Remotes this app loads: name → URL of a remote entry or `mf-manifest.json`, webpack's
   * `'name@url'` (a script entry setting `globalThis[name]`), or an object.
   */
  remotes?: Record<string, string | string[] | RemoteConfig>;
  /** Shared packages: names, or name → options (a string is the `requiredVersion`). Subpath imports ('react/jsx-runtime') are shared with their package. */
  shared?: string[] | Record<string, SharedConfig | string>;
  /** Share scope this app's shared packages and remotes use unless they name their own. Default 'default'. */
  shareScope?: string;
  /** Default 'version-first'. */
  shareStrategy?: ShareStrategy;
  /** The app's own entry (a host): built behind an automatic async boundary as `main.js`. */
  entry?: string;
  /** An HTML page copied to the output, for a host. Default: './index.html' when it exists. */
  html?: string;
  /**
   * Output folder, relative to the app. Default 'dist'. Refused when it is the app folder, contains
   * it, or contains a source (exposes, entry, html). Files of earlier builds are removed from it
   * only when it lies inside the app folder.
   */
  outDir?: string;
  /** Folder whose files are copied as they are into `outDir` (favicon, robots.txt). Default 'public' (when it exists); false: none. */
  publicDir?: string | false;
  /** URL prefix of asset files in the output (`https://cdn.example.com/app/`). Default 'auto': relative to the importing file. */
  publicPath?: string;
  /** 'production' (default) or 'development': sets `process.env.NODE_ENV` and the defaults of `minify` and `sourcemap`. */
  mode?: 'production' | 'development';
  /** Minify output. Default: true in production, false in development. */
  minify?: boolean;
  /** Source maps: true (linked files), 'inline', 'external', or false. Default: false in production, true in development. */
  sourcemap?: boolean | 'inline' | 'external' | 'linked';
  /** esbuild options passed through (plugins, define, alias, loader, jsxImportSource, target, …). */
  esbuild?: EsbuildConfig;
  /** Runtime plugin modules (each default-exports a `FederationPlugin` or a function returning one). */
  runtimePlugins?: string[];
  /** Write declarations of the exposed modules to `dist/@types/` (needs `typescript` installed). Default true. */
  dts?: boolean;
  /** `tessera dev` only: the dev server's port (0 or absent: a free one; the CLI's `--port` wins). */
  dev?: { port?: number };
  /**
   * Keep the shared fallbacks' build, the share-key scan (and `tessera dev`'s module list) in the app's node_modules/.cache/tessera
   * and reuse them while nothing they depend on changed (as webpack's and Rspack's `cache`, Vite's
   * dependency pre-bundling). Default true; false (or the CLI's `--no-cache`): built every time, never kept.
   */
  cache?: boolean;
  /** Per attempt of each network step of a remote (manifest, entry, chunk, stylesheet), in ms. Default 8000. Per remote too, in `remotes`. */
  timeout?: number;
  /** Retries after a network error, timeout or HTTP 5xx. Default 2. Per remote too. */
  retries?: number;
  /** 'version-first' start-up waits at most this long for a remote, in ms. Default 2000. Per remote too. */
  shareInitTimeout?: number;
  /** Verify remotes against the hashes in their manifest before their code runs. Default true. */
  integrity?: boolean;
  /** CSP nonce for every element the runtime adds to the page. */
  nonce?: string;
  /**
   * A host's build reads its remotes' `mf-manifest.json` (http(s) or `file:` URLs) and writes them
   * into its entry, so that its start-up does not wait for them (Module Federation 2.0's snapshot).
   * Trade-off: until the host is rebuilt, a redeployed remote costs one failed load before the
   * runtime fetches its manifest again, and its new shared versions do not take part in the host's
   * start-up negotiation. `tessera build` only (`dev` and `--watch` read the manifests live). Default false.
   */
  snapshot?: boolean;
  /** webpack: the default `type` of every remote ('module', 'var', 'script'). */
  remoteType?: string;
  /** webpack: `{ type, name }` of the remote entry. Tessera writes both an ES module and a `var` script entry. */
  library?: { type?: string; name?: string };
  /** webpack: not needed (ignored with a warning). */
  runtime?: unknown;
  /** webpack: not needed (ignored with a warning). */
  implementation?: unknown;
  /** Module Federation 2.0: mf-manifest.json is always written (ignored with a warning). */
  manifest?: unknown;
}

/** Typed identity: `export default defineConfig({ ... })`. */
export function defineConfig(config: FederationConfig): FederationConfig {
  return config;
}

/**
 * A shared package as the build resolves it: the runtime's `ResolvedShared` (same defaults,
 * computed by the runtime's `normalizeShared`) plus where the package is installed.
 */
export interface SharedPackage extends Omit<ResolvedShared, 'provide' | 'version'> {
  /** The version this app provides (or, consume-only, '0.0.0' when not installed). */
  version: string;
  packageName: string;
  /** Folder of the installed package ('' when consume-only and not installed). */
  packageDir: string;
  /** false: consume only; never bundled, never provided. */
  import: boolean;
}

/** Config with every default applied and every path absolute; read by the rest of the build. */
export interface ResolvedConfig {
  root: string;
  /** The config file it came from ('' when given as an object). */
  configFile: string;
  name: string;
  filename: string;
  exposes: Record<string, string>;
  /** Remotes, normalised once by the runtime's `normalizeRemotes` (`name@url` parsed, types and scopes filled in). */
  remotes: RemoteInfo[];
  shared: Record<string, SharedPackage>;
  shareScope: string;
  shareStrategy: ShareStrategy;
  entry?: string;
  html?: string;
  outDir: string;
  /** Whether a build may delete files of earlier builds in `outDir`: only when it lies inside the app root (as Vite's `emptyOutDir`). */
  cleanOutDir: boolean;
  /** Absolute folder copied into `outDir`, when there is one. */
  publicDir?: string;
  publicPath: string;
  mode: 'production' | 'development';
  minify: boolean;
  sourcemap: boolean | 'inline' | 'external' | 'linked';
  esbuild: ResolvedEsbuildConfig;
  runtimePlugins: string[];
  dts: boolean;
  /** Whether the build reuses and keeps its caches in node_modules/.cache/tessera (see `FederationConfig.cache`). */
  cache: boolean;
  /** The app's package.json version, for the manifest. */
  version: string;
  /** `tessera dev`'s port for this app, when the config names one. */
  devPort?: number;
  /** What the config asks that Tessera ignores, or cannot do here, each with why. Printed by the CLI. */
  warnings: string[];
  /** The runtime options the config sets, passed as they are to the generated `init` call. */
  runtime: RuntimeConfig;
  /** Whether `tessera build` writes the remotes' manifests into the host's entry (see `FederationConfig.snapshot`). */
  snapshot: boolean;
}

/** The runtime options of `init` that `federation.config.ts` sets. */
export type RuntimeConfig = Pick<InitOptions, 'timeout' | 'retries' | 'shareInitTimeout' | 'integrity' | 'nonce'>;
const runtimeKeys = ['timeout', 'retries', 'shareInitTimeout', 'integrity', 'nonce'] as const;

const tesseraKeys = [
  'name', 'filename', 'exposes', 'remotes', 'shared', 'shareScope', 'shareStrategy', 'entry', 'html', 'outDir',
  'publicDir', 'publicPath', 'mode', 'minify', 'sourcemap', 'esbuild', 'runtimePlugins', 'dts', 'dev', 'cache', 'snapshot', ...runtimeKeys,
] as const;
const webpackKeys = ['remoteType', 'library', ...Object.keys(notNeeded)];
/** Every top-level key the config type has. docs/config.md is checked against this list. */
export const configKeys: readonly string[] = [...tesseraKeys, ...webpackKeys];
/** Every option of a `shared` item. */
export const sharedKeys: readonly string[] = ['singleton', 'requiredVersion', 'strictVersion', 'eager', 'import', 'version', 'shareScope', 'packageName', 'shareKey'];
/** Every option of a remote given as an object. */
export const remoteKeys: readonly string[] = ['entry', 'alias', 'type', 'shareScope', 'entryGlobalName', 'external', 'timeout', 'retries', 'shareInitTimeout'];
const remoteTypes = ['module', 'esm', 'var', 'script', 'global'];
/** A remote's name is the first segment of its imports ('catalog/ProductList'): an identifier, '-' and '.' allowed, or a scoped name. */
const REMOTE_NAME = /^(?:@[A-Za-z0-9][\w.-]*\/)?[A-Za-z_$][\w$.-]*$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Options of `resolveConfig`. */
export interface ResolveOptions {
  /** The config file, named in errors. Default: 'federation.config.ts'. */
  configFile?: string;
}

/**
 * Checks a config and fills in its defaults, once. Every mistake is reported at once in one
 * FederationError `TESSERA_CONFIG_INVALID` naming the config file, each line saying which key is
 * wrong and what to write instead: unknown keys (with the closest known one), wrong types, exposed
 * files that do not exist, shared packages that are not installed, versions and ranges that are not
 * semver, remotes whose name or URL is not usable, webpack options Tessera cannot support (and why).
 */
export function resolveConfig(config: FederationConfig, root: string, options: ResolveOptions = {}): ResolvedConfig {
  const configFile = options.configFile ?? '';
  const label = configFile ? basename(configFile) : 'federation.config.ts';
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw invalid(label, ['the config must be an object: export default defineConfig({ name, ... })']);
  for (const key of Object.keys(config)) {
    if (key in notSupported) problems.push(`"${key}" is not supported: ${notSupported[key]}`);
    else if (key in notNeeded) warnings.push(`"${key}" is ignored: ${notNeeded[key]}`);
    else if (!configKeys.includes(key)) problems.push(`unknown key "${key}"${suggest(key, configKeys)}`);
  }
  if (typeof config.name !== 'string' || !IDENTIFIER.test(config.name)) {
    problems.push(`"name" must be a JavaScript identifier such as "catalog" (got ${show(config.name)})`);
  }
  const optionalString = (key: 'filename' | 'shareScope' | 'entry' | 'html' | 'outDir' | 'publicPath') => {
    if (config[key] !== undefined && (typeof config[key] !== 'string' || !config[key])) {
      const why = key === 'shareScope' && Array.isArray(config[key]) ? ': one scope per app (remotes and shared packages may each name their own)' : '';
      problems.push(`"${key}" must be a non-empty string (got ${show(config[key])})${why}`);
    }
  };
  (['filename', 'shareScope', 'entry', 'html', 'outDir', 'publicPath'] as const).forEach(optionalString);
  if (config.shareStrategy !== undefined && config.shareStrategy !== 'version-first' && config.shareStrategy !== 'loaded-first') {
    problems.push(`"shareStrategy" must be "version-first" or "loaded-first" (got ${show(config.shareStrategy)})`);
  }
  if (typeof config.filename === 'string' && config.filename && (basename(config.filename) !== config.filename || !/^[\w.-]+\.m?js$/.test(config.filename) || config.filename.startsWith('.'))) {
    problems.push(`"filename" must be a plain file name ending in .js, such as "remoteEntry.js" (got ${JSON.stringify(config.filename)}): it is written inside outDir`);
  }
  const optionalBoolean = (key: 'minify' | 'dts' | 'cache') => {
    if (config[key] !== undefined && typeof config[key] !== 'boolean') {
      const why = key === 'dts' && typeof config[key] === 'object' ? ": Module Federation 2.0's object form is not supported (tessera types fetches remotes' declarations)" : '';
      problems.push(`"${key}" must be true or false (got ${show(config[key])})${why}`);
    }
  };
  (['minify', 'dts', 'cache'] as const).forEach(optionalBoolean);
  if (config.mode !== undefined && config.mode !== 'production' && config.mode !== 'development') {
    problems.push(`"mode" must be "production" or "development" (got ${show(config.mode)})`);
  }
  if (config.sourcemap !== undefined && ![true, false, 'inline', 'external', 'linked'].includes(config.sourcemap)) {
    problems.push(`"sourcemap" must be true, false, "inline", "external" or "linked" (got ${show(config.sourcemap)})`);
  }
  if (config.publicDir !== undefined && config.publicDir !== false && (typeof config.publicDir !== 'string' || !config.publicDir)) {
    problems.push(`"publicDir" must be a folder path or false (got ${show(config.publicDir)})`);
  }
  if (typeof config.publicPath === 'string' && config.publicPath !== 'auto' && !/^(https?:\/\/[^\s]+|\/[^\s]*)\/$/.test(config.publicPath)) {
    problems.push(`"publicPath" must be "auto", an absolute path or an http(s) URL ending in "/", such as "https://cdn.example.com/app/" (got ${JSON.stringify(config.publicPath)})`);
  }
  if (config.library !== undefined) {
    const problem = libraryProblem(config.library, config.name);
    if (problem) problems.push(problem);
  }
  let defaultRemoteType: RemoteEntryType | undefined;
  if (config.remoteType !== undefined) {
    const mapped = remoteTypeOf(config.remoteType);
    if ('problem' in mapped) problems.push(mapped.problem);
    else defaultRemoteType = mapped.type;
  }
  const devPort = config.dev?.port;
  if (config.dev !== undefined && (typeof config.dev !== 'object' || (devPort !== undefined && (!Number.isInteger(devPort) || devPort < 0 || devPort > 65535)))) {
    problems.push('"dev" must be { port: <0-65535> }');
  }

  const exposes = resolveExposes(config.exposes, root, problems, warnings);
  const shareScope = typeof config.shareScope === 'string' && config.shareScope ? config.shareScope : 'default';
  const remotes = resolveRemotes(config.remotes, shareScope, defaultRemoteType, problems);
  const entry = typeof config.entry === 'string' && config.entry ? resolve(root, config.entry) : undefined;
  if (entry && !existsSync(entry)) problems.push(`"entry": ${config.entry} does not exist (looked for ${entry})`);
  const html = typeof config.html === 'string' && config.html ? resolve(root, config.html) : existsSync(resolve(root, 'index.html')) ? resolve(root, 'index.html') : undefined;
  if (html && !existsSync(html)) problems.push(`"html": ${config.html} does not exist (looked for ${html})`);
  if (!entry && Object.keys(exposes).length === 0 && problems.length === 0) {
    problems.push('nothing to build: give "exposes" (a remote) or "entry" (a host), or both');
  }
  const plugins = config.runtimePlugins ?? [];
  if (!Array.isArray(plugins) || plugins.some((p) => typeof p !== 'string' || !p)) problems.push('"runtimePlugins" must be an array of module paths');

  const appPackage = readJson(() => readPackageJson(root), `${root}/package.json`, problems);
  const shared = resolveShared(config.shared, root, appPackage, shareScope, problems);
  const esbuild = resolveEsbuild(config.esbuild, problems);
  const outDir = resolve(root, typeof config.outDir === 'string' && config.outDir ? config.outDir : 'dist');
  const sources = [...Object.values(exposes), ...(entry ? [entry] : []), ...(html ? [html] : [])];
  const outDirMistake = outDirProblem(outDir, root, sources);
  if (outDirMistake) problems.push(`"outDir": ${outDirMistake}`);
  const publicDir = resolvePublicDir(config.publicDir, root, outDir, problems);

  const mode = config.mode ?? 'production';
  let dts = config.dts ?? true;
  if (dts && Object.keys(exposes).length && !readJson(() => findInstalledPackage('typescript', root), 'the package.json of typescript', problems)) {
    warnings.push('"dts": typescript is not installed, so no declarations of the exposed modules are written (hosts get no types from this remote); npm install -D typescript, or set dts: false');
    dts = false;
  }
  const runtime = runtimeConfig(config, problems);
  const snapshot = config.snapshot ?? false;
  if (typeof snapshot !== 'boolean') problems.push(`"snapshot" must be a boolean (got ${show(snapshot)})`);
  else if (snapshot && !remotes.some((r) => r.entries.some((e) => e.manifest))) warnings.push('"snapshot": no remote is given by its mf-manifest.json URL, so there is nothing to snapshot');
  if (problems.length) throw invalid(label, problems);
  return {
    runtime,
    root,
    configFile,
    name: config.name,
    filename: config.filename ?? 'remoteEntry.js',
    exposes,
    remotes,
    shared,
    shareScope,
    shareStrategy: config.shareStrategy ?? 'version-first',
    ...(entry ? { entry } : {}),
    ...(html ? { html } : {}),
    outDir,
    cleanOutDir: isInside(outDir, root),
    ...(publicDir ? { publicDir } : {}),
    publicPath: config.publicPath ?? 'auto',
    mode,
    minify: config.minify ?? mode === 'production',
    sourcemap: config.sourcemap ?? mode === 'development',
    esbuild,
    runtimePlugins: (plugins as string[]).map((p) => (p.startsWith('.') ? resolve(root, p) : p)),
    dts,
    cache: config.cache ?? true,
    version: appPackage?.version ?? '0.0.0',
    ...(devPort ? { devPort } : {}),
    warnings,
    snapshot: snapshot === true,
  };
}

/** The runtime options set in the config, checked: numbers ≥ 0, `integrity` a boolean, `nonce` a string. */
function runtimeConfig(config: FederationConfig, problems: string[]): RuntimeConfig {
  const runtime: Record<string, unknown> = {};
  for (const key of runtimeKeys) {
    const value = config[key];
    if (value === undefined) continue;
    const type = key === 'integrity' ? 'boolean' : key === 'nonce' ? 'string' : 'number';
    if (typeof value !== type || (type === 'number' && !((value as number) >= 0))) problems.push(`"${key}" must be a ${type}${type === 'number' ? ' ≥ 0' : ''} (got ${show(value)})`);
    else runtime[key] = value;
  }
  return runtime;
}

function resolveExposes(input: unknown, root: string, problems: string[], warnings: string[]): Record<string, string> {
  const exposes: Record<string, string> = {};
  if (Array.isArray(input)) {
    problems.push('"exposes" must be an object of public name → file, such as { "./Button": "./src/Button.tsx" }: webpack\'s array form has no public names');
    return exposes;
  }
  for (const [name, value] of Object.entries(objectOrEmpty(input, 'exposes', problems))) {
    if (!name.startsWith('./') || name.length < 3) {
      problems.push(`exposes: "${name}" must start with "./" (e.g. "./${name.replace(/^\.?\/?/, '') || 'Button'}")`);
    }
    let path: unknown = value;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const { import: request, name: chunkName, ...rest } = value as { import?: unknown; name?: unknown };
      for (const key of Object.keys(rest)) problems.push(`exposes["${name}"]: unknown option "${key}" (an expose is a file path, or { import: path })`);
      if (chunkName !== undefined) warnings.push(`exposes["${name}"].name is ignored: chunks are named by content hash`);
      path = Array.isArray(request) && request.length === 1 ? request[0] : request;
    }
    if (typeof path !== 'string' || !path) {
      problems.push(`exposes["${name}"] must be a file path such as "./src/Button.tsx" (got ${show(value)}); an expose is one module`);
      continue;
    }
    const file = resolve(root, path);
    const duplicate = Object.entries(exposes).find(([other, otherFile]) => other.replace(/\/$/, '') === name.replace(/\/$/, '') && otherFile !== file);
    if (duplicate) problems.push(`exposes: "${name}" and "${duplicate[0]}" are the same public name for two files; give each expose its own name`);
    if (!existsSync(file)) problems.push(`exposes["${name}"]: ${path} does not exist (looked for ${file})`);
    exposes[name] = file;
  }
  return exposes;
}

function resolveRemotes(input: unknown, shareScope: string, defaultType: RemoteEntryType | undefined, problems: string[]): RemoteInfo[] {
  const remotes: RemoteInfo[] = [];
  for (const [name, value] of Object.entries(objectOrEmpty(input, 'remotes', problems))) {
    const at = `remotes["${name}"]`;
    let ok = true;
    const problem = (text: string) => {
      problems.push(`${at}${text}`);
      ok = false;
    };
    if (!REMOTE_NAME.test(name)) problem(`: "${name}" is not a usable remote name (it begins the imports, as in "${name.replace(/[^\w$.-]/g, '') || 'catalog'}/Button"); use letters, digits, "_", "-" and "."`);
    const object = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    if (object) {
      for (const key of Object.keys(object)) if (!remoteKeys.includes(key)) problem(`: unknown option "${key}"${suggest(key, remoteKeys)}`);
      if (object.entry !== undefined && object.external !== undefined) problem(': give "entry" or webpack\'s "external", not both');
      if (object.type !== undefined && !remoteTypes.includes(object.type as string)) problem(`.type must be one of ${remoteTypes.map((t) => `"${t}"`).join(', ')} (got ${show(object.type)})`);
      for (const key of ['alias', 'shareScope', 'entryGlobalName'] as const) {
        if (object[key] !== undefined && (typeof object[key] !== 'string' || !object[key])) problem(`.${key} must be a non-empty string (got ${show(object[key])})`);
      }
    }
    // One URL, or a list: the primary entry, then mirrors tried in order when it fails.
    const entry = object ? (object.entry ?? object.external) : value;
    const urls: unknown[] = Array.isArray(entry) ? entry : [entry];
    if (!urls.length || urls.some((url) => typeof url !== 'string' || !url)) {
      problem(` needs an entry URL (remote entry or mf-manifest.json), or a list of them (primary, then mirrors), such as "http://localhost:4001/mf-manifest.json" (got ${show(entry)})`);
      continue;
    }
    if (!ok) continue;
    const { external: _external, ...rest } = (object ?? {}) as Record<string, unknown>;
    void _external;
    const remote: RemoteInput = { ...(rest as Omit<RemoteInput, 'name' | 'entry'>), name, entry: entry as string | string[] };
    // The runtime parses `name@url` and fills in the defaults; what it made of the entry is checked here.
    // webpack's `remoteType` is the type of remotes that say none; `name@url` always names a script's global.
    let info = normalizeRemotes([remote], shareScope)[0]!;
    if (defaultType && !rest.type && info.entry === urls[0]) info = normalizeRemotes([{ ...remote, type: defaultType }], shareScope)[0]!;
    if (info.type === 'var' && !IDENTIFIER.test(info.entryGlobalName)) problem(`: the global name ${JSON.stringify(info.entryGlobalName)} (before "@", or the remote's name) must be a JavaScript identifier; set entryGlobalName`);
    const notUrl = info.entries.find((e) => !isEntryUrl(e.url));
    if (notUrl) problem(`: ${JSON.stringify(notUrl.url)} is not a URL; write a full http(s) URL (file: for Node hosts) or an absolute path, such as "http://localhost:4001/mf-manifest.json" or "/catalog/remoteEntry.js"`);
    if (ok) remotes.push(info);
  }
  return remotes;
}

function isEntryUrl(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return !/\s/.test(url);
  try {
    const parsed = new URL(url);
    // file: serves Node hosts (SSR, tests); a browser host needs http(s).
    return ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && !!parsed.host) || (parsed.protocol === 'file:' && parsed.pathname.length > 1);
  } catch {
    return false;
  }
}

function resolveShared(input: unknown, root: string, appPackage: PackageJson | undefined, shareScope: string, problems: string[]): Record<string, SharedPackage> {
  const shared: Record<string, SharedPackage> = {};
  let entries: [string, unknown][];
  if (Array.isArray(input)) {
    entries = [];
    for (const item of input) {
      if (typeof item === 'string' && item) entries.push([item, {}]);
      else problems.push(`"shared" as a list must hold package names such as "react" (got ${show(item)})`);
    }
  } else {
    entries = Object.entries(objectOrEmpty(input, 'shared', problems));
  }
  for (const [key, raw] of entries) {
    const at = `shared["${key}"]`;
    if (!/^(@[\w.-]+\/)?[\w.-]+(\/[\w.@-]+)*$/.test(key)) {
      problems.push(`${at}: "${key}" is not a package name or a package subpath, such as "react" or "react-dom/client"`);
      continue;
    }
    if (raw !== undefined && raw !== null && typeof raw !== 'string' && (typeof raw !== 'object' || Array.isArray(raw))) {
      problems.push(`${at} must be an options object or a requiredVersion string (got ${show(raw)})`);
      continue;
    }
    const options: SharedConfig = typeof raw === 'string' ? { requiredVersion: raw } : ((raw ?? {}) as SharedConfig);
    const before = problems.length;
    for (const option of Object.keys(options)) {
      if (!sharedKeys.includes(option)) problems.push(`${at}: unknown option "${option}"${suggest(option, sharedKeys)}`);
    }
    for (const flag of ['singleton', 'strictVersion', 'eager'] as const) {
      const value = options[flag];
      if (value !== undefined && typeof value !== 'boolean') {
        problems.push(`${at}.${flag} must be true or false (got ${show(value)}${typeof value === 'string' ? `: a string is always true; write ${flag}: ${value === 'false' ? 'false' : 'true'}` : ''})`);
      }
    }
    const required = options.requiredVersion;
    if (required !== undefined && required !== false && (typeof required !== 'string' || !isValidRange(required))) {
      problems.push(`${at}.requiredVersion must be an npm range such as "^18.2.0" or ">=18", or false for any version (got ${show(required)})`);
    }
    if (options.version !== undefined && (typeof options.version !== 'string' || !parseVersion(options.version))) {
      problems.push(`${at}.version must be a semver version such as "18.2.0" (got ${show(options.version)}); leave it out to use the installed package's version`);
    }
    if (options.shareScope !== undefined && (typeof options.shareScope !== 'string' || !options.shareScope)) {
      problems.push(`${at}.shareScope must be a non-empty string (got ${show(options.shareScope)})`);
    }
    if (options.import !== undefined && options.import !== false && options.import !== key) {
      problems.push(`${at}.import: only false (consume only) is supported (got ${show(options.import)}); Tessera provides the package named by the key, so rename the key to the package to provide`);
    }
    if (options.shareKey !== undefined && options.shareKey !== key) {
      problems.push(`${at}.shareKey: Tessera shares a package under its import name, so shareKey must equal the key (got ${show(options.shareKey)}); rename the key to ${show(options.shareKey)}`);
    }
    if (options.packageName !== undefined && (typeof options.packageName !== 'string' || !/^(@[\w.-]+\/)?[\w.-]+$/.test(options.packageName))) {
      problems.push(`${at}.packageName must be a package name such as "react" (got ${show(options.packageName)})`);
    }
    if (problems.length > before) continue;
    const packageName = options.packageName ?? packageNameOf(key);
    const importOn = options.import !== false;
    const installed = readJson(() => findInstalledPackage(packageName, root), `the package.json of ${packageName}`, problems);
    if (!installed && importOn) {
      problems.push(`${at}: package "${packageName}" is not installed (no node_modules/${packageName} from ${root}); run npm install ${packageName}, or set import: false to only consume it`);
      continue;
    }
    if (installed && !parseVersion(installed.version) && options.version === undefined) {
      problems.push(`${at}: the installed ${packageName} has version ${show(installed.version)}, which is not semver; set version: "x.y.z"`);
      continue;
    }
    const version = options.version ?? installed?.version ?? '0.0.0';
    const declared = appPackage?.dependencies?.[packageName] ?? appPackage?.peerDependencies?.[packageName] ?? appPackage?.devDependencies?.[packageName];
    const requiredVersion = required !== undefined ? required : declared && isValidRange(declared) ? declared : `^${version}`;
    // The runtime computes every other default (strictVersion, eager, scope), so build and runtime agree.
    const { provide, ...resolved } = normalizeShared(
      key,
      {
        version,
        requiredVersion,
        shareScope: options.shareScope ?? shareScope,
        ...(options.singleton !== undefined ? { singleton: options.singleton } : {}),
        ...(options.strictVersion !== undefined ? { strictVersion: options.strictVersion } : {}),
        ...(options.eager !== undefined ? { eager: options.eager } : {}),
        ...(importOn ? { get: providedByBuild } : { import: false as const }),
      },
      shareScope,
    );
    void provide;
    shared[key] = { ...resolved, version, packageName, packageDir: installed?.dir ?? '', import: importOn };
  }
  return shared;
}

/**
 * Stands for "this app provides the package" when the build asks the runtime to resolve its
 * options; the code the build emits supplies the real loader.
 */
function providedByBuild(): never {
  throw new FederationError('TESSERA_INVALID_OPTIONS', 'A build-time placeholder of a shared module loader was called', {
    hint: 'This is a bug in @tessera/build: please report it',
  });
}

function resolveEsbuild(input: unknown, problems: string[]): ResolvedEsbuildConfig {
  const options = objectOrEmpty(input, 'esbuild', problems) as Record<string, unknown>;
  const resolved: Record<string, unknown> = {};
  const known = Object.keys(esbuildPassThrough);
  for (const [key, value] of Object.entries(options)) {
    if (key in federationOwned) {
      problems.push(`esbuild.${key} is set by the federation build: ${federationOwned[key]}`);
      continue;
    }
    const kind = esbuildPassThrough[key as keyof EsbuildConfig];
    if (!kind) {
      problems.push(`esbuild.${key} is not passed through${suggest(key, known)}; passed options: ${known.join(', ')}`);
      continue;
    }
    const fits =
      kind === 'array' ? Array.isArray(value)
        : kind === 'object' ? !!value && typeof value === 'object' && !Array.isArray(value)
          : kind === 'string-or-array' ? typeof value === 'string' || Array.isArray(value)
            : typeof value === kind;
    if (!fits) problems.push(`esbuild.${key} must be ${kind === 'string-or-array' ? 'a string or an array' : `a${kind === 'array' || kind === 'object' ? 'n' : ''} ${kind}`} (got ${show(value)})`);
    else resolved[key] = value;
  }
  const plugins = (resolved.plugins as unknown[] | undefined) ?? [];
  if (plugins.some((p) => !p || typeof p !== 'object' || typeof (p as { name?: unknown }).name !== 'string' || typeof (p as { setup?: unknown }).setup !== 'function')) {
    problems.push('esbuild.plugins must hold esbuild plugins ({ name, setup })');
  }
  return { ...resolved, plugins } as ResolvedEsbuildConfig;
}

function resolvePublicDir(input: string | false | undefined, root: string, outDir: string, problems: string[]): string | undefined {
  if (input === false) return undefined;
  const dir = resolve(root, typeof input === 'string' && input ? input : 'public');
  const exists = existsSync(dir) && statSync(dir).isDirectory();
  if (!exists) {
    if (typeof input === 'string') problems.push(`"publicDir": ${input} is not a folder (looked for ${dir}); leave it out or set false`);
    return undefined;
  }
  if (isInside(outDir, dir) || isInside(dir, outDir) || dir === outDir) problems.push(`"publicDir": ${dir} and outDir ${outDir} must not contain each other`);
  return dir;
}

/** Reads a package.json through `read`; a file that is not JSON becomes a problem instead of a SyntaxError. */
function readJson<T>(read: () => T, what: string, problems: string[]): T | undefined {
  try {
    return read();
  } catch (error) {
    problems.push(`${what} could not be read: ${(error as Error)?.message ?? error}`);
    return undefined;
  }
}

function invalid(label: string, problems: string[]): FederationError {
  return new FederationError('TESSERA_CONFIG_INVALID', `${label} is invalid:\n  - ${problems.join('\n  - ')}\n `, {
    hint: `Fix the keys listed above in ${label} (docs/config.md describes every key)`,
  });
}

function objectOrEmpty(value: unknown, key: string, problems: string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`"${key}" must be an object (got ${show(value)})`);
    return {};
  }
  return value as Record<string, unknown>;
}

function suggest(word: string, known: readonly string[]): string {
  const distance = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0]![j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length]![b.length]!;
  };
  const best = known.map((k) => [k, distance(word.toLowerCase(), k.toLowerCase())] as const).sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= 3 ? ` (did you mean "${best[0]}"?)` : '';
}
