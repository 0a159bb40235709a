import type { FederationInfo, InstanceInfoSource } from './federation-info.js';
import { recordedInfo } from './recorded-info.js';

/**
 * `globalThis.__TESSERA__`: the page-wide registry every copy of the runtime joins (each app
 * bundles its own copy), for devtools and `getFederationInfo()`. `protocol` changes only when
 * this shape does, so copies built months apart still meet.
 */
export interface TesseraGlobal {
  protocol: 1;
  instances: InstanceInfoSource[];
  getFederationInfo(): FederationInfo;
  /** Integrity hashes ('sha384-…') of remote files by absolute URL, from their manifests (added later: optional). */
  integrity?: Record<string, string>;
  /** CSP nonce set on every element a runtime adds to the page. */
  nonce?: string;
  /** Opens the inspector panel, where `@tessera/inspector`'s trigger is installed. */
  inspect?: () => Promise<unknown>;
}

export function tesseraGlobal(): TesseraGlobal {
  const g = globalThis as { __TESSERA__?: TesseraGlobal };
  if (!g.__TESSERA__) {
    const registry: TesseraGlobal = {
      protocol: 1,
      instances: [],
      getFederationInfo: () => recordedInfo(registry.instances),
    };
    g.__TESSERA__ = registry;
  }
  return g.__TESSERA__;
}
