import type { RemoteEntryType } from '@tessera/runtime';
import { show } from './show-value.js';

/**
 * webpack's `ModuleFederationPlugin` vocabulary, as Tessera reads it. Every option webpack (5 and
 * Module Federation 2.0's `@module-federation/enhanced`) knows is either the same word here,
 * mapped onto Tessera's word, not needed (accepted with a warning that says why), or not supported
 * (refused with why). docs/migrate-from-webpack.md is the same table in prose.
 */

/** `remoteType` / `library.type` values and the remote entry type each maps to. */
const entryTypes: Record<string, RemoteEntryType> = {
  module: 'module', esm: 'module', import: 'module',
  var: 'var', script: 'var', global: 'var', window: 'var', self: 'var', this: 'var', assign: 'var',
};

/** What a `remoteType` means for Tessera, or why it cannot be loaded in a browser. */
export function remoteTypeOf(value: unknown): { type: RemoteEntryType } | { problem: string } {
  if (typeof value === 'string' && value in entryTypes) return { type: entryTypes[value]! };
  return {
    problem: `"remoteType": ${show(value)} cannot be loaded by a browser host; use "module" (ES module remote entry) or "var"/"script" (a script that sets a global). Tessera's per-remote word is remotes.<name>.type`,
  };
}

/**
 * webpack's `library: { type, name }` for the remote entry. Tessera always writes both an ES module
 * entry (`remoteEntry.js`) and a script entry setting `globalThis[name]` (`remoteEntry.var.js`), so
 * module and var-like types are accepted; `library.name` must be the container name.
 */
export function libraryProblem(value: unknown, name: unknown): string | undefined {
  if (!value || typeof value !== 'object') return '"library" must be an object such as { type: "module" }';
  const { type, name: libraryName, ...rest } = value as { type?: unknown; name?: unknown };
  const extra = Object.keys(rest);
  if (extra.length) return `"library": ${extra.map((k) => `"${k}"`).join(', ')} not supported: Tessera's remote entry is an ES module (remoteEntry.js) plus a script that sets globalThis[name] (remoteEntry.var.js)`;
  if (type !== undefined && !(typeof type === 'string' && type in entryTypes)) {
    return `"library.type": ${show(type)} is not supported: Tessera writes an ES module entry and a "var" script entry, which cover "module", "var", "script", "global" and "window"; drop library or use one of those`;
  }
  if (libraryName !== undefined && libraryName !== name) {
    return `"library.name" must equal "name" (${show(name)}): the script entry sets globalThis[name]; drop library.name`;
  }
  return undefined;
}

/** Top-level webpack options Tessera does not need: accepted, and the build warns why it ignores them. */
export const notNeeded: Record<string, string> = {
  runtime: 'Tessera has no separate runtime chunk: the remote entry uses the page\'s Tessera runtime or brings its own',
  implementation: 'Tessera\'s federation build is its own; there is no webpack implementation to swap',
  manifest: 'mf-manifest.json is always written',
};

/** Top-level options of webpack or Module Federation 2.0 that Tessera refuses, with why and what to do instead. */
export const notSupported: Record<string, string> = {
  getPublicPath: 'a public path computed at run time is not supported; set "publicPath" to a URL, or leave it "auto" (files load relative to the remote entry)',
  experiments: 'Module Federation 2.0 experiments are not supported',
  bridge: 'Module Federation 2.0 bridges are not needed: RemoteComponent from @tessera/react renders remote React components',
  dataPrefetch: 'data prefetch is not supported',
  virtualRuntimeEntry: 'there is no runtime entry to virtualise: the runtime is in the remote entry',
  injectTsRuntime: 'not needed: the runtime is written in TypeScript and bundled',
  async: 'not needed: a host\'s entry is always behind an async boundary',
};
