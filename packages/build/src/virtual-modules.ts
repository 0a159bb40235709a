import { PROTOCOL } from '@tessera/runtime/options';
import type { ResolvedConfig } from './config.js';
import type { ShareKey } from './scan.js';

/** Placeholder in entry files, replaced after the build by the chunk requirements (JSON). */
export const CHUNKS_PLACEHOLDER = '__TESSERA_CHUNKS__';

/** File-name-safe form of a share key: 'react-dom/client' → 'react-dom__client'. */
export function chunkNameOf(key: string): string {
  return key.replace(/^@/, '').replace(/\//g, '__');
}

const json = JSON.stringify;

/**
 * Global through which an app's chunks reach their app's runtime instance:
 * `globalThis.__TESSERA_APPS__[name] = { federation, runtime }`, set by the app's entry before any
 * of its chunks runs. A global, not a module, so that no chunk imports a module of the entry (esbuild
 * would split it into a chunk of its own: one more request) and so that an app's chunks reach their
 * instance whichever copy of the runtime made it (the page's, or the app's own).
 */
export const APPS_GLOBAL = '__TESSERA_APPS__';

/** The expression build-emitted code reads an app's `{ federation, runtime }` with. */
export function appHandle(name: string): string {
  return `globalThis.${APPS_GLOBAL}[${json(name)}]`;
}

/**
 * Share keys whose fallbacks load as one chunk, one request instead of several: a package with
 * those of its subpaths that need it ('react-dom' with 'react-dom/client', whose code requires
 * 'react-dom'; see `ShareKey.needsPackage`), and in a host (an app with an `entry`) with all its
 * subpaths ('react' with 'react/jsx-runtime'): a host's fallbacks are what its own page loads, the
 * package and its subpaths together. A remote keeps a subpath that does not need its package in a
 * chunk of its own: its fallbacks load where its host lacks a key (webpack provides only what its
 * code imports, often 'react' without 'react/jsx-runtime'), and must not bring the package's code
 * along. Keys provided eagerly or not at all are in no group. Maps a group's name to its keys.
 */
export function fallbackGroups(config: ResolvedConfig, shareKeys: Map<string, ShareKey>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const provided = (key: string) => !!shareKeys.get(key)?.import && !shareKeys.get(key)?.eager;
  for (const s of shareKeys.values()) {
    if (!provided(s.key)) continue;
    const group = (s.needsPackage || config.entry) && provided(s.packageName) ? s.packageName : s.key;
    groups.set(group, [...(groups.get(group) ?? []), s.key]);
  }
  return groups;
}

/**
 * The app's setup: `createApp(runtime)` makes the app's runtime instance with the options of
 * federation.config.ts on the runtime it is given (the page's, or the app's own copy), and publishes
 * it for the app's chunks (see `APPS_GLOBAL`). Every shared module is provided with a loader of its
 * fallback chunk (or, `eager`, with the module itself). `snapshot`: the remotes' manifests the build
 * read (`snapshot: true`), by URL.
 */
export function containerModule(config: ResolvedConfig, shareKeys: Map<string, ShareKey>, snapshot: Record<string, unknown> = {}): string {
  const lines: string[] = [];
  const plugins = config.runtimePlugins.map((path, i) => {
    lines.push(`import plugin${i} from ${json(path)};`);
    return `typeof plugin${i} === "function" ? plugin${i}() : plugin${i}`;
  });
  const groupOf = new Map<string, [string, number]>();
  for (const [group, keys] of fallbackGroups(config, shareKeys)) keys.forEach((key, i) => groupOf.set(key, [group, i]));
  const shared = [...shareKeys].map(([key, s], i) => {
    const options: Record<string, unknown> = {
      version: s.version,
      requiredVersion: s.rule.requiredVersion,
      singleton: s.rule.singleton,
      strictVersion: s.rule.strictVersion,
      eager: s.eager,
      shareScope: s.shareScope,
    };
    if (!s.import) return `${json(key)}: ${json({ ...options, import: false })}`;
    if (s.eager) {
      lines.push(`import eager${i} from ${json(`tessera-fallback:${key}`)};`);
      return `${json(key)}: { ...${json(options)}, lib: eager${i} }`;
    }
    const [group, index] = groupOf.get(key)!;
    const get = `() => federation.loadChunk(${json(`shared:${key}`)}, () => import(${json(`tessera-shared-group:${group}`)})).then((m) => m.f${index})`;
    return `${json(key)}: { ...${json(options)}, get: ${get} }`;
  });
  lines.push(
    'export function createApp(runtime) {',
    '  const federation = runtime.createInstance({',
    `    name: ${json(config.name)},`,
    `    shareScope: ${json(config.shareScope)},`,
    `    shareStrategy: ${json(config.shareStrategy)},`,
    `    remotes: ${json(config.remotes.map(({ manifest: _, entries, network, ...remote }) => ({ ...remote, ...(entries.length > 1 ? { entry: entries.map((e) => e.url) } : {}), ...network })))},`,
    ...Object.entries(config.runtime).map(([key, value]) => `    ${key}: ${json(value)},`),
    ...(Object.keys(snapshot).length ? [`    snapshot: ${json(snapshot)},`] : []),
    `    plugins: [${plugins.join(', ')}],`,
    `    shared: {\n      ${shared.join(',\n      ')}\n    },`,
    '  });',
    `  (globalThis.${APPS_GLOBAL} ??= {})[${json(config.name)}] = { federation, runtime };`,
    '  return federation;',
    '}',
  );
  return lines.join('\n');
}

/**
 * The runtime an entry runs on: the page's (`globalThis.__TESSERA__.runtime`) when it speaks this
 * build's protocol, else the app's own copy (`own`: an expression giving the runtime's module).
 */
function pickRuntime(own: string): string {
  return [
    'const page = globalThis.__TESSERA__;',
    `const runtime = page && page.protocol === ${PROTOCOL} && page.runtime || ((own) => own.joinPage(own))(${own});`,
  ].join('\n');
}

/**
 * The remote entry: webpack's container protocol, `init` and `get`. It runs on the page's Tessera
 * runtime when there is one of the same protocol; only otherwise (a webpack or Module Federation 2.0
 * host, a host of another protocol, no host) does it import its own runtime chunk, with a top-level
 * `await` (hosts `import()` the entry, so they wait for it).
 */
export function remoteEntryModule(config: ResolvedConfig): string {
  const exposes = Object.entries(config.exposes).map(([name, file]) => `${json(name)}: () => import(${json(file)})`);
  return [
    'import { createApp } from "tessera:container";',
    pickRuntime('(await import("tessera:runtime"))'),
    'const federation = createApp(runtime);',
    `federation.registerChunks(${json(CHUNKS_PLACEHOLDER)}, import.meta.url);`,
    `const container = runtime.createContainer(federation, {\n  ${exposes.join(',\n  ')}\n});`,
    'export const init = container.init;',
    'export const get = container.get;',
  ].join('\n');
}

/**
 * The remote entry as a classic script that sets `globalThis[name]`, for hosts that load remotes
 * with a script tag (webpack's `remoteType: 'var'`/`'script'`). It imports the ES module entry
 * next to it on first use, so both share one container.
 */
export function varEntryScript(config: ResolvedConfig): string {
  return [
    `var ${config.name} = (function () {`,
    '  var base = document.currentScript && document.currentScript.src;',
    '  var entry;',
    `  function load() { return entry || (entry = import(new URL(${json(`./${config.filename}`)}, base).href)); }`,
    '  return {',
    '    init: function (shareScope, initScope) { return load().then(function (c) { return c.init(shareScope, initScope); }); },',
    '    get: function (module) { return load().then(function (c) { return c.get(module); }); }',
    '  };',
    '})();',
    '',
  ].join('\n');
}

/** File name of the `var` script entry: 'remoteEntry.js' → 'remoteEntry.var.js'. */
export function varEntryFilename(filename: string): string {
  return filename.replace(/(\.m?js)?$/, '.var.js');
}

/**
 * A host's entry: the runtime (bundled into the entry: a host is normally the page's first Tessera
 * app, so its copy becomes the page's; a host that finds one of its protocol uses that), the
 * automatic async boundary (the share scope initialised from the remotes' manifests), then the
 * app's own entry. No remote's code runs before the app's own: a Tessera remote's entry loads when
 * one of its modules is asked for (runtime's `ensureContainer`), so the app's first render comes first.
 */
export function hostEntryModule(config: ResolvedConfig): string {
  return [
    'import * as own from "tessera:runtime";',
    'import { createApp } from "tessera:container";',
    pickRuntime('own'),
    'const federation = createApp(runtime);',
    `federation.registerChunks(${json(CHUNKS_PLACEHOLDER)}, import.meta.url);`,
    '// The app\'s own code downloads while the share scope initialises.',
    'federation.prefetchChunk("main");',
    'federation.initShareScope()',
    `  .then(() => federation.loadChunk("main", () => import(${json(config.entry)})))`,
    '  .catch((error) => console.error(error));',
  ].join('\n');
}

/**
 * What an import of a shared module compiles to: the negotiated module, loaded before this chunk
 * ran, read through the app's handle (`appHandle`). When the app's own copy is an ES module, the
 * consumer keeps ES module semantics (its default and named exports, whatever the importer's module
 * mode); otherwise CommonJS semantics. Every importer gets its own copy (a few bytes), so that no
 * consume module is shared between chunks (esbuild would make it a chunk of its own).
 */
export function consumeModule(key: string, shareKey: ShareKey | undefined, app: string): string {
  const consumed = `${appHandle(app)}.federation.consumed(${json(key)})`;
  if (shareKey?.format !== 'esm') return `module.exports = ${consumed};`;
  const hasDefault = shareKey.exports.includes('default');
  const names = shareKey.exports.filter((name) => name !== 'default');
  const exported = [...(hasDefault ? ['d as default'] : []), ...names.map((name, i) => `e${i} as ${json(name)}`)];
  return [
    `const m = ${consumed};`,
    ...(hasDefault ? ['const d = m && m.__esModule ? m.default : m;'] : []),
    ...names.map((name, i) => `const e${i} = m[${json(name)}];`),
    `export { ${exported.join(', ')} };`,
  ].join('\n');
}

/** What a static import of a remote module ('catalog/ProductList') compiles to. */
export function remoteModule(id: string, app: string): string {
  return `module.exports = ${appHandle(app)}.federation.consumedRemote(${json(id)});`;
}

/** A shared module's fallback: a factory of the app's own copy (webpack-style exports), run when the module is first used. */
export function fallbackModule(resolvedPath: string): string {
  return `export default () => require(${json(resolvedPath)});`;
}

/** The chunk of a group of fallbacks (see `fallbackGroups`): `f<i>` is the factory of the group's i-th key. */
export function fallbackGroupModule(keys: string[]): string {
  return keys.map((key, i) => `export { default as f${i} } from ${json(`tessera-fallback:${key}`)};`).join('\n');
}

/** Functions of `@tessera/runtime` that act on "the app's instance". */
const INSTANCE_FUNCTIONS = new Set(['loadRemote', 'loadedRemote', 'loadShare', 'registerRemotes', 'unloadRemote', 'preloadRemote']);

/**
 * What an app's own import of `@tessera/runtime` compiles to: the runtime its entry picked (the
 * page's one), with `loadRemote` and the other page-wide functions acting on the app's instance,
 * as they did when each app bundled its own copy; `init` with the app's name adds to it. `names`:
 * the runtime's exports; those the importer does not use tree-shake away.
 */
export function runtimeApiModule(app: string, names: string[]): string {
  const h = appHandle(app);
  const lines = [`const r = (k) => ${h}.runtime[k];`];
  for (const name of names) {
    if (INSTANCE_FUNCTIONS.has(name)) lines.push(`export const ${name} = (...a) => ${h}.federation.${name}(...a);`);
    else if (name === 'init') {
      lines.push(`export const init = (o) => { const h = ${h}; if (o && o.name === h.federation.name) { h.federation.initOptions(o); return h.federation; } return h.runtime.init(o); };`);
    } else lines.push(`export const ${name} = /* @__PURE__ */ r(${json(name)});`);
  }
  return lines.join('\n');
}
