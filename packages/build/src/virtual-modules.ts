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
 * The app's runtime instance, made with the options of federation.config.ts. Every shared
 * module is provided with a loader of its fallback chunk (or, `eager`, with the module itself).
 */
export function containerModule(config: ResolvedConfig, shareKeys: Map<string, ShareKey>): string {
  const lines = ['import { init } from "@tessera/runtime";'];
  const plugins = config.runtimePlugins.map((path, i) => {
    lines.push(`import plugin${i} from ${json(path)};`);
    return `typeof plugin${i} === "function" ? plugin${i}() : plugin${i}`;
  });
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
    const fallback = `tessera-fallback:${key}`;
    if (s.eager) {
      lines.push(`import eager${i} from ${json(fallback)};`);
      return `${json(key)}: { ...${json(options)}, lib: () => eager${i} }`;
    }
    const get = `() => federation.loadChunk(${json(`shared:${key}`)}, () => import(${json(fallback)})).then((m) => () => m.default)`;
    return `${json(key)}: { ...${json(options)}, get: ${get} }`;
  });
  lines.push(
    `export const federation = init({`,
    `  name: ${json(config.name)},`,
    `  shareScope: ${json(config.shareScope)},`,
    `  shareStrategy: ${json(config.shareStrategy)},`,
    `  remotes: ${json(config.remotes.map(({ manifest: _, entries, network, ...remote }) => ({ ...remote, ...(entries.length > 1 ? { entry: entries.map((e) => e.url) } : {}), ...network })))},`,
    ...Object.entries(config.runtime).map(([key, value]) => `  ${key}: ${json(value)},`),
    `  plugins: [${plugins.join(', ')}],`,
    `  shared: {\n    ${shared.join(',\n    ')}\n  },`,
    `});`,
  );
  return lines.join('\n');
}

/** The remote entry: webpack's container protocol, `init` and `get`. */
export function remoteEntryModule(config: ResolvedConfig): string {
  const exposes = Object.entries(config.exposes).map(([name, file]) => `${json(name)}: () => import(${json(file)})`);
  return [
    'import { federation } from "tessera:container";',
    'import { createContainer } from "@tessera/runtime";',
    `federation.registerChunks(${json(CHUNKS_PLACEHOLDER)}, import.meta.url);`,
    `const container = createContainer(federation, {\n  ${exposes.join(',\n  ')}\n});`,
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

/** A host's entry: the automatic async boundary before the app's own entry runs. */
export function hostEntryModule(config: ResolvedConfig): string {
  return [
    'import { federation } from "tessera:container";',
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
 * ran. When the app's own copy is an ES module, the consumer keeps ES module semantics (its
 * default and named exports, whatever the importer's module mode); otherwise CommonJS semantics.
 */
export function consumeModule(key: string, shareKey: ShareKey | undefined): string {
  if (shareKey?.format !== 'esm') return `module.exports = require("tessera:container").federation.consumed(${json(key)});`;
  const hasDefault = shareKey.exports.includes('default');
  const names = shareKey.exports.filter((name) => name !== 'default');
  const exported = [...(hasDefault ? ['d as default'] : []), ...names.map((name, i) => `e${i} as ${json(name)}`)];
  return [
    'import { federation } from "tessera:container";',
    `const m = federation.consumed(${json(key)});`,
    ...(hasDefault ? ['const d = m && m.__esModule ? m.default : m;'] : []),
    ...names.map((name, i) => `const e${i} = m[${json(name)}];`),
    `export { ${exported.join(', ')} };`,
  ].join('\n');
}

/** What a static import of a remote module ('catalog/ProductList') compiles to. */
export function remoteModule(id: string): string {
  return `module.exports = require("tessera:container").federation.consumedRemote(${json(id)});`;
}

/** A shared module's fallback chunk: the app's own copy, as webpack-style exports. */
export function fallbackModule(resolvedPath: string): string {
  return `export default require(${json(resolvedPath)});`;
}
