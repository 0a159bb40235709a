import { FederationError } from './errors.js';
import type { ConsumeRule } from './select-version.js';
import type { ModuleExports, SharedVersionEntry } from './types.js';

/**
 * A shared module as a host or remote declares it at run time (webpack's `shared` options,
 * plus how to get the module: `get` returns a factory, `lib` the module itself).
 */
export interface SharedInput {
  /** The version this app provides, e.g. '19.1.0'. Needed to provide. */
  version?: string;
  /** Loads the provided module: `() => import('react').then(m => () => m)`. */
  get?: SharedVersionEntry['get'];
  /** The provided module itself (implies `eager`). */
  lib?: () => ModuleExports;
  shareScope?: string;
  singleton?: boolean;
  /** npm range; false accepts any version. Default: `^version` when a version is given, else any. */
  requiredVersion?: string | false;
  /** Default (as webpack): true when not a singleton and there is an own fallback. */
  strictVersion?: boolean;
  eager?: boolean;
  /** false: consume only, never provide nor fall back. */
  import?: false;
}

/** A shared module with every option resolved. `provide` is absent for consume-only modules. */
export interface ResolvedShared {
  key: string;
  version?: string;
  shareScope: string;
  eager: boolean;
  provide?: SharedVersionEntry['get'];
  rule: Omit<ConsumeRule, 'strategy'>;
}

export function normalizeShared(key: string, input: SharedInput, defaultScope: string): ResolvedShared {
  if (!input || typeof input !== 'object') {
    throw new FederationError('TESSERA_INVALID_OPTIONS', `Shared ${key} must be an object`);
  }
  const lib = input.lib;
  const eager = !!input.eager || !!lib;
  const provide = input.import === false ? undefined : lib ? () => lib : input.get;
  if (provide && !input.version) {
    throw new FederationError('TESSERA_INVALID_OPTIONS', `Shared ${key} is provided without a version`);
  }
  const singleton = !!input.singleton;
  return {
    key,
    ...(input.version ? { version: input.version } : {}),
    shareScope: input.shareScope ?? defaultScope,
    eager,
    ...(provide ? { provide } : {}),
    rule: {
      singleton,
      requiredVersion: input.requiredVersion ?? (input.version ? `^${input.version}` : false),
      strictVersion: input.strictVersion ?? (!!provide && !singleton),
      eager,
    },
  };
}
