import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { FederationError } from '@tessera/runtime';
import type { InitOptions, RemoteInput, ShareStrategy } from '@tessera/runtime';
import { findInstalledPackage, packageNameOf, readPackageJson } from './installed-package.js';
import { isInside, outDirProblem } from './output-safety.js';

/** One shared module as `federation.config.ts` declares it (webpack's `shared` item options). */
export interface SharedConfig {
  singleton?: boolean;
  /** npm range. Default: the range in the app's package.json. false: any version. */
  requiredVersion?: string | false;
  /** Default (as webpack): true when not a singleton and `import` is not false. */
  strictVersion?: boolean;
  /** Bundle it into the entry and provide it synchronously. */
  eager?: boolean;
  /** false: consume only; never bundled, never provided. */
  import?: false;
  /** Provided version. Default: the installed package's version. */
  version?: string;
  shareScope?: string;
}

/** `federation.config.ts`, given to `defineConfig`. */
export interface FederationConfig {
  /** Container name: unique per page, a valid JS identifier (it is also the `var` global). */
  name: string;
  /** Remote entry file name, a plain name written inside `outDir`. Default 'remoteEntry.js'. */
  filename?: string;
  /** Exposed modules: `{ './ProductList': './src/ProductList.tsx' }`. */
  exposes?: Record<string, string>;
  /** Remotes this app loads: name → remote entry or `mf-manifest.json` URL, or a `RemoteInput` without name. */
  remotes?: Record<string, string | Omit<RemoteInput, 'name'>>;
  /** Shared packages: names, or name → options (a string is the `requiredVersion`). Subpath imports ('react/jsx-runtime') are shared with their package. */
  shared?: string[] | Record<string, SharedConfig | string>;
  /** Default 'default'. */
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
  /** Minify output. Default true. */
  minify?: boolean;
  /** Runtime plugin modules (each default-exports a `FederationPlugin` or a function returning one). */
  runtimePlugins?: string[];
  /** Write declarations of the exposed modules to `dist/@types/` (needs `typescript` installed). Default true. */
  dts?: boolean;
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
  /** `tessera dev` only: the dev server's port (0 or absent: a free one; the CLI's `--port` wins). */
  dev?: { port?: number };
}

/** The runtime options of `init` that `federation.config.ts` sets, passed as they are to the generated `init` call. */
export type RuntimeConfig = Pick<InitOptions, 'timeout' | 'retries' | 'shareInitTimeout' | 'integrity' | 'nonce'>;

/** Typed identity: `export default defineConfig({ ... })`. */
export function defineConfig(config: FederationConfig): FederationConfig {
  return config;
}

export interface ResolvedShared {
  /** Share key of the configured package, e.g. 'react'. */
  key: string;
  packageName: string;
  /** Folder of the installed package. */
  packageDir: string;
  version: string;
  requiredVersion: string | false;
  singleton: boolean;
  strictVersion: boolean;
  eager: boolean;
  import: boolean;
  shareScope: string;
}

/** Config with every default applied and every path absolute; read by the rest of the build. */
export interface ResolvedConfig {
  root: string;
  name: string;
  filename: string;
  exposes: Record<string, string>;
  remotes: Record<string, string | Omit<RemoteInput, 'name'>>;
  shared: Record<string, ResolvedShared>;
  shareScope: string;
  shareStrategy: ShareStrategy;
  entry?: string;
  html?: string;
  outDir: string;
  /** Whether a build may delete files of earlier builds in `outDir`: only when it lies inside the app root (as Vite's `emptyOutDir`). */
  cleanOutDir: boolean;
  minify: boolean;
  runtimePlugins: string[];
  dts: boolean;
  /** The app's package.json version, for the manifest. */
  version: string;
  runtime: RuntimeConfig;
  /** `tessera dev`'s port for this app, when the config names one. */
  devPort?: number;
}

const runtimeKeys = ['timeout', 'retries', 'shareInitTimeout', 'integrity', 'nonce'] as const;
const configKeys = ['name', 'filename', 'exposes', 'remotes', 'shared', 'shareScope', 'shareStrategy', 'entry', 'html', 'outDir', 'minify', 'runtimePlugins', 'dts', 'dev', ...runtimeKeys];
const sharedKeys = ['singleton', 'requiredVersion', 'strictVersion', 'eager', 'import', 'version', 'shareScope'];

/**
 * Checks a config and fills in its defaults, once. Every mistake is a FederationError
 * `TESSERA_CONFIG_INVALID` saying which key is wrong and what to write instead: unknown keys
 * (with the closest known one), wrong types, exposed files that do not exist, shared packages
 * that are not installed.
 */
export function resolveConfig(config: FederationConfig, root: string): ResolvedConfig {
  const problems: string[] = [];
  if (!config || typeof config !== 'object') throw invalid(['the config must be an object: export default defineConfig({ name, ... })']);
  for (const key of Object.keys(config)) {
    if (!configKeys.includes(key)) problems.push(`unknown key "${key}"${suggest(key, configKeys)}`);
  }
  if (typeof config.name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(config.name)) {
    problems.push(`"name" must be a JavaScript identifier such as "catalog" (got ${JSON.stringify(config.name)})`);
  }
  const optionalString = (key: keyof FederationConfig) => {
    if (config[key] !== undefined && (typeof config[key] !== 'string' || !config[key])) problems.push(`"${key}" must be a non-empty string`);
  };
  (['filename', 'shareScope', 'entry', 'html', 'outDir'] as const).forEach(optionalString);
  if (config.shareStrategy !== undefined && config.shareStrategy !== 'version-first' && config.shareStrategy !== 'loaded-first') {
    problems.push(`"shareStrategy" must be "version-first" or "loaded-first"`);
  }
  if (typeof config.filename === 'string' && config.filename && (basename(config.filename) !== config.filename || !/^[\w.-]+\.m?js$/.test(config.filename) || config.filename.startsWith('.'))) {
    problems.push(`"filename" must be a plain file name ending in .js, such as "remoteEntry.js" (got ${JSON.stringify(config.filename)}): it is written inside outDir`);
  }
  if (config.minify !== undefined && typeof config.minify !== 'boolean') problems.push('"minify" must be true or false');
  if (config.dts !== undefined && typeof config.dts !== 'boolean') problems.push('"dts" must be true or false');
  const devPort = config.dev?.port;
  if (config.dev !== undefined && (typeof config.dev !== 'object' || (devPort !== undefined && (!Number.isInteger(devPort) || devPort < 0 || devPort > 65535)))) {
    problems.push('"dev" must be { port: <0-65535> }');
  }

  const exposes: Record<string, string> = {};
  for (const [name, path] of Object.entries(objectOrEmpty(config.exposes, 'exposes', problems))) {
    if (!name.startsWith('./')) problems.push(`exposes: "${name}" must start with "./" (e.g. "./${name.replace(/^\.?\/?/, '')}")`);
    if (typeof path !== 'string') { problems.push(`exposes["${name}"] must be a file path`); continue; }
    const file = resolve(root, path);
    if (!existsSync(file)) problems.push(`exposes["${name}"]: ${path} does not exist (looked for ${file})`);
    exposes[name] = file;
  }
  const remotes = objectOrEmpty(config.remotes, 'remotes', problems);
  for (const [name, remote] of Object.entries(remotes)) {
    const entry = typeof remote === 'string' ? remote : remote?.entry;
    if (typeof entry !== 'string' || !entry) problems.push(`remotes["${name}"] needs an entry URL (remote entry or mf-manifest.json)`);
  }
  const entry = config.entry && resolve(root, config.entry);
  if (entry && !existsSync(entry)) problems.push(`"entry": ${config.entry} does not exist (looked for ${entry})`);
  const html = config.html ? resolve(root, config.html) : existsSync(resolve(root, 'index.html')) ? resolve(root, 'index.html') : undefined;
  if (html && !existsSync(html)) problems.push(`"html": ${config.html} does not exist`);
  if (!entry && Object.keys(exposes).length === 0 && problems.length === 0) {
    problems.push('nothing to build: give "exposes" (a remote) or "entry" (a host), or both');
  }
  const plugins = config.runtimePlugins ?? [];
  if (!Array.isArray(plugins)) problems.push('"runtimePlugins" must be an array of module paths');

  const shareScope = config.shareScope ?? 'default';
  const appPackage = readPackageJson(root);
  const shared: Record<string, ResolvedShared> = {};
  const sharedInput = Array.isArray(config.shared)
    ? Object.fromEntries(config.shared.map((key) => [key, {} as SharedConfig]))
    : objectOrEmpty(config.shared, 'shared', problems);
  for (const [key, raw] of Object.entries(sharedInput)) {
    const options: SharedConfig = typeof raw === 'string' ? { requiredVersion: raw } : raw ?? {};
    for (const option of Object.keys(options)) {
      if (!sharedKeys.includes(option)) problems.push(`shared["${key}"]: unknown option "${option}"${suggest(option, sharedKeys)}`);
    }
    const packageName = packageNameOf(key);
    const installed = findInstalledPackage(packageName, root);
    if (!installed && options.import !== false) {
      problems.push(`shared["${key}"]: package "${packageName}" is not installed (no node_modules/${packageName} from ${root}); run npm install ${packageName}, or set import: false to only consume it`);
      continue;
    }
    const version = options.version ?? installed?.version ?? '0.0.0';
    const declared = appPackage?.dependencies?.[packageName] ?? appPackage?.peerDependencies?.[packageName] ?? appPackage?.devDependencies?.[packageName];
    const requiredVersion = options.requiredVersion !== undefined ? options.requiredVersion : declared && /^[\^~<>=\d*x]/.test(declared) ? declared : `^${version}`;
    const importOn = options.import !== false;
    const singleton = !!options.singleton;
    shared[key] = {
      key,
      packageName,
      packageDir: installed?.dir ?? '',
      version,
      requiredVersion,
      singleton,
      strictVersion: options.strictVersion ?? (importOn && !singleton),
      eager: !!options.eager,
      import: importOn,
      shareScope: options.shareScope ?? shareScope,
    };
  }
  const outDir = resolve(root, typeof config.outDir === 'string' && config.outDir ? config.outDir : 'dist');
  const sources = [...Object.values(exposes), ...(entry ? [entry] : []), ...(html ? [html] : [])];
  const outDirMistake = outDirProblem(outDir, root, sources);
  if (outDirMistake) problems.push(`"outDir": ${outDirMistake}`);
  const runtime = runtimeConfig(config, problems);
  if (problems.length) throw invalid(problems);
  return {
    runtime,
    root,
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
    minify: config.minify ?? true,
    runtimePlugins: plugins.map((p) => (p.startsWith('.') ? resolve(root, p) : p)),
    dts: config.dts ?? true,
    version: appPackage?.version ?? '0.0.0',
    ...(devPort ? { devPort } : {}),
  };
}

/** The runtime options set in the config, checked: numbers ≥ 0, `integrity` a boolean, `nonce` a string. */
function runtimeConfig(config: FederationConfig, problems: string[]): RuntimeConfig {
  const runtime: Record<string, unknown> = {};
  for (const key of runtimeKeys) {
    const value = config[key];
    if (value === undefined) continue;
    const type = key === 'integrity' ? 'boolean' : key === 'nonce' ? 'string' : 'number';
    if (typeof value !== type || (type === 'number' && !((value as number) >= 0))) problems.push(`"${key}" must be a ${type}${type === 'number' ? ' ≥ 0' : ''} (got ${JSON.stringify(value)})`);
    else runtime[key] = value;
  }
  return runtime;
}

function invalid(problems: string[]): FederationError {
  return new FederationError('TESSERA_CONFIG_INVALID', `federation.config.ts is invalid:\n  - ${problems.join('\n  - ')}\n `, {
    hint: 'Fix the keys listed above (see the FederationConfig type)',
  });
}

function objectOrEmpty<T>(value: T | undefined, key: string, problems: string[]): NonNullable<T> | Record<string, never> {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`"${key}" must be an object`);
    return {};
  }
  return value;
}

function suggest(word: string, known: string[]): string {
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
