import { FederationError, toWebpackExports, type ModuleExports, type SharedInput } from '@tessera/runtime';
import { installedVersion, packageNameOf } from './installed-version.js';

export interface ProvideSharedOptions {
  /** As `SharedInput`, applied to every module given. */
  singleton?: boolean;
  requiredVersion?: string | false;
  strictVersion?: boolean;
  shareScope?: string;
  /**
   * Where the packages are installed, for their versions: a folder, a file or a `file:` URL
   * (`import.meta.url`). Default: `process.cwd()`.
   */
  from?: string | URL;
}

/**
 * `shared` options that provide the test's own copies of packages to the share scope, by share
 * key: `provideShared({ react: await import('react'), 'react/jsx-runtime': await import('react/jsx-runtime') }, { singleton: true })`.
 * Each becomes `{ version, lib }` (so `eager`): the version is the installed package's
 * (`node_modules/<package>/package.json` from `from`; a subpath key takes its package's), and
 * `lib` returns the module as webpack hands it to consumers: for a namespace from `import()` of a
 * CommonJS package (`react`), its `module.exports`; of an ES module, its exports with
 * `__esModule`; any other value as it is. Give the subpaths your remotes import
 * (`react/jsx-runtime`), or they fall back to their own copies.
 * With the same version as a built remote's, the test's copy wins (an eager provider wins a tie).
 * Throws TESSERA_INVALID_OPTIONS for a package that is not installed there.
 */
export function provideShared(modules: Record<string, unknown>, options: ProvideSharedOptions = {}): Record<string, SharedInput> {
  const { from = process.cwd(), ...rule } = options;
  const shared: Record<string, SharedInput> = {};
  for (const [key, module] of Object.entries(modules)) {
    const version = installedVersion(packageNameOf(key), from);
    if (!version) {
      throw new FederationError('TESSERA_INVALID_OPTIONS', `Cannot provide shared "${key}": package "${packageNameOf(key)}" is not installed from ${String(from)}`, {
        hint: 'Pass `from` (e.g. import.meta.url of the test), or give it yourself: { lib: () => module, version }',
      });
    }
    const exports = asExports(module);
    shared[key] = { ...rule, version, lib: () => exports };
  }
  return shared;
}

/**
 * A namespace from `import()` as the exports webpack hands consumers: for a CommonJS package
 * (Node gives its `module.exports` as `default`, and every named export is a property of it),
 * `module.exports`; for an ES module, its exports with `__esModule`. Other values as they are.
 */
function asExports(module: unknown): ModuleExports {
  if (!module || typeof module !== 'object' || Object.prototype.toString.call(module) !== '[object Module]') return module;
  const ns = module as Record<string, unknown>;
  const main = ns.default as Record<string, unknown> | undefined;
  const commonJs = (typeof main === 'object' || typeof main === 'function') && main !== null
    && Object.keys(ns).every((key) => key === 'default' || main[key] === ns[key]);
  return commonJs ? main : toWebpackExports(ns);
}
