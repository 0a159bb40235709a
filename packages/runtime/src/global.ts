import type { FederationInfo, InstanceInfoSource } from './federation-info.js';
import { recordedInfo } from './recorded-info.js';
import { PROTOCOL } from './protocol.js';

/** The runtime's module exports, as `__TESSERA__.runtime` gives them to build-emitted code. */
export type RuntimeExports = typeof import('./index.js');

/**
 * `globalThis.__TESSERA__`: the page-wide registry every runtime instance joins, for devtools and
 * `getFederationInfo()`, and the one runtime the page's Tessera apps share (`runtime`).
 */
export interface TesseraGlobal {
  protocol: typeof PROTOCOL;
  instances: InstanceInfoSource[];
  getFederationInfo(): FederationInfo;
  /**
   * The runtime apps of this protocol create their instances with (set by the first build-emitted
   * entry on the page, through `joinPage`): a remote entry built by Tessera uses it instead of
   * importing its own runtime chunk. Absent until then (e.g. on a page set up by hand with `init`).
   */
  runtime?: RuntimeExports;
  /** Integrity hashes ('sha384-…') of remote files by absolute URL, from their manifests (added later: optional). */
  integrity?: Record<string, string>;
  /** CSP nonce set on every element a runtime adds to the page. */
  nonce?: string;
  /**
   * Called with the URL of a load attempt the runtime gave up (timeout, unloaded remote). Node's
   * http import hooks (`@tessera/runtime/node`) then stop fetching it and the files it imports.
   */
  abandon?: (url: string) => void;
  /** Opens the inspector panel, where `@tessera/inspector`'s trigger is installed. */
  inspect?: () => Promise<unknown>;
}

let own: TesseraGlobal | undefined;

/**
 * The page's registry; created by the first runtime that asks. A copy of the runtime whose
 * protocol differs from the page's keeps a registry of its own (never touches the page's).
 */
export function tesseraGlobal(): TesseraGlobal {
  const g = globalThis as { __TESSERA__?: TesseraGlobal };
  if (!g.__TESSERA__) g.__TESSERA__ = newRegistry();
  return g.__TESSERA__.protocol === PROTOCOL ? g.__TESSERA__ : (own ??= newRegistry());
}

function newRegistry(): TesseraGlobal {
  const registry: TesseraGlobal = {
    protocol: PROTOCOL,
    instances: [],
    getFederationInfo: () => recordedInfo(registry.instances),
  };
  return registry;
}
